import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Database, Db } from '../db/client';
import type { Actor } from './policy';
import { sessions } from './sessions.table';

export const SESSION_COOKIE = 'tj_session';

export const tokenId = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createSession(db: Db, userId: number, now: Date) {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await db.insert(sessions).values({ id: tokenId(token), userId, csrfToken, createdAt: now, lastSeenAt: now });
  return { token, csrfToken, id: tokenId(token) };
}

export interface SessionLimits {
  idleMs: number;
  absoluteMs: number;
}

/**
 * Every request asks this, so it is one fixed statement rather than a built query: Drizzle's builder and
 * row mapping cost about half a millisecond of CPU per request here, more than the lookup itself.
 */
const SESSION_SQL = `
  SELECT s.csrf_token AS "csrfToken", s.created_at AS "createdAt", s.last_seen_at AS "lastSeenAt",
         u.id AS "userId", u.username, u.display_name AS "displayName", u.role, u.org_id AS "orgId", u.disabled,
         u.totp_enabled_at IS NOT NULL AS "totpEnabled", o.path AS "orgPath", o.name AS "orgName"
  FROM sessions s JOIN users u ON u.id = s.user_id JOIN orgs o ON o.id = u.org_id
  WHERE s.id = $1 AND s.revoked_at IS NULL`;

interface SessionRow {
  csrfToken: string;
  createdAt: Date | string;
  lastSeenAt: Date | string;
  userId: number;
  username: string;
  displayName: string;
  role: string;
  orgId: number;
  disabled: boolean;
  totpEnabled: boolean;
  orgPath: string;
  orgName: string;
}

/** The actor behind a cookie token, or null when the session is unknown, revoked, idle too long or too old. */
export async function resolveSession(database: Database, token: string, now: Date, limits: SessionLimits) {
  const id = tokenId(token);
  const r = (await database.query<SessionRow>(SESSION_SQL, [id]))[0];
  if (!r || r.disabled) return null;
  const t = now.getTime();
  const lastSeen = new Date(r.lastSeenAt).getTime();
  if (t - lastSeen > limits.idleMs || t - new Date(r.createdAt).getTime() > limits.absoluteMs) {
    await database.db.update(sessions).set({ revokedAt: now }).where(eq(sessions.id, id));
    return null;
  }
  // Touch at most once a minute: one write per request would make every read a write.
  if (t - lastSeen > 60_000) await database.db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
  const actor: Actor = {
    userId: r.userId, username: r.username, displayName: r.displayName, role: r.role as Actor['role'], orgId: r.orgId, orgPath: r.orgPath,
  };
  return { actor, sessionId: id, csrfToken: r.csrfToken, orgName: r.orgName, totpEnabled: r.totpEnabled };
}

export async function revokeSession(db: Db, id: string, now: Date) {
  await db.update(sessions).set({ revokedAt: now }).where(eq(sessions.id, id));
}

export async function revokeAllSessions(db: Db, userId: number, now: Date) {
  await db.update(sessions).set({ revokedAt: now }).where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
}

export async function purgeOldSessions(db: Db, before: Date) {
  await db.delete(sessions).where(sql`${sessions.lastSeenAt} < ${before}`);
}

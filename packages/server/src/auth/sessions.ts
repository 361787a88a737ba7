import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { orgs } from '../features/orgs/orgs.table';
import { users } from '../features/users/users.table';
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

/** The actor behind a cookie token, or null when the session is unknown, revoked, idle too long or too old. */
export async function resolveSession(db: Db, token: string, now: Date, limits: SessionLimits) {
  const id = tokenId(token);
  const rows = await db
    .select({ s: sessions, u: users, orgPath: orgs.path, orgName: orgs.name })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(orgs, eq(orgs.id, users.orgId))
    .where(and(eq(sessions.id, id), isNull(sessions.revokedAt)));
  const r = rows[0];
  if (!r || r.u.disabled) return null;
  const t = now.getTime();
  if (t - r.s.lastSeenAt.getTime() > limits.idleMs || t - r.s.createdAt.getTime() > limits.absoluteMs) {
    await db.update(sessions).set({ revokedAt: now }).where(eq(sessions.id, id));
    return null;
  }
  // Touch at most once a minute: one write per request would make every read a write.
  if (t - r.s.lastSeenAt.getTime() > 60_000) await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
  const actor: Actor = {
    userId: r.u.id, username: r.u.username, displayName: r.u.displayName, role: r.u.role as Actor['role'], orgId: r.u.orgId, orgPath: r.orgPath,
  };
  return { actor, sessionId: id, csrfToken: r.s.csrfToken, orgName: r.orgName, totpEnabled: r.u.totpEnabledAt !== null };
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

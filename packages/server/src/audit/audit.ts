import { maskMobile } from '@tuanjian/domain';
import { desc, sql } from 'drizzle-orm';
import type { Db, Queryable } from '../db/client';
import { auditLog } from './audit.table';
import { auditHash, GENESIS_HASH, normalizeJson, type AuditContent } from './hash';

/** Who is acting and under which request; every service receives it and passes it to `audit`. */
export interface AuditContext {
  actorId: number | null;
  actorName: string | null;
  requestId: string | null;
  now: () => Date;
}

export interface AuditEvent {
  action: string;
  objectType: string;
  objectId?: string | number | null;
  before?: unknown;
  after?: unknown;
}

const AUDIT_LOCK = 4242002;

/**
 * The audit log is kept forever and read by auditors: a mobile number appears masked (138****1234) and its
 * blind index not at all, so the log never becomes a plaintext copy of the personal data sealed elsewhere.
 */
function withoutPersonalData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPersonalData);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === 'mobileHash') continue;
    out[k] = /mobile$/i.test(k) && typeof v === 'string' ? maskMobile(v) : withoutPersonalData(v);
  }
  return out;
}

function contentOf(ctx: AuditContext, event: AuditEvent): AuditContent {
  return {
    at: new Date(ctx.now().getTime()),
    actorId: ctx.actorId,
    actorName: ctx.actorName,
    requestId: ctx.requestId,
    action: event.action,
    objectType: event.objectType,
    objectId: event.objectId == null ? null : String(event.objectId),
    before: normalizeJson(withoutPersonalData(event.before)),
    after: normalizeJson(withoutPersonalData(event.after)),
  };
}

/**
 * Appends one hash-chained row. Call it inside the transaction that makes the change, so the change
 * and its audit row commit or vanish together. The advisory lock orders concurrent writers.
 */
export async function audit(tx: Db, ctx: AuditContext, event: AuditEvent): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_LOCK})`);
  const last = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  const prevHash = last[0]?.hash ?? GENESIS_HASH;
  const content = contentOf(ctx, event);
  await tx.insert(auditLog).values({ ...content, prevHash, hash: auditHash(prevHash, content) });
}

/** The same, for raw-SQL transactions (bulk imports). */
export async function auditRaw(q: Queryable, ctx: AuditContext, event: AuditEvent): Promise<void> {
  await q.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_LOCK]);
  const last = await q.query<{ hash: string }>('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1');
  const prevHash = last[0]?.hash ?? GENESIS_HASH;
  const c = contentOf(ctx, event);
  await q.query(
    `INSERT INTO audit_log (at, actor_id, actor_name, request_id, action, object_type, object_id, before, after, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10, $11)`,
    [c.at, c.actorId, c.actorName, c.requestId, c.action, c.objectType, c.objectId, JSON.stringify(c.before), JSON.stringify(c.after), prevHash, auditHash(prevHash, c)],
  );
}

import { asc, gt } from 'drizzle-orm';
import type { Db } from '../db/client';
import { auditLog } from './audit.table';
import { auditHash, GENESIS_HASH, HMAC_SM3_PREFIX, legacyAuditHash } from './hash';

export interface ChainReport {
  ok: boolean;
  checked: number;
  brokenAt: number | null;
  /** Rows verified with plain SHA-256 only: anyone with write access to the database could have recomputed them. */
  unkeyed: number;
}

/**
 * Walks the whole chain in id order; the first row whose link or content does not match breaks it.
 * Rows from before the keyed chain (plain SHA-256) verify as written, but only as a prefix: once an
 * HMAC-SM3 row has been seen, an unkeyed row after it is a forgery.
 */
export async function verifyAuditChain(db: Db, onProgress?: (checked: number) => void): Promise<ChainReport> {
  let prev = GENESIS_HASH;
  let lastId = 0;
  let checked = 0;
  let keyed = false;
  let unkeyed = 0;
  for (;;) {
    const rows = await db.select().from(auditLog).where(gt(auditLog.id, lastId)).orderBy(asc(auditLog.id)).limit(5000);
    if (rows.length === 0) return { ok: true, checked, brokenAt: null, unkeyed };
    for (const r of rows) {
      const content = {
        at: r.at,
        actorId: r.actorId,
        actorName: r.actorName,
        requestId: r.requestId,
        action: r.action,
        objectType: r.objectType,
        objectId: r.objectId,
        before: r.before,
        after: r.after,
      };
      const isKeyed = r.hash.startsWith(HMAC_SM3_PREFIX);
      if (keyed && !isKeyed) return { ok: false, checked, brokenAt: r.id, unkeyed };
      keyed = isKeyed;
      if (!isKeyed) unkeyed++;
      const expected = isKeyed ? auditHash(prev, content) : legacyAuditHash(prev, content);
      if (r.prevHash !== prev || r.hash !== expected) return { ok: false, checked, brokenAt: r.id, unkeyed };
      prev = r.hash;
      lastId = r.id;
      checked++;
    }
    onProgress?.(checked);
  }
}

import { asc, gt } from 'drizzle-orm';
import type { Db } from '../db/client';
import { auditLog } from './audit.table';
import { auditHash, GENESIS_HASH } from './hash';

export interface ChainReport {
  ok: boolean;
  checked: number;
  brokenAt: number | null;
}

/** Walks the whole chain in id order; the first row whose link or content does not match breaks it. */
export async function verifyAuditChain(db: Db, onProgress?: (checked: number) => void): Promise<ChainReport> {
  let prev = GENESIS_HASH;
  let lastId = 0;
  let checked = 0;
  for (;;) {
    const rows = await db.select().from(auditLog).where(gt(auditLog.id, lastId)).orderBy(asc(auditLog.id)).limit(5000);
    if (rows.length === 0) return { ok: true, checked, brokenAt: null };
    for (const r of rows) {
      const expected = auditHash(prev, {
        at: r.at,
        actorId: r.actorId,
        actorName: r.actorName,
        requestId: r.requestId,
        action: r.action,
        objectType: r.objectType,
        objectId: r.objectId,
        before: r.before,
        after: r.after,
      });
      if (r.prevHash !== prev || r.hash !== expected) return { ok: false, checked, brokenAt: r.id };
      prev = r.hash;
      lastId = r.id;
      checked++;
    }
    onProgress?.(checked);
  }
}

import type { Database } from '../db/client';
import { dataCrypto } from './data-crypto';

const SEALED_COLUMNS = [
  { table: 'users', column: 'mobile' },
  { table: 'cadres', column: 'mobile' },
  { table: 'org_leaders', column: 'mobile' },
] as const;

/**
 * Seals mobile numbers written before sealing existed (or restored from an old backup). Idempotent:
 * sealed values carry a prefix and are skipped. Returns how many values it sealed.
 */
export async function sealExistingPersonalData(database: Database): Promise<number> {
  const crypto = dataCrypto();
  let sealed = 0;
  for (const { table, column } of SEALED_COLUMNS) {
    const rows = await database.query<{ id: number; v: string }>(`SELECT id, ${column} AS v FROM ${table} WHERE ${column} IS NOT NULL AND ${column} NOT LIKE 'sm4:1:%'`);
    if (!rows.length) continue;
    await database.transaction(async (q) => {
      for (const r of rows) {
        await q.query(`UPDATE ${table} SET ${column} = $1, ${column}_hash = $2 WHERE id = $3`, [crypto.seal(r.v), crypto.blindIndex(r.v), r.id]);
      }
    });
    sealed += rows.length;
  }
  return sealed;
}

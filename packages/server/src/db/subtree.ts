import { subtreeRange } from '@tuanjian/domain';
import { sql, type AnyColumn, type SQL } from 'drizzle-orm';

/** SQL condition: the path column lies in the subtree at `path` — one range of a path index, never a walk. */
export function inSubtreeSql(pathColumn: AnyColumn | SQL, path: string): SQL {
  const { lo, hi } = subtreeRange(path);
  return sql`(${pathColumn} >= ${lo} AND ${pathColumn} < ${hi})`;
}

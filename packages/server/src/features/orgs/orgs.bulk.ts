import type { Queryable } from '../../db/client';
import { SINCE_ALWAYS } from './orgs.rules';

export interface NewOrg {
  id: number;
  parentId: number | null;
  path: string;
  depth: number;
  code: string;
  name: string;
  kind: string;
  sector: string | null;
  level: string;
  status: string;
  divisionCode: string | null;
  foundedOn: string | null;
  memberCount: number | null;
}

const BATCH = 20_000;

/**
 * Inserts many orgs with one statement per batch: columns travel as arrays and `unnest` turns them
 * into rows, which is several times faster than multi-row VALUES and works the same on PGlite.
 */
export async function bulkInsertOrgs(database: Queryable, rows: NewOrg[], onProgress?: (done: number) => void) {
  for (let i = 0; i < rows.length; i += BATCH) {
    const b = rows.slice(i, i + BATCH);
    const col = <K extends keyof NewOrg>(k: K) => b.map((r) => r[k]);
    // The tree history row is written by the same statement from the rows it inserts: the columns cross the
    // wire and are unpacked once.
    await database.query(
      `WITH ins AS (
         INSERT INTO orgs (id, parent_id, path, depth, code, name, kind, sector, level, status, division_code, founded_on, member_count)
         SELECT * FROM unnest($1::int[], $2::int[], $3::text[], $4::smallint[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::date[], $13::int[])
         RETURNING id, parent_id, path, founded_on)
       INSERT INTO org_paths (org_id, parent_id, path, valid_from) SELECT id, parent_id, path, coalesce(founded_on, $14::date) FROM ins`,
      [col('id'), col('parentId'), col('path'), col('depth'), col('code'), col('name'), col('kind'), col('sector'), col('level'), col('status'), col('divisionCode'), col('foundedOn'), col('memberCount'), SINCE_ALWAYS],
    );
    onProgress?.(Math.min(i + BATCH, rows.length));
  }
}

/**
 * Ids for n new orgs. The sequence's name is written into the statement as a constant: looked up inside
 * it, the lookup ran once per id and a national import waited 3 s for it.
 */
export async function reserveOrgIds(database: Queryable, n: number): Promise<number[]> {
  if (n === 0) return [];
  const seq = (await database.query<{ s: string }>("SELECT pg_get_serial_sequence('orgs', 'id') AS s"))[0]!.s;
  const rows = await database.query<{ id: number }>(
    `SELECT nextval('${seq.replace(/'/g, "''")}')::int AS id FROM generate_series(1, $1::int)`, [n]);
  return rows.map((r) => r.id);
}

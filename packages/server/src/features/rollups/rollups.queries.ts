/**
 * Roll-ups of records over the org tree. A group (a city, a township) is a subtree, and a subtree is a
 * range of the materialized path, so counting every city at once is one pass over the records that
 * groups each by the id at the city's position of its org's path — no walk of the 4 million orgs below.
 */
import type { CivilDate } from '@tuanjian/domain';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';

export type RollupUnit = 'month' | 'quarter' | 'year';

const LEVEL_ORDER = ['national', 'province', 'city', 'county', 'township', 'village', 'grassroots'] as const;
export type RollupLevel = (typeof LEVEL_ORDER)[number];

export interface RollupGroup {
  id: number;
  code: string;
  name: string;
  path: string;
  depth: number;
}

export interface RollupCellRow {
  groupId: number;
  /** First day of the period as returned by date_trunc. */
  periodStart: CivilDate;
  count: number;
  peopleReached: number;
  amount: number;
}

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

/**
 * The orgs of `level` under the scope org. Only the administrative part of the tree is walked: a node is
 * opened only while its level is above the wanted one, so the nation's cities cost two index lookups
 * (provinces, then their children) however many branches hang below them.
 */
export async function groupsAtLevel(db: Db, scopeOrgId: number, level: RollupLevel): Promise<RollupGroup[]> {
  const above = LEVEL_ORDER.slice(0, LEVEL_ORDER.indexOf(level));
  const rows = await db.execute(sql`
    WITH RECURSIVE walk(id, level) AS (
      SELECT id, level FROM orgs WHERE parent_id = ${scopeOrgId}
      UNION ALL
      SELECT o.id, o.level FROM orgs o JOIN walk w ON o.parent_id = w.id WHERE w.level = ANY(${sql.param(above)}::text[])
    )
    SELECT o.id, o.code, o.name, o.path, o.depth FROM walk JOIN orgs o ON o.id = walk.id
    WHERE walk.level = ${level}
    ORDER BY o.code`);
  return rowsOf<RollupGroup>(rows);
}

export interface CellQuery {
  programId: number;
  kinds: string[];
  /** Path of the scope org; only records of orgs in its subtree count. */
  scope: { lo: string; hi: string };
  /** Depth of the groups: the path segment at this depth names the group a record falls in. */
  depth: number;
  unit: RollupUnit;
  from: CivilDate;
  to: CivilDate;
  statuses: string[];
  /** The groups at this depth: other orgs there (a county's schools beside its townships) are counted but not sent back. */
  groupIds: number[];
}

/**
 * Counts and sums per (path segment at `depth`, period), from the records' own copy of their org's path:
 * one range of the (program, kind, path) index, no join. split_part's field n is depth + 2: '/1/5/77/'
 * splits into '', '1' (depth 0), '5' (depth 1), '77' (depth 2), ''; an empty field is an org above the
 * groups' depth. Keys that are not groups (a school hung straight under a county, beside its townships)
 * are dropped after counting, in the database: a busy county has ten times more of them than townships.
 */
export async function cellsByGroup(db: Db, q: CellQuery): Promise<RollupCellRow[]> {
  const rows = await db.execute(sql`
    SELECT * FROM (
    SELECT split_part(r.org_path, '/', ${q.depth + 2}::int)::int AS "groupId",
           date_trunc(${q.unit}, r.occurred_on::timestamp)::date AS "periodStart",
           count(*)::int AS count,
           coalesce(sum(r.people_reached), 0)::bigint AS "peopleReached",
           coalesce(sum(r.amount), 0)::float8 AS amount
    FROM records r
    WHERE r.program_id = ${q.programId} AND r.kind = ANY(${sql.param(q.kinds)}::text[])
      AND r.org_path >= ${q.scope.lo} AND r.org_path < ${q.scope.hi}
      AND r.occurred_on >= ${q.from}::date AND r.occurred_on <= ${q.to}::date
      AND r.status = ANY(${sql.param(q.statuses)}::text[])
      AND split_part(r.org_path, '/', ${q.depth + 2}::int) <> ''
    GROUP BY 1, 2) c
    WHERE c."groupId" = ANY(${sql.param(q.groupIds)}::int[])`);
  return rowsOf<RollupCellRow>(rows).map((r) => ({ ...r, count: Number(r.count), peopleReached: Number(r.peopleReached), amount: Number(r.amount) }));
}

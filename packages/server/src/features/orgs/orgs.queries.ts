import { and, asc, eq, ilike, like, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { inSubtreeSql } from '../../db/subtree';
import { inScopeSql, type Actor } from '../../auth/policy';
import { orgLeaders, orgs, orgEvents, orgPaths, type OrgRow } from './orgs.table';

// Qualified by hand: Drizzle may render a bare "id", which inside the subquery would mean c.id.
export const hasChildrenSql = sql<boolean>`EXISTS (SELECT 1 FROM orgs c WHERE c.parent_id = "orgs"."id")`;

/** An org the actor may see, or null: out-of-scope rows are filtered in SQL, never loaded. */
export async function findOrgInScope(db: Db, actor: Actor, id: number, forUpdate = false): Promise<OrgRow | null> {
  const q = db.select().from(orgs).where(and(eq(orgs.id, id), inScopeSql(actor, orgs.path)));
  const rows = forUpdate ? await q.for('update') : await q;
  return rows[0] ?? null;
}

export async function findOrgByCode(db: Db, code: string): Promise<OrgRow | null> {
  const rows = await db.select().from(orgs).where(eq(orgs.code, code));
  return rows[0] ?? null;
}

export async function listChildren(db: Db, parentId: number, page: number, pageSize: number) {
  const where = eq(orgs.parentId, parentId);
  const [rows, count] = await Promise.all([
    db.select({ org: orgs, hasChildren: hasChildrenSql }).from(orgs).where(where)
      .orderBy(asc(orgs.code)).limit(pageSize).offset((page - 1) * pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(orgs).where(where),
  ]);
  return { rows, total: count[0]?.n ?? 0 };
}

/** Children as the tree stood on `asOf`, read from the dated path history. */
export async function listChildrenAsOf(db: Db, parentId: number, asOf: string, page: number, pageSize: number) {
  const where = and(
    eq(orgPaths.parentId, parentId),
    sql`${orgPaths.validFrom} <= ${asOf}`,
    sql`(${orgPaths.validTo} IS NULL OR ${orgPaths.validTo} > ${asOf})`,
  );
  const [rows, count] = await Promise.all([
    db.select({ org: orgs, hasChildren: sql<boolean>`EXISTS (SELECT 1 FROM org_paths c WHERE c.parent_id = "orgs"."id" AND c.valid_from <= ${asOf} AND (c.valid_to IS NULL OR c.valid_to > ${asOf}))` })
      .from(orgPaths).innerJoin(orgs, eq(orgs.id, orgPaths.orgId)).where(where)
      .orderBy(asc(orgs.code)).limit(pageSize).offset((page - 1) * pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(orgPaths).where(where),
  ]);
  return { rows, total: count[0]?.n ?? 0 };
}

export interface OrgSearch {
  q?: string;
  underPath?: string;
  kind?: string;
  status?: string;
}

export function orgSearchWhere(actor: Actor, s: OrgSearch): SQL | undefined {
  const conds: (SQL | undefined)[] = [inScopeSql(actor, orgs.path)];
  if (s.underPath) conds.push(inSubtreeSql(orgs.path, s.underPath));
  if (s.q) {
    const escaped = s.q.replace(/[\\%_]/g, (c) => `\\${c}`);
    // Two characters: the bigram index; three or more: the trigram index; both recheck with ILIKE.
    const byName = [...s.q].length === 2
      ? and(sql`name_bigrams @> ARRAY[lower(${s.q})]::text[]`, ilike(orgs.name, `%${escaped}%`))
      : ilike(orgs.name, `%${escaped}%`);
    conds.push(or(byName, like(orgs.code, `${escaped}%`)));
  }
  if (s.kind) conds.push(eq(orgs.kind, s.kind));
  if (s.status) conds.push(eq(orgs.status, s.status));
  return and(...conds);
}

/** Counting stops here: "10,000 or more" is all a search box needs, and counting 600k matches is slow. */
export const SEARCH_COUNT_CAP = 10_000;

export async function searchOrgs(db: Db, actor: Actor, s: OrgSearch, page: number, pageSize: number) {
  const where = orgSearchWhere(actor, s);
  const [rows, count] = await Promise.all([
    db.select({ org: orgs, hasChildren: hasChildrenSql }).from(orgs).where(where)
      .orderBy(asc(orgs.depth), asc(orgs.code)).limit(pageSize).offset((page - 1) * pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(db.select({ one: sql`1` }).from(orgs).where(where).limit(SEARCH_COUNT_CAP).as('capped')),
  ]);
  return { rows, total: count[0]?.n ?? 0 };
}

export async function ancestorsOf(db: Db, path: string, fromPath: string) {
  const ids = path.split('/').filter(Boolean).map(Number).slice(0, -1);
  if (ids.length === 0) return [];
  const rows = await db.select({ id: orgs.id, name: orgs.name, path: orgs.path }).from(orgs)
    .where(sql`${orgs.id} IN (${sql.join(ids.map((i) => sql`${i}`), sql`, `)})`);
  // only the ancestors inside the reader's scope: a county reporter's breadcrumb starts at the county
  return rows.filter((r) => r.path.startsWith(fromPath)).sort((a, b) => a.path.length - b.path.length).map(({ id, name }) => ({ id, name }));
}

export async function leadersOf(db: Db, orgId: number) {
  return db.select().from(orgLeaders).where(eq(orgLeaders.orgId, orgId)).orderBy(asc(orgLeaders.sort), asc(orgLeaders.id));
}

export async function eventsOf(db: Db, orgId: number) {
  return db.select().from(orgEvents).where(eq(orgEvents.orgId, orgId)).orderBy(asc(orgEvents.effectiveOn), asc(orgEvents.id));
}

export async function countChildren(db: Db, orgId: number, activeOnly = false): Promise<number> {
  const rows = await db.select({ n: sql<number>`count(*)::int` }).from(orgs)
    .where(activeOnly ? and(eq(orgs.parentId, orgId), sql`${orgs.status} <> 'dissolved'`) : eq(orgs.parentId, orgId));
  return rows[0]?.n ?? 0;
}

export async function nextOrgIds(db: Db, n: number): Promise<number[]> {
  const rows = await db.execute<{ id: number }>(sql`SELECT nextval(pg_get_serial_sequence('orgs', 'id'))::int AS id FROM generate_series(1, ${n})`);
  return (rows as unknown as { rows: { id: number }[] }).rows.map((r) => r.id);
}

/**
 * The orgs that stood in root's subtree at some time during [from, to] — by the dated paths, so an org
 * moved away or dissolved in the period still counts for it — narrowed to given ids or to a level and
 * kinds in the same query, so a national program's county reporters do not bring the nation's orgs
 * into the server to find 2,978 of them.
 */
export async function subtreeMembersDuring(db: Db, rootId: number, from: string, to: string, only: { ids?: readonly number[]; level?: string; kinds?: readonly string[] }): Promise<number[]> {
  const rows = await db.execute(sql`
    WITH root AS (
      SELECT path FROM org_paths WHERE org_id = ${rootId} AND valid_from <= ${to} AND (valid_to IS NULL OR valid_to > ${from})
    )
    SELECT DISTINCT p.org_id AS id FROM org_paths p JOIN root r ON p.path >= r.path AND p.path < left(r.path, -1) || '0'
    JOIN orgs o ON o.id = p.org_id
    WHERE p.valid_from <= ${to} AND (p.valid_to IS NULL OR p.valid_to > ${from})
      ${only.ids ? sql`AND p.org_id = ANY(${sql.param([...only.ids])}::int[])` : sql``}
      ${only.level ? sql`AND o.level = ${only.level}` : sql``}
      ${only.kinds?.length ? sql`AND o.kind = ANY(${sql.param([...only.kinds])}::text[])` : sql``}
    ORDER BY 1`);
  return (rows as unknown as { rows: { id: number }[] }).rows.map((r) => r.id);
}

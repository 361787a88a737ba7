/** All SQL of targets: subordinates of an org, registry figures, counts of founded orgs, parts and snapshots. */
import { subtreeRange, type TemplateRole } from '@tuanjian/domain';
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client';
import { orgs } from '../orgs/orgs.table';
import { programRoles } from '../programs/programs.table';
import { targetParts, targetSnapshots, targetSplits } from './targets.table';

export interface OrgBrief {
  id: number;
  name: string;
  code: string;
  path: string;
}

const brief = { id: orgs.id, name: orgs.name, code: orgs.code, path: orgs.path };
const active = sql`${orgs.status} <> 'dissolved'`;

function strictlyUnder(path: string): SQL {
  const { lo, hi } = subtreeRange(path);
  return sql`${orgs.path} > ${lo} AND ${orgs.path} < ${hi}`;
}

const rows = <T>(result: unknown) => (result as { rows: T[] }).rows;

/** Approved org holders of a role below an org (S4.1: the townships the city named as township committees). */
export async function roleHoldersUnder(db: Db, programId: number, roleKey: string, parentPath: string): Promise<OrgBrief[]> {
  return db.select(brief).from(programRoles).innerJoin(orgs, eq(orgs.id, programRoles.orgId))
    .where(and(eq(programRoles.programId, programId), eq(programRoles.roleKey, roleKey), eq(programRoles.status, 'approved'), strictlyUnder(parentPath), active))
    .orderBy(asc(orgs.code));
}

/** Without named holders, the registry's orgs that fit the role's eligibility (kind, level, sector). */
export async function eligibleUnder(db: Db, role: TemplateRole, parentPath: string): Promise<OrgBrief[]> {
  const e = role.eligibility ?? {};
  const conds: SQL[] = [strictlyUnder(parentPath), active];
  if (e.orgKinds?.length) conds.push(inArray(orgs.kind, e.orgKinds));
  if (e.levels?.length) conds.push(inArray(orgs.level, e.levels));
  if (e.sectors?.length) conds.push(inArray(orgs.sector, e.sectors));
  return db.select(brief).from(orgs).where(and(...conds)).orderBy(asc(orgs.code));
}

/** The subordinate committees directly below an org (a city's counties, a county's townships). */
export async function committeesBelow(db: Db, parentId: number): Promise<OrgBrief[]> {
  return db.select(brief).from(orgs)
    .where(and(eq(orgs.parentId, parentId), inArray(orgs.kind, ['committee', 'working_committee']), active))
    .orderBy(asc(orgs.code));
}

/** Village-level orgs under each org: the registry figure a weighted split can use (S4.1 villages per township). */
export async function villageCounts(db: Db, parents: readonly OrgBrief[]): Promise<Map<number, number>> {
  const out = new Map(parents.map((p) => [p.id, 0]));
  if (parents.length === 0) return out;
  const ids = parents.map((p) => p.id);
  const result = await db.execute(sql`
    SELECT a.id::int AS id, count(*)::int AS n
    FROM orgs o CROSS JOIN LATERAL unnest(string_to_array(trim(both '/' from o.path), '/')) AS a(id)
    WHERE o.level = 'village' AND o.status <> 'dissolved' AND a.id IN (${sql.join(ids.map((i) => sql`${String(i)}`), sql`, `)})
    GROUP BY 1`);
  for (const r of rows<{ id: number; n: number }>(result)) out.set(r.id, r.n);
  return out;
}

export async function approvedOrgIds(db: Db, programId: number, roleKey: string): Promise<Set<number>> {
  const r = await db.select({ orgId: programRoles.orgId }).from(programRoles)
    .where(and(eq(programRoles.programId, programId), eq(programRoles.roleKey, roleKey), eq(programRoles.status, 'approved')));
  return new Set(r.map((x) => x.orgId).filter((x): x is number => x !== null));
}

/**
 * Orgs of `kind` founded in [start, asOf] and not dissolved by asOf, counted under each subject, where
 * each org stood on `asOf` (org_paths keeps the history): an org that moved later still counts where
 * it was. An org whose first recorded place starts after asOf counts at that first place.
 */
export async function countFounded(db: Db, q: { kind: string; start: string; asOf: string; scopePath: string; subjectIds: readonly number[] }): Promise<Map<number, number>> {
  const out = new Map(q.subjectIds.map((id) => [id, 0]));
  if (q.subjectIds.length === 0 || q.asOf < q.start) return out;
  const { lo, hi } = subtreeRange(q.scopePath);
  const result = await db.execute(sql`
    SELECT a.id::int AS id, count(*)::int AS n
    FROM orgs o
    CROSS JOIN LATERAL (
      SELECT p.path FROM org_paths p WHERE p.org_id = o.id AND (p.valid_to IS NULL OR p.valid_to > ${q.asOf})
      ORDER BY p.valid_from LIMIT 1
    ) op
    CROSS JOIN LATERAL unnest(string_to_array(trim(both '/' from op.path), '/')) AS a(id)
    WHERE o.kind = ${q.kind} AND o.status <> 'preparing'
      AND o.founded_on >= ${q.start} AND o.founded_on <= ${q.asOf}
      AND (o.dissolved_on IS NULL OR o.dissolved_on > ${q.asOf})
      AND o.path >= ${lo} AND o.path < ${hi}
      AND a.id IN (${sql.join(q.subjectIds.map((i) => sql`${String(i)}`), sql`, `)})
    GROUP BY 1`);
  for (const r of rows<{ id: number; n: number }>(result)) out.set(r.id, r.n);
  return out;
}

export async function splitAt(db: Db, programId: number, targetKey: string, parentOrgId: number) {
  return (await db.select().from(targetSplits)
    .where(and(eq(targetSplits.programId, programId), eq(targetSplits.targetKey, targetKey), eq(targetSplits.parentOrgId, parentOrgId))))[0] ?? null;
}

export async function partsOfSplit(db: Db, splitId: number) {
  return db.select({ part: targetParts, org: brief }).from(targetParts).innerJoin(orgs, eq(orgs.id, targetParts.orgId))
    .where(eq(targetParts.splitId, splitId)).orderBy(asc(orgs.code));
}

/** The share an earlier split gave this org, if any. */
export async function shareOf(db: Db, programId: number, targetKey: string, orgId: number) {
  return (await db.select().from(targetParts)
    .where(and(eq(targetParts.programId, programId), eq(targetParts.targetKey, targetKey), eq(targetParts.orgId, orgId))))[0] ?? null;
}

/** Every split of a program with its parent's name and how many parts it has. */
export async function splitsOfProgram(db: Db, programId: number) {
  return db.select({ split: targetSplits, parentName: orgs.name, parentPath: orgs.path, parts: sql<number>`(SELECT count(*)::int FROM target_parts tp WHERE tp.split_id = ${targetSplits.id})` })
    .from(targetSplits).innerJoin(orgs, eq(orgs.id, targetSplits.parentOrgId))
    .where(eq(targetSplits.programId, programId)).orderBy(asc(orgs.code));
}

const splitter = alias(orgs, 'splitter');

/** All shares of a target, with the path of the org holding it and of the org that split it. */
export async function sharesOfTarget(db: Db, programId: number, targetKey: string) {
  return db.select({ orgId: targetParts.orgId, amount: targetParts.amount, name: orgs.name, code: orgs.code, path: orgs.path, parentOrgId: targetSplits.parentOrgId, parentPath: splitter.path })
    .from(targetParts).innerJoin(targetSplits, eq(targetSplits.id, targetParts.splitId)).innerJoin(orgs, eq(orgs.id, targetParts.orgId))
    .innerJoin(splitter, eq(splitter.id, targetSplits.parentOrgId))
    .where(and(eq(targetParts.programId, programId), eq(targetParts.targetKey, targetKey))).orderBy(asc(orgs.code));
}

export async function snapshotsOf(db: Db, programId: number, targetKey: string, orgIds: readonly number[], until?: string) {
  if (orgIds.length === 0) return [];
  const conds = [eq(targetSnapshots.programId, programId), eq(targetSnapshots.targetKey, targetKey), inArray(targetSnapshots.orgId, [...orgIds])];
  if (until) conds.push(sql`${targetSnapshots.onDate} <= ${until}`);
  return db.select({ orgId: targetSnapshots.orgId, date: targetSnapshots.onDate, actual: targetSnapshots.actual, target: targetSnapshots.target })
    .from(targetSnapshots).where(and(...conds)).orderBy(asc(targetSnapshots.onDate));
}

/**
 * Who holds a role or sits on a pairing side: an org, a department of a committee or a named cadre.
 * Compliance, pairings and deliverables address all three the same way, by a typed reference whose
 * key ('department:3') is the subject id the domain evaluates.
 */
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { orgs } from '../orgs/orgs.table';
import { cadres, departments } from '../people/people.table';

export const HOLDER_TYPES = ['org', 'department', 'cadre'] as const;
export type HolderType = (typeof HOLDER_TYPES)[number];
export interface HolderRef {
  type: HolderType;
  id: number;
}

export interface Holder extends HolderRef {
  name: string;
  /** The org the holder belongs to (itself for an org): scope and eligibility are judged on it. */
  orgId: number;
  orgName: string;
  path: string;
  /** The org's code: a stable order for lists (4414 梅州 before 4418 清远). */
  code: string;
  level: string;
  kind: string;
  sector: string | null;
  /** When the holder exists or takes part. */
  activeFrom: string | null;
  activeTo: string | null;
}

export const holderKey = (h: HolderRef) => `${h.type}:${h.id}`;

/** The template's holder word (org | department | person) as the table the holders live in. */
export function holderTypeOf(templateHolder: string): HolderType {
  return templateHolder === 'person' ? 'cadre' : templateHolder === 'department' ? 'department' : 'org';
}

/** A holder reference from the columns of program_roles or pairing_members. */
export function refOfColumns(row: { orgId: number | null; departmentId: number | null; cadreId: number | null }): HolderRef {
  if (row.departmentId !== null) return { type: 'department', id: row.departmentId };
  if (row.cadreId !== null) return { type: 'cadre', id: row.cadreId };
  return { type: 'org', id: row.orgId! };
}

export function columnsOfRef(ref: HolderRef) {
  return { orgId: ref.type === 'org' ? ref.id : null, departmentId: ref.type === 'department' ? ref.id : null, cadreId: ref.type === 'cadre' ? ref.id : null };
}

/**
 * The holder of a program_roles or pairing_members row (alias `t`) belongs to an org in the path range:
 * lets a county's matrix read its own holders instead of the nation's.
 */
export function holderInRange(t: string, range: { lo: string; hi: string }): SQL {
  const a = sql.raw(t);
  return sql`EXISTS (SELECT 1 FROM orgs ho WHERE ho.id = coalesce(${a}.org_id,
    (SELECT hd.org_id FROM departments hd WHERE hd.id = ${a}.department_id), (SELECT hc.org_id FROM cadres hc WHERE hc.id = ${a}.cadre_id))
    AND ho.path >= ${range.lo} AND ho.path < ${range.hi})`;
}

const orgColumns = { id: orgs.id, name: orgs.name, path: orgs.path, code: orgs.code, level: orgs.level, kind: orgs.kind, sector: orgs.sector, foundedOn: orgs.foundedOn, dissolvedOn: orgs.dissolvedOn };

/** Names, orgs and paths of many holders in three queries; unknown ids are left out. */
export async function resolveHolders(db: Db, refs: readonly HolderRef[]): Promise<Map<string, Holder>> {
  const ids = (type: HolderType) => [...new Set(refs.filter((r) => r.type === type).map((r) => r.id))];
  const out = new Map<string, Holder>();
  const orgIds = ids('org');
  if (orgIds.length) {
    for (const o of await db.select(orgColumns).from(orgs).where(inArray(orgs.id, orgIds))) {
      out.set(holderKey({ type: 'org', id: o.id }), { type: 'org', id: o.id, name: o.name, orgId: o.id, orgName: o.name, path: o.path, code: o.code, level: o.level, kind: o.kind, sector: o.sector, activeFrom: o.foundedOn, activeTo: o.dissolvedOn });
    }
  }
  const deptIds = ids('department');
  if (deptIds.length) {
    const rows = await db.select({ d: departments, o: orgColumns }).from(departments).innerJoin(orgs, eq(orgs.id, departments.orgId)).where(inArray(departments.id, deptIds));
    for (const { d, o } of rows) {
      out.set(holderKey({ type: 'department', id: d.id }), { type: 'department', id: d.id, name: d.name, orgId: o.id, orgName: o.name, path: o.path, code: o.code, level: o.level, kind: o.kind, sector: o.sector, activeFrom: o.foundedOn, activeTo: o.dissolvedOn });
    }
  }
  const cadreIds = ids('cadre');
  if (cadreIds.length) {
    const rows = await db.select({ c: cadres, o: orgColumns }).from(cadres).innerJoin(orgs, eq(orgs.id, cadres.orgId)).where(and(inArray(cadres.id, cadreIds)));
    for (const { c, o } of rows) {
      out.set(holderKey({ type: 'cadre', id: c.id }), { type: 'cadre', id: c.id, name: c.name, orgId: o.id, orgName: o.name, path: o.path, code: o.code, level: o.level, kind: o.kind, sector: o.sector, activeFrom: null, activeTo: null });
    }
  }
  return out;
}

/** How a holder is shown where orgs of several committees mix: a department or cadre with its committee. */
export function holderLabel(h: Holder): string {
  return h.type === 'org' ? h.name : `${h.orgName}·${h.name}`;
}

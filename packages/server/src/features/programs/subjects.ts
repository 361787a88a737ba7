/**
 * The subjects an obligation or deliverable applies to, and the records as facts about them. A record
 * speaks for the org that recorded it, the department it names and each cadre who took part, so one
 * stationing day counts for the department's days and for every cadre's days (S3.2).
 */
import { subtreeRange, type RecordFact, type TemplateSubject } from '@tuanjian/domain';
import { and, eq, inArray } from 'drizzle-orm';
import { inScope, type Actor } from '../../auth/policy';
import type { Db } from '../../db/client';
import { BadRequestError } from '../../http/errors';
import { orgs } from '../orgs/orgs.table';
import { holderInRange, holderKey, holderLabel, refOfColumns, resolveHolders, type Holder } from './holders';
import { sideMembers } from './pairings.service';
import type { loadProgram } from './programs.service';
import { programRoles, records, type RecordRow } from './programs.table';

type Loaded = Awaited<ReturnType<typeof loadProgram>>;
/** A record as the domain sees it, plus when the system received it (the hand-in date of a deliverable). */
export type Fact = RecordFact & { createdAt: Date };

export interface Subject {
  key: string;
  holder: Holder;
  label: string;
  /** Holder keys of the subject's pairing partners (for joint obligations, S0.9). */
  partners: string[];
  active: { from: string | null; to: string | null };
}

const later = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a > b ? a : b);
const earlier = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a < b ? a : b);

/** Approved holders of a role, or the members of a pairing side, limited to what the reader may see. */
export async function subjectsOf(db: Db, actor: Actor, program: Loaded, who: TemplateSubject): Promise<Subject[]> {
  const terms = new Map<string, { from: string | null; to: string | null }>();
  let partners = new Map<string, Set<string>>();
  let refs;
  const issuerView = inScope(actor, program.issuerPath);
  const range = issuerView ? undefined : subtreeRange(actor.orgPath);
  if (who.kind === 'pairing_side') {
    const side = await sideMembers(db, program.p.id, who.ref, range);
    partners = new Map([...side].map(([k, v]) => [k, v.partners]));
    refs = [...side.values()].map((v) => v.ref);
  } else if (who.kind === 'role' || who.kind === 'department' || who.kind === 'cadre') {
    const rows = await db.select().from(programRoles)
      .where(and(eq(programRoles.programId, program.p.id), eq(programRoles.roleKey, who.ref), eq(programRoles.status, 'approved'),
        range ? holderInRange('program_roles', range) : undefined));
    refs = rows.map(refOfColumns);
    for (const r of rows) terms.set(holderKey(refOfColumns(r)), { from: r.activeFrom, to: r.activeTo });
  } else {
    throw new BadRequestError('按组织类型指定的对象暂不支持', [{ path: 'querystring.obligation', message: '暂不支持' }]);
  }
  const holders = await resolveHolders(db, refs);
  return [...holders.values()]
    .filter((h) => issuerView || inScope(actor, h.path))
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : a.type < b.type ? -1 : a.type > b.type ? 1 : a.id - b.id))
    .map((h) => {
      const key = holderKey(h);
      const term = terms.get(key);
      return {
        key, holder: h, label: holderLabel(h), partners: [...(partners.get(key) ?? [])],
        active: { from: later(h.activeFrom, term?.from ?? null), to: earlier(h.activeTo, term?.to ?? null) },
      };
    });
}

/** The holder keys a record speaks for. */
export function recordSubjectKeys(r: Pick<RecordRow, 'orgId' | 'departmentId' | 'cadreIds'>): string[] {
  return [`org:${r.orgId}`, ...(r.departmentId !== null ? [`department:${r.departmentId}`] : []), ...r.cadreIds.map((c) => `cadre:${c}`)];
}

/**
 * The program's records of the given kinds recorded by the subjects' orgs or their partners, as one
 * fact per subject the record speaks for. The place's level decides "county level or below" (S3.2).
 */
export async function factsFor(db: Db, program: Loaded, kinds: string[], subjects: readonly Subject[], where?: { deliverableKey?: string }): Promise<Fact[]> {
  const orgIds = new Set<number>();
  for (const s of subjects) {
    orgIds.add(s.holder.orgId);
    for (const p of s.partners) if (p.startsWith('org:')) orgIds.add(Number(p.slice(4)));
  }
  if (orgIds.size === 0) return [];
  // Drafts, returned records and superseded versions count for nothing; verified-only programs narrow further.
  const conditions = [eq(records.programId, program.p.id), inArray(records.orgId, [...orgIds]), inArray(records.status, ['submitted', 'verified'])];
  if (kinds.length) conditions.push(inArray(records.kind, kinds));
  if (where?.deliverableKey) conditions.push(eq(records.deliverableKey, where.deliverableKey));
  // Only the columns a fact is made of: a record's fields and evidence list are most of its bytes.
  const r = records;
  const rows = await db.select({
    r: {
      id: r.id, kind: r.kind, orgId: r.orgId, departmentId: r.departmentId, cadreIds: r.cadreIds, occurredOn: r.occurredOn, days: r.days,
      peopleReached: r.peopleReached, amount: r.amount, partnerOrgIds: r.partnerOrgIds, status: r.status, createdAt: r.createdAt,
    },
    placeLevel: orgs.level,
  }).from(records).leftJoin(orgs, eq(orgs.id, records.placeOrgId)).where(and(...conditions));
  const levelOf = new Map(subjects.map((s) => [s.holder.orgId, s.holder.level]));
  const wanted = new Set(subjects.flatMap((s) => [s.key, ...s.partners]));
  return rows.flatMap(({ r, placeLevel }) => recordSubjectKeys(r).filter((k) => wanted.has(k)).map((subjectId): Fact => ({
    id: String(r.id), subjectId, kind: r.kind, date: r.occurredOn,
    days: r.days ?? undefined, peopleReached: r.peopleReached ?? undefined, amount: r.amount ?? undefined,
    partnerIds: r.partnerOrgIds.map((p) => `org:${p}`), orgLevel: placeLevel ?? levelOf.get(r.orgId), verified: r.status === 'verified',
    createdAt: r.createdAt,
  })));
}

export function presentSubject(s: Subject) {
  return { subjectKey: s.key, subject: { type: s.holder.type, id: s.holder.id, name: s.label }, subjectName: s.label };
}

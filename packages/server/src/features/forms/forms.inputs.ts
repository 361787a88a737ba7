/**
 * Everything a form needs from the database for one reporter and period: who the rows are (role
 * holders, pairing sides, orgs of a level as they stood during the period), the records that may count,
 * the registry facts of attribute columns. The cells themselves are computed by the domain.
 */
import { subtreeRange, type FormFact, type FormInput, type FormPeriod, type FormRowInput, type OrgFact, type RegistryEntry, type TemplateForm } from '@tuanjian/domain';
import { and, asc, eq, inArray, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { subtreeMembersDuring } from '../orgs/orgs.queries';
import { orgLeaders, orgs } from '../orgs/orgs.table';
import { cadres } from '../people/people.table';
import { holderInRange, holderKey, holderLabel, refOfColumns, resolveHolders, type Holder, type HolderRef } from '../programs/holders';
import { sideMembers } from '../programs/pairings.service';
import type { loadProgram } from '../programs/programs.service';
import { pairingMembers, pairings, programRoles, records } from '../programs/programs.table';
import { recordSubjectKeys } from '../programs/subjects';
import { targetParts } from '../targets/targets.table';

export type Loaded = Awaited<ReturnType<typeof loadProgram>>;
type Range = { start: string; end: string };

const overlaps = (from: string | null, to: string | null, p: Range) => (from === null || from <= p.end) && (to === null || to >= p.start);
const byCode = (a: Holder, b: Holder) => (a.code < b.code ? -1 : a.code > b.code ? 1 : a.type < b.type ? -1 : a.type > b.type ? 1 : a.id - b.id);
const under = (h: Holder, path: string) => h.path.startsWith(path);

interface RoleHolder { roleKey: string; status: string; holder: Holder }

/**
 * Approved and nominated holders of the program's roles that were active during the period — those
 * belonging under a path, or holding given roles as given orgs — selected in SQL: a national program has
 * thousands of holders and one county's form needs its own and its partners'.
 */
async function roleHolders(db: Db, programId: number, period: Range, only: { underPath?: string; roleKeys?: readonly string[]; orgIds?: readonly number[] } = {}): Promise<RoleHolder[]> {
  if (only.orgIds && only.orgIds.length === 0) return [];
  const rows = await db.select().from(programRoles)
    .where(and(
      eq(programRoles.programId, programId), inArray(programRoles.status, ['approved', 'nominated']),
      only.underPath ? holderInRange('program_roles', subtreeRange(only.underPath)) : undefined,
      only.roleKeys ? inArray(programRoles.roleKey, [...only.roleKeys]) : undefined,
      only.orgIds ? inArray(programRoles.orgId, [...only.orgIds]) : undefined,
    )).orderBy(asc(programRoles.id));
  const holders = await resolveHolders(db, rows.map(refOfColumns));
  return rows.flatMap((r) => {
    const h = holders.get(holderKey(refOfColumns(r)));
    if (!h || !overlaps(r.activeFrom, r.activeTo, period) || !overlaps(h.activeFrom, h.activeTo, period)) return [];
    return [{ roleKey: r.roleKey, status: r.status, holder: h }];
  });
}

/** The orgs of a level (and kinds) under a root as the tree stood during the period: an org counts only while it existed. */
export async function orgsOfLevelDuring(db: Db, rootId: number, period: Range, level: string, kinds?: readonly string[], ids?: readonly number[]): Promise<Holder[]> {
  const found = await subtreeMembersDuring(db, rootId, period.start, period.end, { level, kinds, ids });
  const holders = await resolveHolders(db, found.map((id) => ({ type: 'org' as const, id })));
  return [...holders.values()].filter((h) => overlaps(h.activeFrom, h.activeTo, period)).sort(byCode);
}

/**
 * Where a caller needs only part of the expected reporters: those under an org of the program's scope
 * (a county's own townships), or only some orgs (is this one reporter expected?). Narrowed in the query.
 */
export interface ReporterNarrowing { under?: { id: number; path: string }; orgIds?: readonly number[] }

/** Who must hand the form in for the period, in the program's scope or the narrower part asked for. */
export async function expectedReporters(db: Db, program: Loaded, form: TemplateForm, period: FormPeriod, narrow: ReporterNarrowing = {}): Promise<Holder[]> {
  const within = narrow.under && narrow.under.path.startsWith(program.scopePath) ? narrow.under : undefined;
  const rootId = within?.id ?? program.p.scopeOrgId;
  if (form.reporter.level) return orgsOfLevelDuring(db, rootId, period, form.reporter.level, form.reporter.orgKinds, narrow.orgIds);
  const holders = (await roleHolders(db, program.p.id, period, { underPath: within?.path, roleKeys: form.reporter.role ? [form.reporter.role] : undefined }))
    .filter((r) => r.roleKey === form.reporter.role && r.status === 'approved' && (!narrow.orgIds || narrow.orgIds.includes(r.holder.orgId)));
  const existing = new Set(await subtreeMembersDuring(db, rootId, period.start, period.end, { ids: [...new Set(holders.map((r) => r.holder.orgId))] }));
  const seen = new Set<string>();
  return holders
    .filter((r) => existing.has(r.holder.orgId))
    .map((r) => r.holder)
    .filter((h) => !seen.has(holderKey(h)) && seen.add(holderKey(h)))
    .sort(byCode);
}

/** The partners of the reporter on one pairing side (S3.7 the cities a department is paired with). */
async function partnersOn(db: Db, programId: number, reporter: Holder, side: string): Promise<HolderRef[]> {
  const own = await db.select({ pairingId: pairingMembers.pairingId }).from(pairingMembers).innerJoin(pairings, eq(pairings.id, pairingMembers.pairingId))
    .where(and(eq(pairings.programId, programId), reporter.type === 'org' ? eq(pairingMembers.orgId, reporter.id) : reporter.type === 'department' ? eq(pairingMembers.departmentId, reporter.id) : eq(pairingMembers.cadreId, reporter.id)));
  if (!own.length) return [];
  const rows = await db.select().from(pairingMembers).where(and(inArray(pairingMembers.pairingId, own.map((o) => o.pairingId)), eq(pairingMembers.sideKey, side)));
  return rows.map(refOfColumns);
}

/** `holders` are the program's role holders under the reporter (formInputs selects them so in SQL). */
async function resolveRows(db: Db, program: Loaded, form: TemplateForm, period: FormPeriod, reporter: Holder, holders: RoleHolder[]): Promise<FormRowInput[]> {
  const out: FormRowInput[] = [];
  const roleName = (id: string) => program.template.roles.find((r) => r.id === id)?.name ?? id;
  const push = (key: string, label: string, list: Holder[], each?: boolean) => {
    if (each) for (const h of list) out.push({ key: holderKey(h), label: holderLabel(h), kind: 'subjects', subjects: [holderKey(h)] });
    else out.push({ key, label, kind: 'subjects', subjects: list.map(holderKey) });
  };
  for (const row of form.rows) {
    switch (row.kind) {
      case 'role': {
        const list = holders.filter((r) => r.roleKey === row.role && r.status === 'approved').map((r) => r.holder).sort(byCode);
        push(`role:${row.role}`, row.label ?? roleName(row.role), list, row.each);
        break;
      }
      case 'side': {
        const members = await sideMembers(db, program.p.id, row.side);
        const resolved = await resolveHolders(db, [...members.values()].map((m) => m.ref));
        const list = [...members.entries()]
          .filter(([, m]) => m.partners.has(holderKey(reporter)))
          .map(([k]) => resolved.get(k))
          .filter((h): h is Holder => h !== undefined && overlaps(h.activeFrom, h.activeTo, period));
        for (const h of resolved.values()) if (under(h, reporter.path) && !list.includes(h) && overlaps(h.activeFrom, h.activeTo, period)) list.push(h);
        const side = program.template.pairingModes?.flatMap((m) => m.sides).find((s) => s.id === row.side);
        push(`side:${row.side}`, row.label ?? side?.name ?? row.side, list.sort(byCode), row.each);
        break;
      }
      case 'level': {
        const roots = row.underPartnersOn ? (await partnersOn(db, program.p.id, reporter, row.underPartnersOn)).filter((r) => r.type === 'org').map((r) => r.id) : [reporter.orgId];
        const list: Holder[] = [];
        for (const root of roots) list.push(...(await orgsOfLevelDuring(db, root, period, row.level, row.orgKinds)));
        push(`level:${row.level}`, row.level, list.sort(byCode), true);
        break;
      }
      case 'records': {
        // One row per record that speaks for the reporter (S2.4 each visit sheet of the month), in date order.
        const list = await reporterRecords(db, program.p.id, row.recordKinds, period, reporter);
        for (const r of list) {
          const label = row.label === 'org' ? r.orgName : r.occurredOn;
          out.push({ key: `record:${r.id}`, label, kind: 'record', subjects: [], recordId: String(r.id) });
        }
        break;
      }
      case 'reporter':
        out.push({ key: holderKey(reporter), label: row.label ?? holderLabel(reporter), kind: 'subjects', subjects: [holderKey(reporter)] });
        break;
      case 'fixed':
        out.push({ key: `fixed:${row.id}`, label: row.label, kind: 'fixed', subjects: [] });
        break;
      case 'total':
        out.push({ key: 'total', label: row.label, kind: 'total', subjects: [] });
        break;
    }
  }
  return out;
}

type Column = TemplateForm['columns'][number];
type RecordCompute = Extract<NonNullable<Column['compute']>, { recordKinds: string[] }>;
const columnsOf = (form: TemplateForm): Column[] => [...form.columns, ...(form.footer ?? [])];
const recordComputes = (form: TemplateForm): RecordCompute[] =>
  columnsOf(form).flatMap((c) => (c.compute && 'recordKinds' in c.compute ? [c.compute] : []));

function recordKindsOf(form: TemplateForm, where: 'subject' | 'place'): string[] {
  const fromColumns = recordComputes(form).filter((op) => (op.at === 'place') === (where === 'place')).flatMap((op) => op.recordKinds);
  const fromRows = where === 'subject' ? form.rows.flatMap((r) => (r.kind === 'records' ? r.recordKinds : [])) : [];
  return [...new Set([...fromColumns, ...fromRows])];
}

/** The SQL condition "this record speaks for the holder" (its org, its department, or one of its cadres). */
function speaksFor(h: Pick<Holder, 'type' | 'id'>) {
  if (h.type === 'org') return eq(records.orgId, h.id);
  if (h.type === 'department') return eq(records.departmentId, h.id);
  return sql`${h.id} = ANY(${records.cadreIds})`;
}

async function reporterRecords(db: Db, programId: number, kinds: readonly string[], period: Range, reporter: Holder) {
  return db.select({ id: records.id, occurredOn: records.occurredOn, orgName: orgs.name }).from(records).innerJoin(orgs, eq(orgs.id, records.orgId))
    .where(and(eq(records.programId, programId), inArray(records.status, ['submitted', 'verified']), inArray(records.kind, [...kinds]),
      sql`${records.occurredOn} BETWEEN ${period.start} AND ${period.end}`, speaksFor(reporter)))
    .orderBy(asc(records.occurredOn), asc(records.id));
}

const keysOfPath = (path: string) => path.split('/').filter(Boolean).map((id) => `org:${id}`);
/** Paths as LIKE patterns: the subtree of each, the org itself included. */
const subtreePatterns = (paths: readonly string[]) => [...new Set(paths)].map((p) => `${p}%`);

const idsOf = (keys: readonly string[], type: string) => [...new Set(keys.filter((k) => k.startsWith(`${type}:`)).map((k) => Number(k.slice(type.length + 1))))];

/**
 * Submitted and verified records of the period that speak for, or name as partner, any of the subjects;
 * and, for columns counted where things happened (at: place), those whose place lies in a subject's subtree.
 */
async function factsFor(db: Db, programId: number, form: TemplateForm, period: Range, subjectKeys: readonly string[], subjectPaths: readonly string[]): Promise<FormFact[]> {
  const orgIds = idsOf(subjectKeys, 'org');
  const deptIds = idsOf(subjectKeys, 'department');
  const cadreIds = idsOf(subjectKeys, 'cadre');
  const bySubject = recordKindsOf(form, 'subject');
  const byPlace = recordKindsOf(form, 'place');
  const place = sql`(SELECT o.path FROM orgs o WHERE o.id = COALESCE(${records.placeOrgId}, ${records.orgId}))`;
  const conds = [];
  if (bySubject.length && orgIds.length + deptIds.length + cadreIds.length) {
    conds.push(and(inArray(records.kind, bySubject), sql`(${records.orgId} = ANY(${sql.param(orgIds)}::int[]) OR ${records.partnerOrgIds} && ${sql.param(orgIds)}::int[]
      OR ${records.departmentId} = ANY(${sql.param(deptIds)}::int[]) OR ${records.cadreIds} && ${sql.param(cadreIds)}::int[])`));
  }
  if (byPlace.length && subjectPaths.length) conds.push(and(inArray(records.kind, byPlace), sql`${place} LIKE ANY(${sql.param(subtreePatterns(subjectPaths))}::text[])`));
  if (!conds.length) return [];
  const rows = await db.select({
    r: records,
    placePath: sql<string | null>`${place}`,
    // Drawn in a spot check of records and found there (S3.8): the third figure beside reported and verified.
    spotChecked: sql<boolean>`EXISTS (SELECT 1 FROM spot_check_findings f JOIN spot_check_samples s ON s.id = f.sample_id WHERE s.target = 'record' AND f.item_id = ${records.id}::text)`,
  }).from(records).where(and(
    eq(records.programId, programId), inArray(records.status, ['submitted', 'verified']),
    sql`${records.occurredOn} BETWEEN ${period.start} AND ${period.end}`, or(...conds),
  ));
  return rows.map(({ r, placePath, spotChecked }) => ({
    id: String(r.id), kind: r.kind, date: r.occurredOn, subjectKeys: recordSubjectKeys(r), partnerKeys: r.partnerOrgIds.map((p) => `org:${p}`),
    placeKey: r.placeOrgId === null ? null : `org:${r.placeOrgId}`, placePathKeys: placePath ? keysOfPath(placePath) : [],
    days: r.days, peopleReached: r.peopleReached, amount: r.amount,
    fields: r.fields as Record<string, unknown>, verified: r.status === 'verified', spotChecked: Boolean(spotChecked),
  }));
}

/** Orgs below the rows' subjects, for cells that count orgs founded or standing (S4.2, S3.7 new orgs). */
async function orgFactsUnder(db: Db, form: TemplateForm, subjectPaths: readonly string[]): Promise<OrgFact[] | undefined> {
  if (!columnsOf(form).some((c) => c.compute?.op === 'orgs') || !subjectPaths.length) return undefined;
  const rows = await db.select({ id: orgs.id, path: orgs.path, kind: orgs.kind, sector: orgs.sector, foundedOn: orgs.foundedOn, dissolvedOn: orgs.dissolvedOn })
    // An org in preparation (筹建, S4.6) has not been founded: it is neither built nor new.
    .from(orgs).where(and(sql`${orgs.path} LIKE ANY(${sql.param(subtreePatterns(subjectPaths))}::text[])`, ne(orgs.status, 'preparing')));
  return rows.map((o) => ({ key: `org:${o.id}`, ancestorKeys: keysOfPath(o.path).slice(0, -1), kind: o.kind, sector: o.sector, foundedOn: o.foundedOn, dissolvedOn: o.dissolvedOn }));
}

/** The parts of the program's split targets that the form's columns show (S4.1 each township's share). */
async function targetPartsOf(db: Db, programId: number, form: TemplateForm): Promise<Record<string, Record<string, number>> | undefined> {
  const keys = [...new Set(columnsOf(form).flatMap((c) => (c.compute?.op === 'target' ? [c.compute.target] : [])))];
  if (!keys.length) return undefined;
  const out: Record<string, Record<string, number>> = {};
  for (const p of await db.select().from(targetParts).where(and(eq(targetParts.programId, programId), inArray(targetParts.targetKey, keys)))) {
    (out[p.targetKey] ??= {})[`org:${p.orgId}`] = p.amount;
  }
  return out;
}

/** For attribute columns naming the rows' partners on a side (S3.1 a department's cities): side → row subject → partners. */
async function partnersOf(db: Db, programId: number, form: TemplateForm, subjects: readonly string[]) {
  const sides = [...new Set(columnsOf(form).flatMap((c) => (c.attribute?.partnersOn ? [c.attribute.partnersOn] : [])))];
  if (!sides.length) return { partners: undefined, keys: [] as string[] };
  const partners: Record<string, Record<string, string[]>> = {};
  const keys = new Set<string>();
  for (const side of sides) {
    const members = await sideMembers(db, programId, side);
    // In the registry's order (梅州 4414 before 清远 4418), as the attachment lists them.
    const holders = await resolveHolders(db, [...members.values()].map((m) => m.ref));
    const code = (k: string) => holders.get(k)?.code ?? k;
    const bySubject: Record<string, string[]> = {};
    for (const subject of subjects) {
      const mine = [...members.entries()].filter(([, m]) => m.partners.has(subject)).map(([k]) => k).sort((a, b) => (code(a) < code(b) ? -1 : code(a) > code(b) ? 1 : 0));
      if (mine.length) bySubject[subject] = mine;
      mine.forEach((k) => keys.add(k));
    }
    partners[side] = bySubject;
  }
  return { partners, keys: [...keys] };
}

/** Names, and leaders with their mobiles: an org's first-listed leader, a cadre is their own contact. */
async function registryOf(db: Db, keys: readonly string[]): Promise<Record<string, RegistryEntry>> {
  const holders = await resolveHolders(db, keys.map((k) => ({ type: k.split(':')[0] as HolderRef['type'], id: Number(k.split(':')[1]) })));
  const out: Record<string, RegistryEntry> = {};
  const orgIds = [...holders.values()].filter((h) => h.type === 'org').map((h) => h.id);
  const leaders = new Map<number, { name: string; mobile: string | null }>();
  if (orgIds.length) {
    for (const l of await db.select().from(orgLeaders).where(inArray(orgLeaders.orgId, orgIds)).orderBy(asc(orgLeaders.sort), asc(orgLeaders.id))) {
      if (!leaders.has(l.orgId)) leaders.set(l.orgId, { name: l.name, mobile: l.mobile });
    }
  }
  const cadreIds = [...holders.values()].filter((h) => h.type === 'cadre').map((h) => h.id);
  const cadreMobiles = new Map((cadreIds.length ? await db.select({ id: cadres.id, mobile: cadres.mobile }).from(cadres).where(inArray(cadres.id, cadreIds)) : []).map((c) => [c.id, c.mobile]));
  for (const [key, h] of holders) {
    const leader = h.type === 'org' ? leaders.get(h.id) : h.type === 'cadre' ? { name: h.name, mobile: cadreMobiles.get(h.id) ?? null } : undefined;
    out[key] = { name: holderLabel(h), leaderName: leader?.name ?? null, leaderMobile: leader?.mobile ?? null };
  }
  return out;
}

export type FormInputs = Omit<FormInput, 'typed'>;

async function orgPathsOf(db: Db, ids: readonly number[]): Promise<string[]> {
  if (!ids.length) return [];
  return (await db.select({ path: orgs.path }).from(orgs).where(inArray(orgs.id, [...ids]))).map((r) => r.path);
}

/**
 * Who holds the roles a column's partners must hold (S0.10: activities with a 青年文明号 or 五四红旗团组织),
 * looked up only among the orgs the facts name: the partners may sit outside the reporter's subtree.
 */
async function partnerRoleHolders(db: Db, programId: number, form: TemplateForm, period: FormPeriod, facts: readonly FormFact[]): Promise<Record<string, string[]>> {
  const roleKeys = [...new Set(columnsOf(form).flatMap((c) => (c.compute && 'partnerRoles' in c.compute ? c.compute.partnerRoles ?? [] : [])))];
  if (!roleKeys.length) return {};
  // Either side of a record may be the honoured one (asPartner: the 青年文明号 records, naming the village).
  const orgIds = [...new Set(facts.flatMap((f) => [...f.subjectKeys, ...f.partnerKeys]).filter((k) => k.startsWith('org:')).map((k) => Number(k.slice(4))))];
  const out: Record<string, string[]> = {};
  for (const r of await roleHolders(db, programId, period, { roleKeys, orgIds })) {
    if (r.status === 'approved') (out[r.roleKey] ??= []).push(holderKey(r.holder));
  }
  return out;
}

export async function formInputs(db: Db, program: Loaded, form: TemplateForm, period: FormPeriod, reporter: Holder): Promise<FormInputs> {
  const holders = await roleHolders(db, program.p.id, period, { underPath: reporter.path });
  const rows = await resolveRows(db, program, form, period, reporter, holders);
  const subjects = [...new Set(rows.flatMap((r) => r.subjects))];
  const reporterHolders: Record<string, { approved: string[]; nominated: string[] }> = {};
  for (const r of holders) {
    const entry = (reporterHolders[r.roleKey] ??= { approved: [], nominated: [] });
    entry[r.status === 'approved' ? 'approved' : 'nominated'].push(holderKey(r.holder));
  }
  const attributeKeys = columnsOf(form).flatMap((c) => c.attribute?.roles ?? []).flatMap((role) => [...(reporterHolders[role]?.approved ?? []), ...(reporterHolders[role]?.nominated ?? [])]);
  const reporterKey = holderKey(reporter);
  // Record rows are the reporter's own records: fetch what speaks for the reporter as well.
  const factSubjects = form.rows.some((r) => r.kind === 'records') ? [...new Set([...subjects, reporterKey])] : subjects;
  const subjectPaths = await orgPathsOf(db, idsOf(subjects, 'org'));
  const { partners, keys: partnerKeys } = await partnersOf(db, program.p.id, form, subjects);
  const facts = await factsFor(db, program.p.id, form, period, factSubjects, subjectPaths);
  return {
    form, period, rows, reporterKey, facts,
    roleHolders: await partnerRoleHolders(db, program.p.id, form, period, facts), reporterHolders,
    registry: await registryOf(db, [...new Set([...subjects, ...attributeKeys, ...partnerKeys])]),
    verifiedOnly: program.p.verifiedOnly,
    orgFacts: await orgFactsUnder(db, form, subjectPaths),
    targetParts: await targetPartsOf(db, program.p.id, form),
    partners,
  };
}


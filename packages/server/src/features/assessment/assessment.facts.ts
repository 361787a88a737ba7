/**
 * What the program knows about each assessed subject, component by component: the compliance cells
 * and deliverable states the programs feature computes, the timeliness of each due form, the
 * subject's progress on a split target, and its own records for findings, evaluations and counts.
 * Nothing here scores; the domain does.
 */
import {
  formPeriods, templateObligations, timeliness, toCivilDate,
  type ComponentFacts, type DeliverableResult, type FormStatus, type PeriodCompliance, type ScoredRecord, type TemplateAssessment,
} from '@tuanjian/domain';
import { and, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../../auth/policy';
import type { Db } from '../../db/client';
import { formReports } from '../forms/forms.table';
import { expectedReporters } from '../forms/forms.inputs';
import { deliverableRows, obligationRows } from '../programs/compliance.service';
import type { loadProgram } from '../programs/programs.service';
import { records } from '../programs/programs.table';
import { recordSubjectKeys, type Subject } from '../programs/subjects';
import { countsAsOf } from '../targets/progress.service';
import { targetParts } from '../targets/targets.table';
import { holderKey } from '../programs/holders';

type Loaded = Awaited<ReturnType<typeof loadProgram>>;
export type FactsBySubject = Map<string, Record<string, ComponentFacts>>;

type Component = TemplateAssessment['components'][number];

async function complianceFacts(db: Db, actor: Actor, program: Loaded, ids: readonly string[], today: string, out: (key: string, f: ComponentFacts) => void) {
  const cells = new Map<string, PeriodCompliance[]>();
  for (const o of templateObligations(program.template).filter((x) => ids.includes(x.id))) {
    const { rows } = await obligationRows(db, actor, program, o, today);
    for (const r of rows) cells.set(r.subjectKey, [...(cells.get(r.subjectKey) ?? []), ...r.cells]);
  }
  for (const [key, list] of cells) out(key, { kind: 'compliance', cells: list });
}

async function deliverableFacts(db: Db, actor: Actor, program: Loaded, ids: readonly string[], today: string, out: (key: string, f: ComponentFacts) => void) {
  const cells = new Map<string, DeliverableResult[]>();
  for (const d of (program.template.deliverables ?? []).filter((x) => ids.includes(x.id))) {
    for (const r of await deliverableRows(db, actor, program, d, today)) cells.set(r.subjectKey, [...(cells.get(r.subjectKey) ?? []), ...r.cells]);
  }
  for (const [key, list] of cells) out(key, { kind: 'deliverables', cells: list });
}

/** Each due period of each form, per expected reporter: on time, late, overdue (DHIS2's timeliness). */
async function formFacts(db: Db, program: Loaded, ids: readonly string[], today: string, out: (key: string, f: ComponentFacts) => void) {
  const reports = new Map<string, Array<{ timeliness: ReturnType<typeof timeliness> }>>();
  for (const form of (program.template.forms ?? []).filter((f) => ids.includes(f.id))) {
    const periods = formPeriods(form, { start: program.p.startsOn, end: program.p.endsOn }).filter((p) => p.due <= today);
    if (!periods.length) continue;
    const rows = await db.select().from(formReports).where(and(eq(formReports.programId, program.p.id), eq(formReports.formKey, form.id), inArray(formReports.periodKey, periods.map((p) => p.key))));
    const byKey = new Map(rows.map((r) => [`${r.periodKey}|${r.reporterKey}`, r]));
    for (const period of periods) {
      for (const h of await expectedReporters(db, program, form, period)) {
        const row = byKey.get(`${period.key}|${holderKey(h)}`);
        const state = { status: (row?.status ?? 'draft') as FormStatus, firstSubmittedOn: row?.firstSubmittedAt ? toCivilDate(row.firstSubmittedAt) : null };
        const list = reports.get(holderKey(h)) ?? [];
        list.push({ timeliness: timeliness(period.due, state, today) });
        reports.set(holderKey(h), list);
      }
    }
  }
  for (const [key, list] of reports) out(key, { kind: 'form_timeliness', reports: list });
}

async function targetFacts(db: Db, program: Loaded, targetId: string, subjects: readonly Subject[], today: string, out: (key: string, f: ComponentFacts) => void) {
  const target = (program.template.targets ?? []).find((t) => t.id === targetId);
  const orgIds = subjects.filter((s) => s.holder.type === 'org').map((s) => s.holder.id);
  if (!target || !orgIds.length) return;
  const parts = new Map((await db.select().from(targetParts).where(and(eq(targetParts.programId, program.p.id), eq(targetParts.targetKey, targetId), inArray(targetParts.orgId, orgIds))))
    .map((p) => [p.orgId, p.amount]));
  const actual = await countsAsOf(db, program, target, orgIds, today);
  for (const id of orgIds) out(`org:${id}`, { kind: 'target', actual: actual?.get(id) ?? 0, target: parts.get(id) ?? null });
}

/** The subjects' own records of the kinds (verified only where the program says so), up to today. */
async function recordFacts(db: Db, program: Loaded, kinds: readonly string[], subjects: readonly Subject[], today: string, out: (key: string, f: ComponentFacts) => void) {
  const orgIds = [...new Set(subjects.map((s) => s.holder.orgId))];
  if (!orgIds.length) return;
  const statuses = program.p.verifiedOnly ? ['verified'] : ['submitted', 'verified'];
  const rows = await db.select({ id: records.id, orgId: records.orgId, departmentId: records.departmentId, cadreIds: records.cadreIds, fields: records.fields, occurredOn: records.occurredOn })
    .from(records).where(and(eq(records.programId, program.p.id), inArray(records.kind, [...kinds]), inArray(records.status, statuses), inArray(records.orgId, orgIds)));
  const mine = new Map<string, ScoredRecord[]>(subjects.map((s) => [s.key, []]));
  for (const r of rows.filter((x) => x.occurredOn <= today).sort((a, b) => a.id - b.id)) {
    for (const k of recordSubjectKeys(r)) mine.get(k)?.push({ id: String(r.id), fields: r.fields as Record<string, unknown> });
  }
  for (const [key, list] of mine) out(key, { kind: 'records', records: list });
}

export async function assessmentFacts(db: Db, actor: Actor, program: Loaded, scheme: TemplateAssessment, subjects: readonly Subject[], now: Date): Promise<FactsBySubject> {
  const today = toCivilDate(now);
  const facts: FactsBySubject = new Map(subjects.map((s) => [s.key, {}]));
  for (const c of scheme.components as Component[]) {
    const put = (key: string, f: ComponentFacts) => {
      const entry = facts.get(key);
      if (entry) entry[c.id] = f;
    };
    const m = c.measure;
    if (m.kind === 'compliance') await complianceFacts(db, actor, program, m.obligations, today, put);
    else if (m.kind === 'deliverables') await deliverableFacts(db, actor, program, m.deliverables, today, put);
    else if (m.kind === 'form_timeliness') await formFacts(db, program, m.forms, today, put);
    else if (m.kind === 'target') await targetFacts(db, program, m.target, subjects, today, put);
    else await recordFacts(db, program, m.recordKinds, subjects, today, put);
  }
  return facts;
}

/**
 * Reading forms: the program's forms with their periods, one reporter's filled form, the reporting
 * rates of a period per subtree (expected reporters are those that existed during the period), the
 * overdue list, and the records and evidence behind one cell (X.2).
 */
import { pathIds, reportingRate, timeliness, toCivilDate, type FormStatus, type ReporterState } from '@tuanjian/domain';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { authorize, inScope, type Actor } from '../../auth/policy';
import type { Db } from '../../db/client';
import { BadRequestError, NotFoundError } from '../../http/errors';
import { evidence } from '../evidence/evidence.table';
import { findOrgInScope } from '../orgs/orgs.queries';
import { orgs } from '../orgs/orgs.table';
import { holderKey, holderLabel, resolveHolders, type Holder, type HolderRef } from '../programs/holders';
import { loadProgram } from '../programs/programs.service';
import { records } from '../programs/programs.table';
import { assertExpected, findReporter, formContext, periodsOf, type FormContext } from './forms.context';
import { expectedReporters } from './forms.inputs';
import { assemble, formSummary, periodView, presentReport, reporterView } from './forms.report';
import { formReports, type FormReportRow } from './forms.table';

export async function listForms(db: Db, actor: Actor, programId: number) {
  const program = await loadProgram(db, actor, programId);
  authorize(actor, 'org.read');
  return { items: (program.template.forms ?? []).map((form) => ({ ...formSummary({ form }), periods: periodsOf(program, form).map(periodView) })) };
}

export async function readReport(db: Db, actor: Actor, at: { programId: number; formKey: string; period: string; reporter: string }, now: Date) {
  const c = await formContext(db, actor, at.programId, at.formKey, at.period);
  const reporter = await findReporter(db, actor, at.reporter);
  authorize(actor, 'org.read', reporter.path);
  await assertExpected(db, c, reporter);
  const assembled = await assemble(db, c, reporter);
  return { c, reporter, assembled, report: await presentReport(db, actor, c, reporter, assembled, now) };
}

async function rowsFor(db: Db, c: FormContext, keys: string[]): Promise<Map<string, FormReportRow>> {
  if (!keys.length) return new Map();
  const rows = await db.select().from(formReports).where(and(
    eq(formReports.programId, c.program.p.id), eq(formReports.formKey, c.form.id), eq(formReports.periodKey, c.period.key), inArray(formReports.reporterKey, keys),
  ));
  return new Map(rows.map((r) => [r.reporterKey, r]));
}

const stateOf = (row: FormReportRow | undefined): ReporterState => ({
  status: (row?.status ?? 'draft') as FormStatus, firstSubmittedOn: row?.firstSubmittedAt ? toCivilDate(row.firstSubmittedAt) : null,
});

/** Expected, actual and on-time reports of one period, under an org of the reader's scope and per org just below it. */
export async function periodStatus(db: Db, actor: Actor, programId: number, formKey: string, periodKey: string, underId: number | undefined, now: Date) {
  const c = await formContext(db, actor, programId, formKey, periodKey);
  authorize(actor, 'org.read');
  const scope = (await db.select().from(orgs).where(eq(orgs.id, c.program.p.scopeOrgId)))[0]!;
  const under = underId !== undefined ? await findOrgInScope(db, actor, underId) : inScope(actor, scope.path) ? scope : await findOrgInScope(db, actor, actor.orgId);
  if (!under) throw new NotFoundError('组织不存在或不在您的管理范围内');
  const today = toCivilDate(now);
  const expected = (await expectedReporters(db, c.program, c.form, c.period, { under })).filter((h) => h.path.startsWith(under.path) && inScope(actor, h.path));
  const rows = await rowsFor(db, c, expected.map(holderKey));
  const states = expected.map((h) => ({ h, row: rows.get(holderKey(h)), state: stateOf(rows.get(holderKey(h))) }));
  const depth = pathIds(under.path).length;
  const groupOf = (h: Holder) => Number(pathIds(h.path)[depth] ?? under.id);
  const groupIds = [...new Set(states.map((s) => groupOf(s.h)))];
  const names = new Map((groupIds.length ? await db.select({ id: orgs.id, name: orgs.name, code: orgs.code }).from(orgs).where(inArray(orgs.id, groupIds)).orderBy(asc(orgs.code)) : []).map((o) => [o.id, o.name]));
  return {
    form: { id: c.form.id, ref: c.form.ref, name: c.form.name, title: c.form.title, attachment: c.form.attachment ?? null, periodType: c.form.period, approver: c.form.approver },
    period: periodView(c.period),
    under: { id: under.id, name: under.name },
    rate: reportingRate(c.period.due, states.map((s) => s.state), today),
    groups: [...names.entries()].map(([orgId, orgName]) => ({
      orgId, orgName, rate: reportingRate(c.period.due, states.filter((s) => groupOf(s.h) === orgId).map((s) => s.state), today),
    })),
    reporters: states.map((s) => ({
      ...reporterView(s.h), status: s.state.status, timeliness: timeliness(c.period.due, s.state, today),
      firstSubmittedAt: s.row?.firstSubmittedAt?.toISOString() ?? null, version: s.row?.version ?? 0,
    })),
  };
}

/** Every report past its due date and not handed in, in the reader's scope, the longest overdue first. */
export async function overdueList(db: Db, actor: Actor, programId: number, now: Date) {
  const program = await loadProgram(db, actor, programId);
  authorize(actor, 'org.read');
  const today = toCivilDate(now);
  const items = [];
  for (const form of program.template.forms ?? []) {
    for (const period of periodsOf(program, form).filter((p) => p.due < today)) {
      const c = { program, form, period };
      const expected = (await expectedReporters(db, program, form, period, { under: { id: actor.orgId, path: actor.orgPath } })).filter((h) => inScope(actor, h.path));
      const rows = await rowsFor(db, c, expected.map(holderKey));
      for (const h of expected) {
        const state = stateOf(rows.get(holderKey(h)));
        if (timeliness(period.due, state, today) !== 'overdue') continue;
        const daysOverdue = Math.round((Date.parse(today) - Date.parse(period.due)) / 86_400_000);
        items.push({ formId: form.id, formName: form.name, ref: form.ref, periodKey: period.key, due: period.due, daysOverdue, reporter: reporterView(h), status: state.status });
      }
    }
  }
  items.sort((a, b) => b.daysOverdue - a.daysOverdue || (a.reporter.name < b.reporter.name ? -1 : 1));
  return { today, items };
}

/** The records and their evidence behind a computed cell, the holders behind a registry cell, who typed a typed one. */
export async function cellDetail(db: Db, actor: Actor, at: { programId: number; formKey: string; period: string; reporter: string }, rowKey: string, columnId: string, now: Date) {
  const { c, assembled, report } = await readReport(db, actor, at, now);
  const row = rowKey === 'footer' ? { label: '表尾', cells: report.footer } : report.rows.find((r) => r.key === rowKey);
  const cell = row?.cells.find((x) => x.column === columnId);
  if (!row || !cell) throw new BadRequestError('报表没有这个单元格', [{ path: 'querystring.row', message: '单元格不存在' }]);
  const column = [...c.form.columns, ...(c.form.footer ?? [])].find((x) => x.id === columnId)!;
  const ids = cell.recordIds;
  const recs = ids.length ? await db.select({ r: records, orgName: orgs.name }).from(records).innerJoin(orgs, eq(orgs.id, records.orgId)).where(inArray(records.id, ids)) : [];
  const files = ids.length ? await db.select({ id: evidence.id, recordId: evidence.recordId }).from(evidence).where(inArray(evidence.recordId, ids)).orderBy(asc(evidence.id)) : [];
  const kindNames = new Map(c.program.template.recordKinds.map((k) => [k.id, k.name]));
  const order = new Map(ids.map((id, i) => [id, i]));
  const computed = rowKey === 'footer' ? assembled.filled.footer : assembled.filled.rows.find((r) => r.key === rowKey)?.cells ?? [];
  const holderKeys = computed.find((x) => x.column === columnId)?.holderKeys ?? [];
  // The orgs behind an orgs cell (S4.2 direct orgs built, S3.7 new firms) are not rows, so not in the form's registry.
  const unnamed = holderKeys.filter((k) => !assembled.inputs.registry[k]).map((k) => ({ type: k.split(':')[0] as HolderRef['type'], id: Number(k.split(':')[1]) }));
  const named = unnamed.length ? await resolveHolders(db, unnamed) : new Map<string, Holder>();
  const holders = holderKeys.map((key) => ({ key, name: assembled.inputs.registry[key]?.name ?? (named.has(key) ? holderLabel(named.get(key)!) : key) }));
  return {
    key: cell.key, rowLabel: row.label, columnLabel: column.label, source: cell.source, value: cell.value, figures: cell.figures, counts: cell.counts,
    records: recs.sort((a, b) => order.get(a.r.id)! - order.get(b.r.id)!).map(({ r, orgName }) => ({
      id: r.id, kind: r.kind, kindName: kindNames.get(r.kind) ?? r.kind, orgId: r.orgId, orgName, occurredOn: r.occurredOn, status: r.status,
      amount: r.amount, peopleReached: r.peopleReached, days: r.days, partnerOrgIds: r.partnerOrgIds, fields: r.fields as Record<string, unknown>,
      evidenceIds: files.filter((f) => f.recordId === r.id).map((f) => f.id),
    })),
    holders, typedBy: cell.typedBy, typedAt: cell.typedAt,
  };
}

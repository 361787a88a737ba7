/**
 * One reporter's form for one period as the API shows it: computed on every read from the records
 * (a new record counts at once), typed cells with who typed them, the workflow state, the difference
 * against the approval snapshot, and what the reader may do. Mobiles are masked here, once.
 */
import type { FormReport } from '@tuanjian/contracts';
import {
  computeForm, diffSnapshot, entryOpen, maskMobile, timeliness, toCivilDate, typedCells,
  type FilledForm, type FormCell, type FormColumnDef, type FormSnapshot, type FormStatus, type TypedValue,
} from '@tuanjian/domain';
import type { z } from 'zod';
import { can, type Actor } from '../../auth/policy';
import type { Db } from '../../db/client';
import { holderKey, type Holder } from '../programs/holders';
import { approverProblem, exceptionUntil, reportRow, reporterParam, type FormContext } from './forms.context';
import { formInputs, type FormInputs } from './forms.inputs';
import type { FormReportRow } from './forms.table';

export interface TypedEntry { value: TypedValue; by: number; byName: string; at: string }

export interface Assembled {
  row: FormReportRow | null;
  inputs: FormInputs;
  filled: FilledForm;
  typed: Record<string, TypedEntry>;
}

export async function assemble(db: Db, c: FormContext, reporter: Holder, row?: FormReportRow | null): Promise<Assembled> {
  const stored = row === undefined ? await reportRow(db, c, reporter) : row;
  const inputs = await formInputs(db, c.program, c.form, c.period, reporter);
  const typed = (stored?.typed ?? {}) as Record<string, TypedEntry>;
  const filled = computeForm({ ...inputs, typed: Object.fromEntries(Object.entries(typed).map(([k, v]) => [k, v.value])) });
  return { row: stored, inputs, filled, typed };
}

const isoOrNull = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export function columnView(c: FormColumnDef) {
  return {
    id: c.id, label: c.label, group: c.group ?? null, source: c.typed ? 'typed' as const : c.attribute ? 'attribute' as const : 'computed' as const,
    typedType: c.typed?.type ?? null, typedReason: c.typed?.reason ?? null, width: c.width ?? null,
  };
}

export function reporterView(h: Holder) {
  return { key: holderKey(h), param: reporterParam(h), name: h.type === 'org' ? h.name : `${h.orgName}·${h.name}`, orgId: h.orgId };
}

export function formSummary(c: Pick<FormContext, 'form'>) {
  const f = c.form;
  return { id: f.id, ref: f.ref, name: f.name, title: f.title, attachment: f.attachment ?? null, periodType: f.period, approver: f.approver, columns: f.columns.map(columnView) };
}

export function periodView(p: FormContext['period']) {
  return { key: p.key, start: p.start, end: p.end, due: p.due, locksAfter: p.locksAfter };
}

/** A mobile number inside a registry cell, masked for readers without the right to see it. */
export function maskCell(value: FormCell['value'], mobiles: readonly string[], mayView: boolean): FormCell['value'] {
  if (mayView || typeof value !== 'string') return value;
  return mobiles.reduce((text, m) => text.split(m).join(maskMobile(m)), value);
}

export function statusOf(row: FormReportRow | null): FormStatus {
  return (row?.status ?? 'draft') as FormStatus;
}

export async function presentReport(db: Db, actor: Actor, c: FormContext, reporter: Holder, a: Assembled, now: Date): Promise<z.infer<typeof FormReport>> {
  const today = toCivilDate(now);
  const status = statusOf(a.row);
  const exception = await exceptionUntil(db, c, reporter, now);
  const open = entryOpen(c.period, today, exception);
  const approver = approverProblem(actor, c, reporter) === null && can(actor, 'form.approve');
  const abilities = {
    edit: can(actor, 'form.submit') && open && (status === 'draft' || status === 'returned'),
    submit: can(actor, 'form.submit') && open && (status === 'draft' || status === 'returned'),
    approve: approver && status === 'submitted',
    reopen: approver && status === 'approved',
    grantException: approver && !open,
  };
  const typable = typedCells(c.form, a.filled.rows);
  const mayView = can(actor, 'mobile.view');
  const cell = (rowKey: string, x: FormCell) => {
    const key = `${rowKey}/${x.column}`;
    const t = a.typed[key];
    return {
      key, column: x.column, source: x.source, value: maskCell(x.value, x.mobiles, mayView), figures: x.figures, counts: x.counts,
      recordIds: x.recordIds.map(Number), editable: abilities.edit && typable.has(key), typedBy: t?.byName ?? null, typedAt: t?.at ?? null,
    };
  };
  const changes = status === 'approved' && a.row?.snapshot ? diffSnapshot(a.row.snapshot as FormSnapshot, a.filled) : [];
  return {
    programId: c.program.p.id,
    form: {
      ...formSummary(c), rowHeader: c.form.rowHeader ?? null, stampLabel: c.form.stampLabel ?? '填报单位（盖章）', dateLabel: c.form.dateLabel ?? '填报日期',
      notes: c.form.notes ?? [], footer: (c.form.footer ?? []).map(columnView),
    },
    period: periodView(c.period),
    reporter: reporterView(reporter),
    status, version: a.row?.version ?? 0, notes: a.row?.notes ?? null, returnReason: a.row?.returnReason ?? null,
    firstSubmittedAt: isoOrNull(a.row?.firstSubmittedAt), submittedAt: isoOrNull(a.row?.submittedAt), decidedAt: isoOrNull(a.row?.decidedAt),
    timeliness: timeliness(c.period.due, { status, firstSubmittedOn: a.row?.firstSubmittedAt ? toCivilDate(a.row.firstSubmittedAt) : null }, today),
    entryOpen: open, exceptionUntil: exception,
    rows: a.filled.rows.map((r) => ({ key: r.key, label: r.label, kind: r.kind, cells: r.cells.map((x) => cell(r.key, x)) })),
    footer: a.filled.footer.map((x) => cell('footer', x)),
    changes: changes.map((ch) => ({ ...ch, addedRecordIds: ch.addedRecordIds.map(Number), removedRecordIds: ch.removedRecordIds.map(Number) })),
    abilities,
  };
}

/**
 * A form moves up the tree as DHIS2's data approval does: the reporter types what cannot be computed
 * and submits; the level above approves (locking it with a snapshot of the computed values) or returns
 * it with a reason; an approved form whose records later changed can be reopened by the approver.
 * Entry locks some days after the due date unless the level above grants one reporter a dated exception.
 * Every step is one transaction with its audit row, checked against the version the client saw.
 */
import type { z } from 'zod';
import type { FormDecision, FormException, FormTypedUpdate } from '@tuanjian/contracts';
import { entryOpen, snapshotOf, toCivilDate, typedCells, typedValueProblem } from '@tuanjian/domain';
import { eq } from 'drizzle-orm';
import { audit, type AuditContext } from '../../audit/audit';
import { authorize, type Actor } from '../../auth/policy';
import type { Db } from '../../db/client';
import { BadRequestError, ConflictError, ForbiddenError } from '../../http/errors';
import { holderKey, type Holder } from '../programs/holders';
import { assertApprover, assertExpected, exceptionUntil, findReporter, formContext, reportRow, type FormContext } from './forms.context';
import { assemble, type TypedEntry } from './forms.report';
import { formExceptions, formReports, type FormReportRow } from './forms.table';

export interface FormAddress { programId: number; formKey: string; period: string; reporter: string }

interface Step {
  c: FormContext;
  reporter: Holder;
  row: FormReportRow | null;
  tx: Db;
}

/** Loads and locks the report for a write, after the scope, action and version checks every write shares. */
async function step<T>(db: Db, actor: Actor, at: FormAddress, action: 'form.submit' | 'form.approve', version: number | null, run: (s: Step) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    const c = await formContext(tx, actor, at.programId, at.formKey, at.period);
    const reporter = await findReporter(tx, actor, at.reporter);
    authorize(actor, action, reporter.path);
    if (action === 'form.approve') assertApprover(actor, c, reporter);
    await assertExpected(tx, c, reporter);
    const row = await reportRow(tx, c, reporter, true);
    if (version !== null && (row?.version ?? 0) !== version) throw new ConflictError('报表已被他人修改，请刷新后重试');
    return run({ c, reporter, row, tx });
  });
}

/** Writes the row (creating it on the first write) with the next version; a concurrent first write loses with a conflict. */
async function save(s: Step, ctx: AuditContext, action: string, values: Partial<typeof formReports.$inferInsert>): Promise<FormReportRow> {
  const now = ctx.now();
  let after: FormReportRow | undefined;
  if (s.row) {
    [after] = await s.tx.update(formReports).set({ ...values, version: s.row.version + 1, updatedAt: now }).where(eq(formReports.id, s.row.id)).returning();
  } else {
    [after] = await s.tx.insert(formReports).values({
      programId: s.c.program.p.id, formKey: s.c.form.id, periodKey: s.c.period.key, reporterKey: holderKey(s.reporter), reporterOrgId: s.reporter.orgId,
      ...values, version: 1, createdAt: now, updatedAt: now,
    }).onConflictDoNothing().returning();
    if (!after) throw new ConflictError('报表已被他人修改，请刷新后重试');
  }
  await audit(s.tx, ctx, { action, objectType: 'form_report', objectId: after!.id, before: s.row, after });
  return after!;
}

async function assertOpen(s: Step, now: Date) {
  const until = await exceptionUntil(s.tx, s.c, s.reporter, now);
  if (!entryOpen(s.c.period, toCivilDate(now), until)) {
    throw new BadRequestError(`本期“${s.c.form.name}”已于 ${s.c.period.locksAfter} 截止填报，请向上级申请延期`, [{ path: 'params.period', message: '已截止填报' }]);
  }
}

function assertEditable(s: Step) {
  const status = s.row?.status ?? 'draft';
  if (status === 'submitted') throw new BadRequestError('报表已上报，等待审核；如需修改请由审核单位退回');
  if (status === 'approved') throw new BadRequestError('报表已审核通过并锁定；如记录有变化，可由审核单位重新打开');
}

/** Typed cells and notes; only cells of typed columns, each checked against its type. */
export async function updateTyped(db: Db, ctx: AuditContext, actor: Actor, at: FormAddress, input: z.infer<typeof FormTypedUpdate>) {
  await step(db, actor, at, 'form.submit', input.version, async (s) => {
    assertEditable(s);
    await assertOpen(s, ctx.now());
    const { filled } = await assemble(s.tx, s.c, s.reporter, s.row);
    const allowed = typedCells(s.c.form, filled.rows);
    const problems: Array<{ path: string; message: string }> = [];
    const typed = { ...((s.row?.typed ?? {}) as Record<string, TypedEntry>) };
    for (const [key, value] of Object.entries(input.cells ?? {})) {
      const cell = allowed.get(key);
      if (!cell) { problems.push({ path: `body.cells.${key}`, message: '该单元格由记录计算，不能填写' }); continue; }
      const problem = typedValueProblem(cell.type, value);
      if (problem) { problems.push({ path: `body.cells.${key}`, message: problem }); continue; }
      if (value === null || value === '') delete typed[key];
      else typed[key] = { value, by: actor.userId, byName: actor.displayName, at: ctx.now().toISOString() };
    }
    if (problems.length) throw new BadRequestError(problems.map((p) => p.message).join('；'), problems);
    await save(s, ctx, 'form.update', { typed, ...(input.notes !== undefined ? { notes: input.notes } : {}) });
  });
}

export async function submitForm(db: Db, ctx: AuditContext, actor: Actor, at: FormAddress, version: number) {
  await step(db, actor, at, 'form.submit', version, async (s) => {
    assertEditable(s);
    await assertOpen(s, ctx.now());
    const now = ctx.now();
    await save(s, ctx, 'form.submit', { status: 'submitted', submittedAt: now, submittedBy: actor.userId, firstSubmittedAt: s.row?.firstSubmittedAt ?? now, returnReason: null });
  });
}

/** Approval locks the form and keeps what it showed, so later changes of its records can be seen. */
export async function approveForm(db: Db, ctx: AuditContext, actor: Actor, at: FormAddress, input: z.infer<typeof FormDecision>) {
  await step(db, actor, at, 'form.approve', input.version, async (s) => {
    if (s.row?.status !== 'submitted') throw new BadRequestError('只有已上报的报表可以审核');
    // A committee above may hand a form in for a reporter, but then someone else must approve it.
    if (s.row.submittedBy === actor.userId) throw new ForbiddenError('不能审核自己上报的报表，请由本级其他审核人审核');
    const { filled } = await assemble(s.tx, s.c, s.reporter, s.row);
    await save(s, ctx, 'form.approve', { status: 'approved', decidedAt: ctx.now(), decidedBy: actor.userId, snapshot: snapshotOf(filled), returnReason: null });
  });
}

const needReason = (reason: string | undefined, what: string) => {
  if (!reason) throw new BadRequestError(`${what}须说明理由`, [{ path: 'body.reason', message: '请填写理由' }]);
  return reason;
};

export async function returnForm(db: Db, ctx: AuditContext, actor: Actor, at: FormAddress, input: z.infer<typeof FormDecision>) {
  await step(db, actor, at, 'form.approve', input.version, async (s) => {
    if (s.row?.status !== 'submitted') throw new BadRequestError('只有已上报的报表可以退回');
    const reason = needReason(input.reason, '退回');
    await save(s, ctx, 'form.return', { status: 'returned', decidedAt: ctx.now(), decidedBy: actor.userId, returnReason: reason });
  });
}

/** The approver's decision after the records behind an approved form changed: back to the reporter. */
export async function reopenForm(db: Db, ctx: AuditContext, actor: Actor, at: FormAddress, input: z.infer<typeof FormDecision>) {
  await step(db, actor, at, 'form.approve', input.version, async (s) => {
    if (s.row?.status !== 'approved') throw new BadRequestError('只有审核通过的报表可以重新打开');
    const reason = needReason(input.reason, '重新打开');
    await save(s, ctx, 'form.reopen', { status: 'returned', decidedAt: ctx.now(), decidedBy: actor.userId, returnReason: reason, snapshot: null });
  });
}

/** A dated exception to the entry lock for one reporter, granted by the level above. */
export async function grantException(db: Db, ctx: AuditContext, actor: Actor, at: FormAddress, input: z.infer<typeof FormException>) {
  await step(db, actor, at, 'form.approve', null, async (s) => {
    const today = toCivilDate(ctx.now());
    if (input.until < today) throw new BadRequestError('延期日期不能早于今天', [{ path: 'body.until', message: '早于今天' }]);
    const [row] = await s.tx.insert(formExceptions).values({
      programId: s.c.program.p.id, formKey: s.c.form.id, periodKey: s.c.period.key, reporterKey: holderKey(s.reporter),
      openUntil: input.until, reason: input.reason, grantedBy: actor.userId, grantedAt: ctx.now(),
    }).returning();
    await audit(s.tx, ctx, { action: 'form.exception', objectType: 'form_exception', objectId: row!.id, after: row });
  });
}


/**
 * Finding a form, its period and its reporter for a request, with the checks every form route shares:
 * an object out of the reader's scope is not found, an org that does not report this form is a bad
 * request, and approval belongs to the level above (or to the issuer, as the form says).
 */
import { formPeriods, toCivilDate, type FormPeriod, type TemplateForm } from '@tuanjian/domain';
import { and, desc, eq, gte } from 'drizzle-orm';
import { inScope, type Actor } from '../../auth/policy';
import type { Db } from '../../db/client';
import { BadRequestError, ForbiddenError, NotFoundError } from '../../http/errors';
import { holderKey, resolveHolders, type Holder, type HolderRef } from '../programs/holders';
import { loadProgram } from '../programs/programs.service';
import { expectedReporters, type Loaded } from './forms.inputs';
import { formExceptions, formReports, type FormReportRow } from './forms.table';

export interface FormContext {
  program: Loaded;
  form: TemplateForm;
  period: FormPeriod;
}

export function formOf(program: Loaded, formKey: string): TemplateForm {
  const form = program.template.forms?.find((f) => f.id === formKey);
  if (!form) throw new NotFoundError('报表不存在');
  return form;
}

export function periodsOf(program: Loaded, form: TemplateForm): FormPeriod[] {
  return formPeriods(form, { start: program.p.startsOn, end: program.p.endsOn });
}

export async function formContext(db: Db, actor: Actor, programId: number, formKey: string, periodKey: string): Promise<FormContext> {
  const program = await loadProgram(db, actor, programId);
  const form = formOf(program, formKey);
  const period = periodsOf(program, form).find((p) => p.key === periodKey);
  if (!period) throw new BadRequestError(`报表期次 ${periodKey} 不在本专项工作期间内`, [{ path: 'params.period', message: '期次无效' }]);
  return { program, form, period };
}

export const reporterParam = (h: HolderRef) => `${h.type}-${h.id}`;

/** The reporter named in the URL, if the reader may see it. */
export async function findReporter(db: Db, actor: Actor, param: string): Promise<Holder> {
  const [type, id] = param.split('-') as [HolderRef['type'], string];
  const h = (await resolveHolders(db, [{ type, id: Number(id) }])).get(`${type}:${id}`);
  if (!h || !inScope(actor, h.path)) throw new NotFoundError('填报单位不存在或不在您的管理范围内');
  return h;
}

export async function assertExpected(db: Db, c: FormContext, reporter: Holder): Promise<void> {
  const expected = await expectedReporters(db, c.program, c.form, c.period, { orgIds: [reporter.orgId] });
  if (!expected.some((h) => holderKey(h) === holderKey(reporter))) {
    throw new BadRequestError(`${reporter.name}不是本期“${c.form.name}”的填报单位`, [{ path: 'params.reporter', message: '不是填报单位' }]);
  }
}

/** Whether the actor stands where the form's approver stands; a Chinese reason when not. */
export function approverProblem(actor: Actor, c: FormContext, reporter: Holder): string | null {
  if (c.form.approver === 'issuer' && !inScope(actor, c.program.issuerPath)) return `“${c.form.name}”由发文单位${c.program.issuerName}审核`;
  if (reporter.type === 'org' && actor.orgPath === reporter.path) return '报表由上级审核，不能审核本组织的报表';
  return null;
}

export function assertApprover(actor: Actor, c: FormContext, reporter: Holder): void {
  const problem = approverProblem(actor, c, reporter);
  if (problem) throw new ForbiddenError(problem);
}

export async function reportRow(db: Db, c: FormContext, reporter: Holder, forUpdate = false): Promise<FormReportRow | null> {
  const q = db.select().from(formReports).where(and(
    eq(formReports.programId, c.program.p.id), eq(formReports.formKey, c.form.id), eq(formReports.periodKey, c.period.key), eq(formReports.reporterKey, holderKey(reporter)),
  ));
  return (forUpdate ? await q.for('update') : await q)[0] ?? null;
}

/** The latest exception still running today, if any. */
export async function exceptionUntil(db: Db, c: FormContext, reporter: Holder, now: Date): Promise<string | null> {
  const rows = await db.select({ until: formExceptions.openUntil }).from(formExceptions).where(and(
    eq(formExceptions.programId, c.program.p.id), eq(formExceptions.formKey, c.form.id), eq(formExceptions.periodKey, c.period.key),
    eq(formExceptions.reporterKey, holderKey(reporter)), gte(formExceptions.openUntil, toCivilDate(now)),
  )).orderBy(desc(formExceptions.openUntil)).limit(1);
  return rows[0]?.until ?? null;
}

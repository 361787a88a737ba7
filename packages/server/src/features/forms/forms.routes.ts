import {
  FormCellDetail, FormCellQuery, FormDecision, FormException, FormList, FormOverdueList, FormParams, FormPeriodStatus, FormReport, FormReportParams,
  FormStatusQuery, FormTypedUpdate, FormVersion, Id,
} from '@tuanjian/contracts';
import { toCivilDate } from '@tuanjian/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../http/app';
import { auditContext, requireActor } from '../../http/context';
import { sendDocx } from '../../files/docx';
import { sendXlsx } from '../../files/xlsx';
import { cellDetail, listForms, overdueList, periodStatus, readReport } from './forms.service';
import { approveForm, grantException, reopenForm, returnForm, submitForm, updateTyped, type FormAddress } from './forms.workflow';
import { formSheetsDocx } from './forms.docx';
import { formXlsx } from './forms.xlsx';

const REPORT = '/programs/:id/forms/:formKey/periods/:period/reports/:reporter';
type ReportParams = z.infer<typeof FormReportParams>;
const address = (p: ReportParams): FormAddress => ({ programId: p.id, formKey: p.formKey, period: p.period, reporter: p.reporter });

export async function formRoutes(app: FastifyInstance, s: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = s.database.db;
  const tags = ['forms'];
  const view = async (req: FastifyRequest, p: ReportParams) => (await readReport(db, requireActor(req), address(p), s.now())).report;

  r.get('/programs/:id/forms', { schema: { tags, params: z.object({ id: Id }), response: { 200: FormList } } }, async (req) =>
    listForms(db, requireActor(req), req.params.id));
  r.get('/programs/:id/forms/overdue', { schema: { tags, params: z.object({ id: Id }), response: { 200: FormOverdueList } } }, async (req) =>
    overdueList(db, requireActor(req), req.params.id, s.now()));
  r.get('/programs/:id/forms/:formKey/periods/:period', { schema: { tags, params: FormParams, querystring: FormStatusQuery, response: { 200: FormPeriodStatus } } }, async (req) =>
    periodStatus(db, requireActor(req), req.params.id, req.params.formKey, req.params.period, req.query.under, s.now()));

  r.get(REPORT, { schema: { tags, params: FormReportParams, response: { 200: FormReport } } }, async (req) => view(req, req.params));
  r.patch(REPORT, { schema: { tags, params: FormReportParams, body: FormTypedUpdate, response: { 200: FormReport } } }, async (req) => {
    await updateTyped(db, auditContext(req, s.now), requireActor(req), address(req.params), req.body);
    return view(req, req.params);
  });
  r.post(`${REPORT}/submit`, { schema: { tags, params: FormReportParams, body: FormVersion, response: { 200: FormReport } } }, async (req) => {
    await submitForm(db, auditContext(req, s.now), requireActor(req), address(req.params), req.body.version);
    return view(req, req.params);
  });
  const decisions = { approve: approveForm, return: returnForm, reopen: reopenForm } as const;
  for (const [verb, decide] of Object.entries(decisions)) {
    r.post(`${REPORT}/${verb}`, { schema: { tags, params: FormReportParams, body: FormDecision, response: { 200: FormReport } } }, async (req) => {
      await decide(db, auditContext(req, s.now), requireActor(req), address(req.params), req.body);
      return view(req, req.params);
    });
  }
  r.post(`${REPORT}/exceptions`, { schema: { tags, params: FormReportParams, body: FormException, response: { 200: FormReport } } }, async (req) => {
    await grantException(db, auditContext(req, s.now), requireActor(req), address(req.params), req.body);
    return view(req, req.params);
  });
  r.get(`${REPORT}/cell`, { schema: { tags, params: FormReportParams, querystring: FormCellQuery, response: { 200: FormCellDetail } } }, async (req) =>
    cellDetail(db, requireActor(req), address(req.params), req.query.row, req.query.column, s.now()));
  r.get(`${REPORT}/xlsx`, { schema: { tags, params: FormReportParams } }, async (req, reply) => {
    const report = await view(req, req.params);
    const buffer = await formXlsx(report, toCivilDate(s.now()));
    return sendXlsx(reply, `${report.form.name}-${report.reporter.name}-${report.period.key}.xlsx`, buffer);
  });
  // One sheet per record (S2.4 Attachment 1, S2.6 Attachment 2), for forms whose rows are records.
  r.get(`${REPORT}/docx`, { schema: { tags, params: FormReportParams } }, async (req, reply) => {
    const { c, report } = await readReport(db, requireActor(req), address(req.params), s.now());
    const buffer = await formSheetsDocx(c.form, report, toCivilDate(s.now()));
    return sendDocx(reply, `${c.form.sheetTitle ?? c.form.name}-${report.reporter.name}-${report.period.key}.docx`, buffer);
  });
}

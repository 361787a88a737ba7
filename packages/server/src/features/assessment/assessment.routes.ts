import { AdjustmentCreate, AdjustmentParams, AdjustmentWithdraw, AssessmentList, AssessmentParams, AssessmentScores, Id } from '@tuanjian/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../http/app';
import { auditContext, requireActor } from '../../http/context';
import { buildSheet, sendXlsx } from '../../files/xlsx';
import { addAdjustment, assessmentScores, listAssessments, withdrawAdjustment } from './assessment.service';

const BASE = '/programs/:id/assessments/:assessmentId';

export async function assessmentRoutes(app: FastifyInstance, s: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = s.database.db;
  const tags = ['assessment'];
  const scores = (req: { params: z.infer<typeof AssessmentParams> } & Parameters<typeof requireActor>[0]) =>
    assessmentScores(db, requireActor(req), req.params.id, req.params.assessmentId, s.now());

  r.get('/programs/:id/assessments', { schema: { tags, params: z.object({ id: Id }), response: { 200: AssessmentList } } }, async (req) =>
    listAssessments(db, requireActor(req), req.params.id));
  r.get(BASE, { schema: { tags, params: AssessmentParams, response: { 200: AssessmentScores } } }, async (req) => scores(req));
  r.post(`${BASE}/adjustments`, { schema: { tags, params: AssessmentParams, body: AdjustmentCreate, response: { 200: AssessmentScores } } }, async (req) => {
    await addAdjustment(db, auditContext(req, s.now), requireActor(req), req.params.id, req.params.assessmentId, req.body);
    return scores(req);
  });
  r.post(`${BASE}/adjustments/:adjustmentId/withdraw`, { schema: { tags, params: AdjustmentParams, body: AdjustmentWithdraw, response: { 200: AssessmentScores } } }, async (req) => {
    await withdrawAdjustment(db, auditContext(req, s.now), requireActor(req), req.params.id, req.params.assessmentId, req.params.adjustmentId, req.body);
    return scores(req);
  });
  // The ranking as a sheet: one column per component with its points, then adjustments and the total.
  r.get(`${BASE}/xlsx`, { schema: { tags, params: AssessmentParams } }, async (req, reply) => {
    const view = await scores(req);
    type Row = (typeof view.rows)[number];
    const buffer = await buildSheet<Row>(view.assessment.name, [
      { header: '排名', width: 6, value: (row) => row.rank },
      { header: '考核对象', width: 28, value: (row) => row.name },
      ...view.assessment.components.map((c, i) => ({ header: `${c.label}（${c.weight}分）`, width: 14, value: (row: Row) => row.components[i]?.points ?? '不适用' })),
      { header: '基础分', width: 10, value: (row) => row.base },
      { header: '调整', width: 10, value: (row) => row.adjustment },
      { header: '调整理由', width: 30, value: (row) => row.adjustments.map((a) => `${a.points > 0 ? '+' : ''}${a.points}：${a.reason}`).join('\n') },
      { header: '总分', width: 10, value: (row) => row.total },
    ], view.rows);
    return sendXlsx(reply, `${view.assessment.name}-${view.asOf}.xlsx`, buffer);
  });
}

import { z } from 'zod';
import { Id } from './common';

export const AssessmentParams = z.object({ id: Id, assessmentId: z.string().min(1).max(100) });

export const AssessmentComponentView = z.object({
  id: z.string(),
  label: z.string(),
  weight: z.number(),
  kind: z.string(),
});
export const AssessmentSummary = z.object({
  id: z.string(),
  name: z.string(),
  refs: z.array(z.string()),
  fullMark: z.number(),
  maxAdjustment: z.number().nullable(),
  components: z.array(AssessmentComponentView),
});
export const AssessmentList = z.object({ items: z.array(AssessmentSummary) });

export const ComponentScoreView = z.object({
  id: z.string(),
  label: z.string(),
  weight: z.number(),
  ratio: z.number().nullable(),
  points: z.number().nullable(),
  achieved: z.number(),
  possible: z.number(),
  /** The records behind the points (X.2). */
  recordIds: z.array(z.number().int()),
  explanation: z.string(),
});
export const AdjustmentView = z.object({
  id: z.number().int(),
  points: z.number(),
  reason: z.string(),
  byName: z.string(),
  at: z.string(),
});
export const SubjectScoreView = z.object({
  subjectKey: z.string(),
  name: z.string(),
  rank: z.number().int().nullable(),
  base: z.number().nullable(),
  adjustment: z.number(),
  total: z.number().nullable(),
  components: z.array(ComponentScoreView),
  adjustments: z.array(AdjustmentView),
});
export const AssessmentScores = z.object({
  assessment: AssessmentSummary,
  asOf: z.string(),
  canAdjust: z.boolean(),
  rows: z.array(SubjectScoreView),
});

export const AdjustmentCreate = z.object({
  subjectKey: z.string().regex(/^(org|department|cadre):[1-9]\d{0,8}$/, { error: '考核对象应写作 org:编号、department:编号 或 cadre:编号' }),
  points: z.number().refine((n) => n !== 0 && Math.abs(n) <= 100 && Math.round(n * 100) === n * 100, { error: '调整分值应为非零数，最多两位小数' }),
  reason: z.string().trim().min(2, { error: '请写明调整理由' }).max(500),
});
export const AdjustmentWithdraw = z.object({ reason: z.string().trim().min(2, { error: '请写明撤销理由' }).max(500) });
export const AdjustmentParams = AssessmentParams.extend({ adjustmentId: Id });

import { z } from 'zod';
import { Id } from './common';

export const RatingParams = z.object({ id: Id, standardId: z.string().min(1).max(100) });
export const RatingOrgParams = RatingParams.extend({ orgId: Id });
const Scores = z.record(z.string().min(1).max(100), z.number().min(0, { error: '得分不能为负数' }));

export const SelfScore = z.object({
  scores: Scores,
  /** Records (with their photos) that show what the branch claims. */
  evidenceRecordIds: z.array(Id).max(50).optional(),
  version: z.number().int().min(0),
});
export const RatingReview = z.object({
  decision: z.enum(['approve', 'return'], { error: '请选择通过或退回' }),
  /** The reviewer's scores; without them the self-scores stand. */
  scores: Scores.optional(),
  reason: z.string().trim().max(500).optional(),
  version: z.number().int().min(0),
});

export const RatingRow = z.object({
  orgId: z.number().int(),
  orgName: z.string(),
  status: z.enum(['none', 'self_scored', 'reviewed', 'returned']),
  selfScores: z.record(z.string(), z.number()).nullable(),
  selfTotal: z.number().nullable(),
  reviewedScores: z.record(z.string(), z.number()).nullable(),
  reviewedTotal: z.number().nullable(),
  evidenceRecordIds: z.array(z.number().int()),
  failsMandatory: z.boolean(),
  stars: z.number().int().nullable(),
  earned: z.number().int().nullable(),
  starsReason: z.string().nullable(),
  returnReason: z.string().nullable(),
  version: z.number().int(),
  canSelfScore: z.boolean(),
  canReview: z.boolean(),
});
export const RatingBoard = z.object({
  standard: z.object({
    id: z.string(),
    name: z.string(),
    items: z.array(z.object({ id: z.string(), text: z.string(), points: z.number(), mandatory: z.boolean() })),
    lockOn: z.string().nullable(),
    locked: z.boolean(),
  }),
  /** Per band: the most branches it may hold over the whole program, and how many it holds. */
  quotas: z.array(z.object({ stars: z.number().int(), minScore: z.number(), max: z.number().int().nullable(), used: z.number().int() })),
  rows: z.array(RatingRow),
});

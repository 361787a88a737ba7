import { z } from 'zod';
import { Id } from './common';
import { RecordCreate } from './programs';

export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: '月份应写作 YYYY-MM，如 2019-06' });

/** S3.7: N branches per county each month, drawn so that anyone holding the seed can draw them again. */
export const SpotCheckDraw = z.object({
  scopeOrgId: Id,
  month: Month,
  target: z.enum(['branch', 'record']),
  perStratum: z.number().int().min(1).max(100),
  /** The record kind the findings are written as (S3.7 团支部实地抽查). */
  recordKind: z.string().min(1).max(64),
  /** Defaults to one derived from program, scope, month and target; a published seed lets others check the draw. */
  seed: z.string().trim().min(1).max(100).optional(),
});

export const SpotCheckItem = z.object({
  id: z.string(),
  name: z.string(),
  stratumId: z.string(),
  stratumName: z.string(),
  rank: z.number().int(),
  findingRecordId: z.number().int().nullable(),
});
export const SpotCheckSample = z.object({
  id: z.number().int(),
  programId: z.number().int(),
  scopeOrgId: z.number().int(),
  scopeOrgName: z.string(),
  month: z.string(),
  target: z.enum(['branch', 'record']),
  recordKind: z.string(),
  seed: z.string(),
  perStratum: z.number().int(),
  populationCount: z.number().int(),
  drawnAt: z.string(),
  items: z.array(SpotCheckItem),
});
export const SpotCheckList = z.object({ items: z.array(SpotCheckSample.omit({ items: true }).extend({ drawn: z.number().int(), checked: z.number().int() })) });
export const SpotCheckRedraw = z.object({ matches: z.boolean(), populationCount: z.number().int(), drawnIds: z.array(z.string()) });
/** A finding on one drawn item: the record of the check itself (who checked, what was found, the photos). */
export const SpotCheckFinding = RecordCreate.omit({ kind: true, status: true });

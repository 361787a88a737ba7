/**
 * Annual assessment in the template language (S1.11, S2.7, S3.9, X.4): who is scored, and what each
 * point stands on — compliance with obligations, deliverables handed in, forms on time, targets
 * reached, spot-check findings, evaluations and typical experiences promoted. Every component is
 * computed from data the program already keeps; nothing in a score is typed except an adjustment
 * with its reason.
 */
import { z } from 'zod';
import { OBLIGATION_SUBJECT_KINDS } from '../obligations';
import { ITEM_ID, ITEM_ID_MESSAGE, REQUIREMENT_ID, SNAKE_ID, SNAKE_ID_MESSAGE } from './vocabulary';

const SnakeId = z.string().regex(SNAKE_ID, { error: SNAKE_ID_MESSAGE });
const ItemId = z.string().regex(ITEM_ID, { error: ITEM_ID_MESSAGE });
const Text = z.string().trim().min(1, { error: '不能为空' });
const Ref = z.string().regex(REQUIREMENT_ID, { error: '需求编号应形如 S0.8 或 X.2（见 SEEDS.md）' });
const Credit = z.number().min(0, { error: '折算比例应在 0 到 1 之间' }).max(1, { error: '折算比例应在 0 到 1 之间' });
const Ids = z.array(z.string().min(1)).min(1, { error: '至少写一项' });
const Condition = z.strictObject({ field: SnakeId, equals: z.union([z.string(), z.number(), z.boolean()]) });

export const AssessmentMeasureSchema = z.discriminatedUnion(
  'kind',
  [
    /** Share of the subject's closed obligation periods that were met; a partly met one earns partlyCredit. */
    z.strictObject({ kind: z.literal('compliance'), obligations: Ids, partlyCredit: Credit.optional() }),
    /** Share of due deliverables handed in on time; a late one earns lateCredit. */
    z.strictObject({ kind: z.literal('deliverables'), deliverables: Ids, lateCredit: Credit.optional() }),
    /** Share of the subject's due forms handed in on time (DHIS2's timeliness); a late one earns lateCredit. */
    z.strictObject({ kind: z.literal('form_timeliness'), forms: Ids, lateCredit: Credit.optional() }),
    /** Actual over target of a split target, at most 1. */
    z.strictObject({ kind: z.literal('target'), target: z.string().min(1) }),
    /** Share of the subject's records of these kinds that pass every condition (S3.7 spot-check findings). */
    z.strictObject({ kind: z.literal('findings'), recordKinds: z.array(SnakeId).min(1), pass: z.array(Condition).min(1) }),
    /** Mean of a numeric field over the records, over its scale's top (S3.9 youths' evaluations). */
    z.strictObject({ kind: z.literal('average'), recordKinds: z.array(SnakeId).min(1), field: SnakeId, scaleMax: z.number().positive() }),
    /** Records of these kinds up to a full count (S3.9 typical experiences promoted). */
    z.strictObject({ kind: z.literal('count'), recordKinds: z.array(SnakeId).min(1), full: z.int().min(1) }),
  ],
  { error: '考核项的 kind 应为 compliance、deliverables、form_timeliness、target、findings、average 或 count' },
);
export type AssessmentMeasure = z.infer<typeof AssessmentMeasureSchema>;
export const ASSESSMENT_MEASURE_KINDS = ['compliance', 'deliverables', 'form_timeliness', 'target', 'findings', 'average', 'count'] as const;

export const AssessmentComponentSchema = z.strictObject({
  id: SnakeId,
  label: Text,
  weight: z.number().positive({ error: '分值应大于 0' }),
  measure: AssessmentMeasureSchema,
});
export type AssessmentComponent = z.infer<typeof AssessmentComponentSchema>;

export const AssessmentSchema = z.strictObject({
  id: ItemId,
  refs: z.array(Ref).min(1),
  name: Text,
  /** Who is scored: the holders of a role, a pairing side, or the issuer's departments or cadres. */
  who: z.strictObject({ kind: z.enum(OBLIGATION_SUBJECT_KINDS), ref: z.string().min(1) }),
  components: z.array(AssessmentComponentSchema).min(1),
  /** The issuing committee may add or take off at most this many points per subject, each with a reason. */
  maxAdjustment: z.number().min(0).optional(),
});
export type TemplateAssessment = z.infer<typeof AssessmentSchema>;

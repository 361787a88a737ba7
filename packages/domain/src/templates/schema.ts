/**
 * The program template language (方案模板): one YAML file describes a whole program — its roles,
 * pairings, standards, record kinds, obligations, deliverables and targets — so that every seed
 * program is data for one engine. Objects are strict: a mistyped key is an error, not a silent no-op.
 */
import { z } from 'zod';
import { isCivilDate } from '../dates';
import type { DueRule } from '../due-rules';
import { MEASURES, OBLIGATION_SUBJECT_KINDS, ORG_LEVELS, type Obligation } from '../obligations';
import { PERIOD_TYPES } from '../periods';
import { WINDOW_KINDS } from '../windows';
import { crossReferenceIssues } from './cross-refs';
import { DueRuleSchema } from './due-rule-schema';
import { AssessmentSchema } from './assessment-schema';
import { FormSchema } from './form-schema';

export { DueRuleSchema };
import {
  COMPARISON_OPS,
  DECIDERS,
  EVIDENCE_RULES,
  FIELD_TYPES,
  HOLDERS,
  ITEM_ID,
  ITEM_ID_MESSAGE,
  KEBAB_ID,
  KEBAB_ID_MESSAGE,
  MODE_ID,
  QUANTITIES,
  REQUIREMENT_ID,
  SNAKE_ID,
  SNAKE_ID_MESSAGE,
  SPLIT_METHODS,
  TEMPLATE_HONORS,
  TEMPLATE_ORG_KINDS,
  TEMPLATE_SECTORS,
  isMonthDay,
} from './vocabulary';

const SnakeId = z.string().regex(SNAKE_ID, { error: SNAKE_ID_MESSAGE });
const ItemId = z.string().regex(ITEM_ID, { error: ITEM_ID_MESSAGE });
const Text = z.string().trim().min(1, { error: '不能为空' });
const Ref = z.string().regex(REQUIREMENT_ID, { error: '需求编号应形如 S0.8 或 X.2（见 SEEDS.md）' });
const Count = z.int().min(1, { error: '至少为 1' });
const MonthDay = z.string().refine(isMonthDay, { error: '日期应写作“月-日”，如 12-15' });
const CivilDate = z.string().refine(isCivilDate, { error: '日期应写作“年-月-日”，如 2019-04-01' });
const OrgLevel = z.enum(ORG_LEVELS);

/** AND across fields, OR within a list; a person or department qualifies through the org it belongs to. */
export const Eligibility = z.strictObject({
  orgKinds: z.array(z.enum(TEMPLATE_ORG_KINDS)).optional(),
  levels: z.array(OrgLevel).optional(),
  sectors: z.array(z.enum(TEMPLATE_SECTORS)).optional(),
  honors: z.array(z.enum(TEMPLATE_HONORS)).optional(),
  /** What only a person can judge (S0.1 "工作基础较薄弱"). */
  note: Text.optional(),
});

export const Quota = z
  .strictObject({
    /** The parent org level that the quota is counted under: per county (S0.1), per township (S1.9). */
    per: OrgLevel,
    /** How many are finally chosen (the upper bound). */
    count: Count,
    /** Fewest acceptable; defaults to count (S4.9: 1–2 demonstration townships per county). */
    min: z.int().min(0).optional(),
    /** Candidates each parent proposes before the decision (S0.1 Attachment 2: 2 per county). */
    nominate: Count.optional(),
    decidedBy: z.enum(DECIDERS).optional(),
  })
  .refine((q) => q.min === undefined || q.min <= q.count, { error: 'min 不能大于 count', path: ['min'] })
  .refine((q) => q.nominate === undefined || q.nominate >= q.count, { error: '推荐数 nominate 不能少于最终名额 count', path: ['nominate'] });

export const Role = z.strictObject({
  id: SnakeId,
  name: Text,
  refs: z.array(Ref).optional(),
  holder: z.enum(HOLDERS),
  eligibility: Eligibility.optional(),
  quota: Quota.optional(),
  standard: SnakeId.optional(),
});

const ReviewCheck = z.strictObject({ kind: z.literal('review') });
const AutoCheck = z.strictObject({
  kind: z.literal('auto'),
  /** A number the system computes, e.g. direct_org_count (S0.3 item 4). */
  metric: SnakeId,
  op: z.enum(COMPARISON_OPS),
  value: z.number(),
  unit: Text.optional(),
  /** The part of the same item a reviewer must still confirm (S0.3 item 4: the 20,000-yuan fund is used). */
  alsoReview: Text.optional(),
});
export const Check = z.discriminatedUnion('kind', [ReviewCheck, AutoCheck], { error: '检查方式 kind 应为 review（人工审核）或 auto（系统计算）' });

export const StandardItem = z.strictObject({
  id: SnakeId,
  text: Text,
  ref: Ref.optional(),
  /** Items marked * in the seed (必备条件). */
  mandatory: z.boolean().optional(),
  /** Points of the item in a scored standard (对标定级: 100 points in all); a mandatory item passes only with full points. */
  points: z.number().positive({ error: '分值应大于 0' }).optional(),
  check: Check,
});

/** Stars from the reviewed total, each band at most its share of the rated branches (智慧团建 对标定级). */
export const StarRating = z.strictObject({
  bands: z.array(z.strictObject({ stars: z.int().min(1).max(5), minScore: z.number().min(0), maxShare: z.number().gt(0).max(1).optional() })).min(1),
  /** The most stars a branch failing a mandatory item can get. */
  mandatoryCap: z.int().min(0).max(5).optional(),
  /** After this day (MM-DD of the program's first year) scores can no longer be entered or reviewed. */
  lockOn: MonthDay.optional(),
});

export const Standard = z.strictObject({
  id: SnakeId,
  name: Text,
  refs: z.array(Ref).optional(),
  items: z.array(StandardItem).min(1, { error: '标准至少要有一项' }),
  rating: StarRating.optional(),
});

const SideCount = z.union([Count, z.strictObject({ min: Count, max: Count.optional() })], { error: '数量应为正整数或 { min, max }' });

export const PairingSide = z.strictObject({
  id: SnakeId,
  name: Text,
  who: z
    .strictObject({ roles: z.array(SnakeId).min(1).optional(), eligibility: Eligibility.optional(), holder: z.enum(HOLDERS).optional() })
    .refine((w) => (w.roles === undefined) !== (w.eligibility === undefined), { error: 'who 需写 roles（角色）或 eligibility（条件）二者之一' }),
  count: SideCount,
  /** A member sits on this side of only one pairing of the mode (S4.3: each township has one linked cadre). */
  exclusive: z.boolean().optional(),
});

export const PairingMode = z.strictObject({
  id: z.string().regex(MODE_ID, { error: '结对方式标识只能用小写字母、数字、下划线、加号和连字符（如 2+2）' }),
  name: Text,
  refs: z.array(Ref).optional(),
  sides: z.array(PairingSide).min(2, { error: '结对至少要有两方' }),
});

export const Field = z
  .strictObject({
    id: SnakeId,
    label: Text,
    type: z.enum(FIELD_TYPES),
    required: z.boolean().optional(),
    options: z.array(Text).min(1).optional(),
    multiple: z.boolean().optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    help: Text.optional(),
  })
  .refine((f) => (f.type === 'select') === (f.options !== undefined), { error: '下拉字段（select）必须写 options，其他类型不能写', path: ['options'] })
  .refine((f) => f.type === 'number' || (f.min === undefined && f.max === undefined), { error: '只有数字字段能写 min/max', path: ['min'] });

export const RecordKind = z.strictObject({
  id: SnakeId,
  name: Text,
  refs: z.array(Ref).optional(),
  fields: z.array(Field),
  quantities: z.array(z.enum(QUANTITIES)).optional(),
  evidence: z.enum(EVIDENCE_RULES),
  /** The record names the pairing partner(s) it was held with (S0.9); needed by jointWithPartner. */
  withPartner: z.boolean().optional(),
  /** The record names the department it was done for (S2.3, S3.2 department-days); needed by department subjects. */
  byDepartment: z.boolean().optional(),
  /** The record names the cadres who took part; each is credited (S3.2 days per cadre, S3.6 lectures). */
  byCadres: z.boolean().optional(),
});

export const Subject = z.strictObject({ kind: z.enum(OBLIGATION_SUBJECT_KINDS), ref: z.string().min(1) });

/** Exactly the domain Obligation (obligations.ts) plus the seed id it implements and a Chinese name. */
export const TemplateObligation = z.strictObject({
  id: ItemId,
  ref: Ref,
  name: Text,
  who: Subject,
  what: z.strictObject({
    recordKinds: z.array(SnakeId).min(1, { error: '至少要写一种记录类型' }),
    jointWithPartner: z.boolean().optional(),
    condition: z.strictObject({ maxLevel: z.enum(['county', 'township', 'village']).optional() }).optional(),
  }),
  measure: z.enum(MEASURES),
  min: z.number().min(0, { error: '下限不能为负数' }),
  period: z.enum(PERIOD_TYPES),
  window: z.enum(WINDOW_KINDS).optional(),
  activeFrom: CivilDate.nullable().optional(),
  activeTo: CivilDate.nullable().optional(),
});

export const Deliverable = z.strictObject({
  id: ItemId,
  ref: Ref,
  name: Text,
  who: Subject,
  count: Count,
  /** Once per program unless said otherwise (S2.5: one research report per year). */
  period: z.enum(PERIOD_TYPES).optional(),
  /** A due rule applied to each period, or 'MM-DD': the first such day on or after the program starts. */
  due: z.union([MonthDay, DueRuleSchema], { error: '截止应为“月-日”或截止规则对象' }).optional(),
  recordKind: SnakeId.optional(),
});

export const Target = z.strictObject({
  id: ItemId,
  ref: Ref,
  name: Text,
  metric: SnakeId,
  op: z.enum(COMPARISON_OPS).optional(),
  /** Absent when each subject's baseline is set per instance (S3.4 yearly task baseline per city). */
  target: z.number().optional(),
  unit: Text,
  deadline: MonthDay.optional(),
  who: Subject.optional(),
  split: z.strictObject({ method: z.enum(SPLIT_METHODS), over: Subject, keyRole: SnakeId.optional() }).optional(),
});

export const Task = z.strictObject({
  number: Count,
  ref: Ref.optional(),
  project: Text.optional(),
  text: Text,
  department: Text,
  person: Text,
  deadline: MonthDay.optional(),
});

export const Assignment = z.strictObject({
  ref: Ref,
  pairingMode: z.string().min(1),
  /** One row per pairing: side id → the names on that side (S3.1 组织部 → 梅州, 清远). */
  rows: z.array(z.record(SnakeId, z.array(Text).min(1))).min(1),
});

export const Founding = z.strictObject({
  refs: z.array(Ref).optional(),
  /** Org kinds in the order an org passes through them (S4.6 youth_group → quasi_org → direct_org). */
  stages: z.array(z.enum(TEMPLATE_ORG_KINDS)).min(2, { error: '建团步骤至少两步' }),
  /** Who runs an org in preparation (筹建). */
  preparingLeader: z.literal('acting_secretary').optional(),
});

export const NotExpressed = z.strictObject({ ref: Ref, what: Text, reason: Text });

export const DefaultPeriod = z.discriminatedUnion(
  'kind',
  [z.strictObject({ kind: z.literal('year') }), z.strictObject({ kind: z.literal('range'), from: MonthDay, months: z.int().min(1).max(36) })],
  { error: 'defaultPeriod.kind 应为 year（自然年）或 range（从某月某日起若干个月）' },
);

export const ProgramTemplateShape = z.strictObject({
  id: z.string().regex(KEBAB_ID, { error: KEBAB_ID_MESSAGE }).describe('模板标识，与文件名相同'),
  version: z.int().min(1).describe('模板版本，修改后加 1'),
  name: Text.describe('方案名称'),
  source: z
    .strictObject({ issuer: Text, year: z.int().min(1949).max(2100), document: Text.optional(), issuedOn: CivilDate.optional() })
    .describe('印发单位、年份、文号、印发日期'),
  issuerLevel: z.enum(['province', 'city', 'county']).describe('印发单位的层级'),
  defaultPeriod: DefaultPeriod.describe('方案周期：自然年，或从某月某日起若干个月'),
  refs: z.array(Ref).min(1).describe('本模板实现的需求编号（SEEDS.md）'),
  verifiedOnly: z.boolean().optional().describe('S3.8：无法核实的数据不计入成效'),
  roles: z.array(Role).describe('角色：谁可以担任、每个上级组织的名额、适用的标准'),
  standards: z.array(Standard).optional().describe('标准（带 * 的为必备条件）'),
  pairingModes: z.array(PairingMode).optional().describe('结对方式及各结对方'),
  recordKinds: z.array(RecordKind).describe('工作记录类型及其字段、数量、佐证要求'),
  obligations: z.array(TemplateObligation).describe('工作要求：谁、做什么、多少、多久一次'),
  deliverables: z.array(Deliverable).optional().describe('任务成果和报送材料及其截止日期'),
  targets: z.array(Target).optional().describe('量化目标'),
  tasks: z.array(Task).optional().describe('任务分工：责任部室和责任人'),
  assignments: z.array(Assignment).optional().describe('结对分配表'),
  founding: Founding.optional().describe('分步建团'),
  forms: z.array(FormSchema).optional().describe('报表（附件）：行、由记录计算的列、人工填写的列及其理由、周期、截止、填报和审核'),
  assessments: z.array(AssessmentSchema).optional().describe('年度考核：考核对象、各考核项的分值和计算依据、可调整的分值'),
  notExpressed: z.array(NotExpressed).optional().describe('模板语言无法表达的要求及原因'),
});

export const ProgramTemplate = ProgramTemplateShape.superRefine((template, ctx) => {
  for (const issue of crossReferenceIssues(template)) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
});

export type ProgramTemplate = z.infer<typeof ProgramTemplateShape>;
export type TemplateRole = z.infer<typeof Role>;
export type TemplateStandard = z.infer<typeof Standard>;
export type TemplatePairingMode = z.infer<typeof PairingMode>;
export type TemplateRecordKind = z.infer<typeof RecordKind>;
export type TemplateObligation = z.infer<typeof TemplateObligation>;
export type TemplateDeliverable = z.infer<typeof Deliverable>;
export type TemplateTarget = z.infer<typeof Target>;
export type TemplateSubject = z.infer<typeof Subject>;

// Compile-time proof that the template's obligations and due rules are the domain's own types.
type Assert<T extends true> = T;
type _ObligationMatches = Assert<Omit<TemplateObligation, 'ref' | 'name'> extends Obligation ? true : false>;
type _DueRuleMatches = Assert<z.infer<typeof DueRuleSchema> extends DueRule ? true : false>;

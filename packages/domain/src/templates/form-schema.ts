/**
 * Forms (报表/附件) in the template language: a periodic table whose rows are the program's subjects
 * and whose cells are computed from records and the registry wherever they can be (X.2). A column
 * is typed by people only when nothing can compute it, and then it must say why.
 */
import { z } from 'zod';
import { ORG_LEVELS } from '../obligations';
import { PERIOD_TYPES } from '../periods';
import { DueRuleSchema } from './due-rule-schema';
import { ITEM_ID, ITEM_ID_MESSAGE, QUANTITIES, REQUIREMENT_ID, SNAKE_ID, SNAKE_ID_MESSAGE, TEMPLATE_ORG_KINDS } from './vocabulary';

const SnakeId = z.string().regex(SNAKE_ID, { error: SNAKE_ID_MESSAGE });
const Text = z.string().trim().min(1, { error: '不能为空' });
const Ref = z.string().regex(REQUIREMENT_ID, { error: '需求编号应形如 S0.8 或 X.2（见 SEEDS.md）' });
const OrgLevel = z.enum(ORG_LEVELS);

/** What a record must be to count in a cell. AND across keys, OR within a list. */
const RecordFilter = {
  recordKinds: z.array(SnakeId).min(1, { error: '至少要写一种记录类型' }),
  /** The record names, as its partner, a holder of one of these roles (S0.10 activities with 青年文明号 / 五四红旗 orgs). */
  partnerRoles: z.array(SnakeId).min(1).optional(),
  /** A record in which the row's subject is the named partner counts too: one joint meeting serves both sides (S0.8). */
  asPartner: z.boolean().optional(),
  /** A field of the record has this value (S3.7 branches whose secretary cannot use 智慧团建). */
  where: z.strictObject({ field: SnakeId, equals: z.union([z.string(), z.number(), z.boolean()]) }).optional(),
  /** Which records the cell's value stands on; both figures are always shown side by side. Default: the program's rule. */
  counts: z.enum(['reported', 'verified']).optional(),
};

export const FORM_DISTINCT_BY = ['org', 'partner', 'cadre', 'date', 'place'] as const;
export const FORM_ATTRIBUTES = ['name', 'leader', 'leader_mobile', 'leader_contact'] as const;
export const FORM_TYPED_TYPES = ['number', 'text', 'textarea', 'date'] as const;

export const FormComputeSchema = z.discriminatedUnion(
  'op',
  [
    z.strictObject({ op: z.literal('count'), ...RecordFilter }),
    z.strictObject({
      op: z.literal('sum'),
      ...RecordFilter,
      /** A quantity the record carries, or a number field of its kind. */
      quantity: z.enum(QUANTITIES).optional(),
      field: SnakeId.optional(),
      /** Unit change: 0.0001 turns yuan into 万元 (S0.10 共建经费（万）). */
      scale: z.number().positive().optional(),
      decimals: z.int().min(0).max(6).optional(),
    }),
    z.strictObject({ op: z.literal('distinct'), ...RecordFilter, by: z.union([z.enum(FORM_DISTINCT_BY), z.strictObject({ field: SnakeId })]) }),
    /** Numerator over denominator, two columns of the same form (typed or computed). */
    z.strictObject({ op: z.literal('ratio'), numerator: SnakeId, denominator: SnakeId, percent: z.boolean().optional(), decimals: z.int().min(0).max(6).optional() }),
    /** The values of one field of the records, one per line (S0.10 note 2: each solved problem named). */
    z.strictObject({ op: z.literal('list'), ...RecordFilter, field: SnakeId }),
  ],
  { error: '计算方式 op 应为 count、sum、distinct、ratio 或 list' },
);

/** A fact from the registry: the name or leader of the row's subject, or of the reporter's holders of roles. */
export const FormAttributeSchema = z.strictObject({
  field: z.enum(FORM_ATTRIBUTES),
  /** Holders of these roles under the reporter; without it the row's own subjects. */
  roles: z.array(SnakeId).min(1).optional(),
  /** Candidates still waiting for the decision count too (S0.11 reports the nominations). */
  includeNominated: z.boolean().optional(),
});

export const FormTypedSchema = z.strictObject({
  type: z.enum(FORM_TYPED_TYPES),
  /** Why no record or registry fact can give this value: a typed column without a reason is refused. */
  reason: Text,
});

export const FormColumnSchema = z
  .strictObject({
    id: SnakeId,
    label: Text,
    /** A header spanning consecutive columns (S0.11 优秀示范镇团委 over 名称 and 负责人及联系方式). */
    group: Text.optional(),
    compute: FormComputeSchema.optional(),
    attribute: FormAttributeSchema.optional(),
    typed: FormTypedSchema.optional(),
    width: z.int().min(4).max(80).optional(),
  })
  .refine((c) => [c.compute, c.attribute, c.typed].filter((x) => x !== undefined).length === 1, {
    error: '每一列须且只须写 compute（由记录计算）、attribute（取自组织信息）或 typed（人工填写）之一',
  });

export const FormRowSchema = z.discriminatedUnion(
  'kind',
  [
    /** The approved holders of a role under the reporter; each: one row per holder, else one row for them all. */
    z.strictObject({ kind: z.literal('role'), role: SnakeId, label: Text.optional(), each: z.boolean().optional() }),
    /** The members of a pairing side that are paired with the reporter, or lie under it. */
    z.strictObject({ kind: z.literal('side'), side: SnakeId, label: Text.optional(), each: z.boolean().optional() }),
    /** Each org of a level under the reporter, or under the reporter's partners on a side (S3.7 the paired cities' counties). */
    z.strictObject({ kind: z.literal('level'), level: OrgLevel, orgKinds: z.array(z.enum(TEMPLATE_ORG_KINDS)).min(1).optional(), underPartnersOn: SnakeId.optional() }),
    /** The reporter itself (S0.11 one line per county). */
    z.strictObject({ kind: z.literal('reporter'), label: Text.optional() }),
    /** A printed line with typed cells only. */
    z.strictObject({ kind: z.literal('fixed'), id: SnakeId, label: Text }),
    /** 合计: counts over the distinct records of all rows above, sums of typed numbers. */
    z.strictObject({ kind: z.literal('total'), label: Text }),
  ],
  { error: '行的 kind 应为 role、side、level、reporter、fixed 或 total' },
);

export const FormReporterSchema = z
  .strictObject({
    /** Approved org holders of a role report. */
    role: SnakeId.optional(),
    /** Or every org of a level in the program's scope while it exists (S0.10 each county committee). */
    level: OrgLevel.optional(),
    orgKinds: z.array(z.enum(TEMPLATE_ORG_KINDS)).min(1).optional(),
  })
  .refine((r) => (r.role === undefined) !== (r.level === undefined), { error: 'reporter 需写 role（角色）或 level（层级）二者之一' })
  .refine((r) => r.orgKinds === undefined || r.level !== undefined, { error: 'orgKinds 只与 level 一起使用', path: ['orgKinds'] });

export const FormSchema = z.strictObject({
  id: z.string().regex(ITEM_ID, { error: ITEM_ID_MESSAGE }),
  ref: Ref,
  refs: z.array(Ref).optional(),
  /** Short name in lists: 结对共建信息统计表（附件1）. */
  name: Text,
  /** The printed title over the table. */
  title: Text,
  attachment: Text.optional(),
  period: z.enum(PERIOD_TYPES),
  due: DueRuleSchema,
  /** Days after the due date until entry locks; the level above may grant one reporter a dated exception. */
  lockAfterDays: z.int().min(0).max(366).optional(),
  reporter: FormReporterSchema,
  /** Who approves: the level above the reporter (parent) or only the issuing committee (issuer). */
  approver: z.enum(['parent', 'issuer']),
  /** The header of a first column naming the rows (共建对象); without it no such column is printed (S0.11). */
  rowHeader: Text.optional(),
  rows: z.array(FormRowSchema).min(1, { error: '报表至少要有一行' }),
  columns: z.array(FormColumnSchema).min(1, { error: '报表至少要有一列' }),
  /** Lines printed under the table, computed like columns over all rows (S0.10 the problems solved, the two partner orgs). */
  footer: z.array(FormColumnSchema).optional(),
  /** 县（市、区）团委（盖章） and 时间 as the attachment words them. */
  stampLabel: Text.optional(),
  dateLabel: Text.optional(),
  notes: z.array(Text).optional(),
});

export type TemplateForm = z.infer<typeof FormSchema>;
export type FormColumnDef = z.infer<typeof FormColumnSchema>;
export type FormRowDef = z.infer<typeof FormRowSchema>;
export type FormComputeDef = z.infer<typeof FormComputeSchema>;
export type FormAttributeDef = z.infer<typeof FormAttributeSchema>;

/**
 * Forms (报表/附件) in the template language: a periodic table whose rows are the program's subjects
 * and whose cells are computed from records and the registry wherever they can be (X.2). A column
 * is typed by people only when nothing can compute it, and then it must say why.
 */
import { z } from 'zod';
import { ORG_LEVELS } from '../obligations';
import { PERIOD_TYPES } from '../periods';
import { DueRuleSchema } from './due-rule-schema';
import { ITEM_ID, ITEM_ID_MESSAGE, QUANTITIES, REQUIREMENT_ID, SNAKE_ID, SNAKE_ID_MESSAGE, TEMPLATE_ORG_KINDS, TEMPLATE_SECTORS, isMonthDay } from './vocabulary';

const SnakeId = z.string().regex(SNAKE_ID, { error: SNAKE_ID_MESSAGE });
const Text = z.string().trim().min(1, { error: '不能为空' });
const Ref = z.string().regex(REQUIREMENT_ID, { error: '需求编号应形如 S0.8 或 X.2（见 SEEDS.md）' });
const OrgLevel = z.enum(ORG_LEVELS);
const MonthDay = z.string().refine(isMonthDay, { error: '日期应写作“月-日”，如 11-15' });

/** A condition on one field of a record: exactly one comparison. */
export const FormConditionSchema = z
  .strictObject({
    field: SnakeId,
    equals: z.union([z.string(), z.number(), z.boolean()]).optional(),
    lt: z.number().optional(),
    gte: z.number().optional(),
  })
  .refine((c) => [c.equals, c.lt, c.gte].filter((x) => x !== undefined).length === 1, { error: '条件须且只须写 equals、lt 或 gte 之一' });

/** What a record must be to count in a cell. AND across keys, OR within a list. */
const RecordFilter = {
  recordKinds: z.array(SnakeId).min(1, { error: '至少要写一种记录类型' }),
  /** The record names, as its partner, a holder of one of these roles (S0.10 activities with 青年文明号 / 五四红旗 orgs). */
  partnerRoles: z.array(SnakeId).min(1).optional(),
  /** A record in which the row's subject is the named partner counts too: one joint meeting serves both sides (S0.8). */
  asPartner: z.boolean().optional(),
  /** The record counts for the row where it happened (its place lies in the row's subtree), not for who recorded it (S3.7 a county's spot checks). */
  at: z.literal('place').optional(),
  /** Only records that speak for the reporter (S3.7 the department's own stationing days). */
  byReporter: z.boolean().optional(),
  /** A field of the record meets a condition (S3.7 branches whose secretary cannot use 智慧团建). */
  where: FormConditionSchema.optional(),
  /** At least one of these conditions (S3.7 no WeChat group, or one with fewer than 3/4 of the members). */
  whereAny: z.array(FormConditionSchema).min(1).optional(),
  /** Which records the cell's value stands on; both figures are always shown side by side. Default: the program's rule. */
  counts: z.enum(['reported', 'verified']).optional(),
};

export const FORM_PERIOD_TYPES = [...PERIOD_TYPES, 'day', 'half_month'] as const;
export type FormPeriodType = (typeof FORM_PERIOD_TYPES)[number];

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
    z.strictObject({
      op: z.literal('distinct'),
      ...RecordFilter,
      /** per partner: a value counts once for each partner it was done with (S1.10 each township's election steps, added up in the total). */
      by: z.union([z.enum(FORM_DISTINCT_BY), z.strictObject({ field: SnakeId, per: z.literal('partner').optional() })]),
    }),
    /** Numerator over denominator, two columns of the same form (typed or computed). */
    z.strictObject({ op: z.literal('ratio'), numerator: SnakeId, denominator: SnakeId, percent: z.boolean().optional(), decimals: z.int().min(0).max(6).optional() }),
    /** The values of one field of the records, one per line (S0.10 note 2: each solved problem named); with detail, 'field：detail'. */
    z.strictObject({ op: z.literal('list'), ...RecordFilter, field: SnakeId, detail: SnakeId.optional() }),
    /** On a row that is one record (rows kind records): a field of that record (S2.4 the visit sheet's columns). */
    z.strictObject({ op: z.literal('field'), field: SnakeId }),
    /** Orgs in the row's subtree from the registry: founded during the period, or standing at its end (S4.2 direct orgs built). */
    z.strictObject({
      op: z.literal('orgs'),
      orgKinds: z.array(z.enum(TEMPLATE_ORG_KINDS)).min(1).optional(),
      sectors: z.array(z.enum(TEMPLATE_SECTORS)).min(1).optional(),
      founded: z.enum(['in_period', 'by_end']),
    }),
    /** The row's share of a split target (S4.1 each township's part of the 5,000). */
    z.strictObject({ op: z.literal('target'), target: z.string().min(1) }),
  ],
  { error: '计算方式 op 应为 count、sum、distinct、ratio、list、field、orgs 或 target' },
);

/** A fact from the registry: the name or leader of the row's subject, or of the reporter's holders of roles. */
export const FormAttributeSchema = z.strictObject({
  field: z.enum(FORM_ATTRIBUTES),
  /** Holders of these roles under the reporter; without it the row's own subjects. */
  roles: z.array(SnakeId).min(1).optional(),
  /** The row subjects' partners on this pairing side (S3.1 the cities a department is paired with). */
  partnersOn: SnakeId.optional(),
  /** Candidates still waiting for the decision count too (S0.11 reports the nominations). */
  includeNominated: z.boolean().optional(),
});

export const FormTypedSchema = z.strictObject({
  type: z.enum(FORM_TYPED_TYPES),
  /** Why no record or registry fact can give this value: a typed column without a reason is refused. */
  reason: Text,
  /**
   * What a total row shows for a typed number: the sum of the rows above (default), or a figure typed like
   * the rows' when it does not add up (S3.7 a registration rate, hours per member).
   */
  total: z.enum(['sum', 'typed']).optional(),
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
    /** One row per record of these kinds in the period that speaks for the reporter (S2.4 each visit of the month). */
    z.strictObject({ kind: z.literal('records'), recordKinds: z.array(SnakeId).min(1), label: z.enum(['date', 'org']).optional() }),
    /** The reporter itself (S0.11 one line per county). */
    z.strictObject({ kind: z.literal('reporter'), label: Text.optional() }),
    /** A printed line with typed cells only. */
    z.strictObject({ kind: z.literal('fixed'), id: SnakeId, label: Text }),
    /** 合计: counts over the distinct records of all rows above, sums of typed numbers. */
    z.strictObject({ kind: z.literal('total'), label: Text }),
  ],
  { error: '行的 kind 应为 role、side、level、records、reporter、fixed 或 total' },
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
  /** Calendar periods, plus the day and the half month of S4.2's daily and half-monthly reports. */
  period: z.enum(FORM_PERIOD_TYPES),
  due: DueRuleSchema,
  /** No periods before this day of the program's first year (S4.2 a report every day from mid-November). */
  activeFrom: MonthDay.optional(),
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
  /** Also print each row as its own sheet in the attachment's vertical layout (S2.4, S2.6 one sheet per visit), under this title. */
  sheetTitle: Text.optional(),
});

export type TemplateForm = z.infer<typeof FormSchema>;
export type FormColumnDef = z.infer<typeof FormColumnSchema>;
export type FormRowDef = z.infer<typeof FormRowSchema>;
export type FormComputeDef = z.infer<typeof FormComputeSchema>;
export type FormAttributeDef = z.infer<typeof FormAttributeSchema>;

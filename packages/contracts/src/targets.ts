import { z } from 'zod';
import { CivilDate, Id } from './common';

/** A target of the program's template, by its id (s4.1-direct-orgs). */
const TargetKey = z.string().trim().min(1).max(100);
const OrgRef = z.object({ orgId: z.number().int(), orgName: z.string(), orgCode: z.string() });

export const PROJECTION_STATUSES = ['met', 'on_track', 'behind', 'overdue', 'no_progress'] as const;
export const Projection = z.object({
  status: z.enum(PROJECTION_STATUSES),
  date: z.string().nullable(),
  ratePerDay: z.number(),
  remaining: z.number(),
  asOf: z.string().nullable(),
});

// ---- targets and their split (S4.1, S4.4) ----

export const TARGET_SPLIT_METHODS = ['equal', 'weight', 'key_area', 'hand'] as const;
export const SPLIT_BASES = ['equal', 'villages', 'imported'] as const;
/** Whom a split goes to: the template's subjects under the org (townships), or the org's direct subordinate committees. */
export const SPLIT_AMONG = ['subjects', 'children'] as const;

const SplitCommon = {
  target: TargetKey,
  /** The org whose share is split; the program's scope when left out. */
  orgId: Id.optional(),
  among: z.enum(SPLIT_AMONG).optional(),
  /** The current split's version when replacing it. */
  version: z.number().int().min(0).optional(),
  /** Compute and show the parts without saving them. */
  dryRun: z.boolean().optional(),
};
const ImportedWeight = z.object({ orgId: Id, weight: z.number().min(0).max(1e9) });
const Weights = z.array(ImportedWeight).max(5000);
const KeyOrgIds = z.array(Id).max(5000);

export const TargetSplitCreate = z.discriminatedUnion('method', [
  z.object({ ...SplitCommon, method: z.literal('equal') }),
  z.object({ ...SplitCommon, method: z.literal('weight'), basis: z.enum(['villages', 'imported']), weights: Weights.optional() }),
  z.object({
    ...SplitCommon,
    method: z.literal('key_area'),
    basis: z.enum(SPLIT_BASES).default('equal'),
    weights: Weights.optional(),
    /** Key areas (S4.4); the template's key-area role holders when left out. */
    keyOrgIds: KeyOrgIds.optional(),
    keyMultiplier: z.number().min(1, { error: '重点区域系数不能小于 1' }).max(10, { error: '重点区域系数不能大于 10' }).default(1.5),
  }),
  z.object({ ...SplitCommon, method: z.literal('hand'), parts: z.array(z.object({ orgId: Id, amount: z.number().int().min(0) })).min(1).max(5000) }),
], { error: '分解方式 method 应为 equal（平均）、weight（按权重）、key_area（重点区域加权）或 hand（手工）' });
export type TargetSplitCreate = z.infer<typeof TargetSplitCreate>;

export const TargetPart = OrgRef.extend({
  amount: z.number().int(),
  weight: z.number().nullable(),
  keyArea: z.boolean(),
  /** Counted from the registry today; null when the target's metric has no registry source. */
  actual: z.number().int().nullable(),
  rate: z.number().nullable(),
  projection: Projection.nullable(),
  /** The part has itself been split further. */
  splitFurther: z.boolean(),
});

export const TargetSplitView = z.object({
  target: z.string(),
  parentOrgId: z.number().int(),
  parentOrgName: z.string(),
  /** What is being split: the program's target at its scope, or the org's own part. */
  whole: z.number().int().nullable(),
  split: z.object({
    id: z.number().int().nullable(),
    method: z.enum(TARGET_SPLIT_METHODS),
    basis: z.enum(SPLIT_BASES).nullable(),
    keyMultiplier: z.number().nullable(),
    version: z.number().int(),
    updatedAt: z.string().nullable(),
    saved: z.boolean(),
  }).nullable(),
  parts: z.array(TargetPart),
  sum: z.number().int(),
  /** The parts were computed for a preview and not saved. */
  dryRun: z.boolean(),
  abilities: z.object({ split: z.boolean() }),
});

export const TargetPartsQuery = z.object({ target: TargetKey, orgId: Id.optional() });
export const SubordinatesQuery = TargetPartsQuery.extend({ among: z.enum(SPLIT_AMONG).optional() });
export const SubordinateList = z.object({
  items: z.array(OrgRef.extend({ villages: z.number().int(), keyArea: z.boolean() })),
});

export const TargetSummary = z.object({
  key: z.string(),
  ref: z.string(),
  name: z.string(),
  metric: z.string(),
  op: z.string().nullable(),
  unit: z.string(),
  /** The template's figure: the whole for a split target, each subject's figure for a per-subject one. */
  target: z.number().nullable(),
  deadline: z.string().nullable(),
  /** Each holder of the role has the same target (S2.2 rooms per county); nothing to split. */
  perSubject: z.boolean(),
  subjectName: z.string().nullable(),
  splittable: z.boolean(),
  splitMethod: z.string().nullable(),
  /** The org kind counted from the registry; null when no registry source answers the metric. */
  countsKind: z.string().nullable(),
  actual: z.number().int().nullable(),
  rate: z.number().nullable(),
  projection: Projection.nullable(),
  splits: z.array(z.object({ parentOrgId: z.number().int(), parentOrgName: z.string(), method: z.enum(TARGET_SPLIT_METHODS), parts: z.number().int() })),
});
export const TargetList = z.object({ today: z.string(), scopeOrgId: z.number().int(), items: z.array(TargetSummary), abilities: z.object({ manage: z.boolean() }) });

export const SnapshotCreate = z.object({ date: CivilDate.optional() });
export const SnapshotResult = z.object({ date: z.string(), rows: z.number().int() });

export const BurnupQuery = TargetPartsQuery;
export const Burnup = z.object({
  target: z.string(),
  orgId: z.number().int(),
  orgName: z.string(),
  total: z.number().int().nullable(),
  start: z.string(),
  deadline: z.string(),
  rows: z.array(z.object({ date: z.string(), actual: z.number().nullable(), expected: z.number() })),
  projection: Projection.nullable(),
});

// ---- tasks (S2.1) ----

export const TASK_STATUSES = ['not_started', 'in_progress', 'done', 'blocked'] as const;
export const TASK_VIEWS = ['all', 'overdue', 'due_soon', 'carded'] as const;

export const TaskQuery = z.object({
  view: z.enum(TASK_VIEWS).default('all'),
  department: z.string().trim().max(50).optional(),
  person: z.string().trim().max(50).optional(),
  soonDays: z.coerce.number().int().min(0).max(60).default(7),
  lowProgress: z.coerce.number().int().min(0).max(100).default(80),
});

export const TaskView = z.object({
  id: z.number().int(),
  number: z.number().int(),
  ref: z.string().nullable(),
  project: z.string().nullable(),
  text: z.string(),
  department: z.string(),
  person: z.string(),
  /** The committee's department and cadre of those names, when they are in the registry. */
  departmentId: z.number().int().nullable(),
  cadreId: z.number().int().nullable(),
  dueOn: z.string(),
  dueFromTemplate: z.boolean(),
  status: z.enum(TASK_STATUSES),
  progress: z.number().int(),
  version: z.number().int(),
  card: z.enum(['red', 'yellow']).nullable(),
  daysLeft: z.number().int(),
  overdue: z.boolean(),
  dueSoon: z.boolean(),
  escalation: z.object({ to: z.enum(['responsible_person', 'responsible_leader']), names: z.array(z.string()) }).nullable(),
  reason: z.string().nullable(),
  updatedAt: z.string(),
});
const CardCount = z.object({ key: z.string(), total: z.number().int(), red: z.number().int(), yellow: z.number().int(), done: z.number().int() });
export const TaskList = z.object({
  today: z.string(),
  items: z.array(TaskView),
  byDepartment: z.array(CardCount),
  byPerson: z.array(CardCount),
  abilities: z.object({ update: z.boolean() }),
});

export const TaskProgressUpdate = z.object({
  version: z.number().int().min(0),
  status: z.enum(TASK_STATUSES).optional(),
  progress: z.number().int().min(0).max(100).optional(),
  note: z.string().trim().min(1, { error: '请填写进展情况' }).max(2000),
  evidenceIds: z.array(Id).max(20).optional(),
});
export const TaskDetail = TaskView.extend({
  notes: z.array(z.object({
    id: z.number().int(),
    status: z.enum(TASK_STATUSES),
    progress: z.number().int(),
    note: z.string(),
    evidenceIds: z.array(z.number().int()),
    createdByName: z.string().nullable(),
    createdAt: z.string(),
  })),
});

// ---- bulletins (S0.7, S4.2) ----

export const BULLETIN_KINDS = ['daily', 'weekly', 'half_monthly', 'quarterly'] as const;
export const BulletinCreate = z.object({
  target: TargetKey,
  kind: z.enum(BULLETIN_KINDS),
  /** A day of the period reported on; the bulletin is dated its last day. */
  date: CivilDate,
  /** Whose units are ranked: the program's scope when left out. */
  orgId: Id.optional(),
});

export const BulletinRankRow = z.object({
  rank: z.number().int().nullable(),
  orgId: z.number().int(),
  name: z.string(),
  target: z.number().int(),
  actual: z.number().int(),
  added: z.number().int(),
  rate: z.number().nullable(),
  lagging: z.boolean(),
});
export const BulletinContent = z.object({
  /** The masthead above the issue number: the program's name and the kind of bulletin. */
  masthead: z.string(),
  title: z.string(),
  /** The day the figures stand on: the period's end, or today while the period runs. */
  asOf: z.string(),
  kindName: z.string(),
  periodLabel: z.string(),
  targetName: z.string(),
  unit: z.string(),
  deadline: z.string().nullable(),
  totals: z.object({ target: z.number().int(), actual: z.number().int(), added: z.number().int(), rate: z.number().nullable() }),
  expectedShare: z.number().nullable(),
  projection: Projection.nullable(),
  ranking: z.array(BulletinRankRow),
  lagging: z.array(z.string()),
  highlights: z.array(z.object({ recordId: z.number().int(), kindName: z.string(), orgName: z.string(), date: z.string(), text: z.string() })),
  paragraphs: z.array(z.string()),
});
export const Bulletin = z.object({
  id: z.number().int(),
  programId: z.number().int(),
  target: z.string(),
  scopeOrgId: z.number().int(),
  kind: z.enum(BULLETIN_KINDS),
  number: z.number().int(),
  periodKey: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  issuedOn: z.string(),
  issuerName: z.string(),
  content: BulletinContent,
  createdAt: z.string(),
});
export const BulletinList = z.object({ items: z.array(Bulletin.omit({ content: true }).extend({ title: z.string(), rate: z.number().nullable() })) });

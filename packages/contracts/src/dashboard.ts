import { z } from 'zod';
import { CivilDate, Id } from './common';

export const DashboardParams = z.object({ id: Id });
export const DashboardQuery = z.object({ under: z.coerce.number().int().positive().optional() });
export const MissedQuery = DashboardQuery.extend({
  group: z.coerce.number().int().positive().optional(),
  month: z.string().regex(/^\d{4}-\d{2}$/, { error: '月份应写作 2026-03' }).optional(),
});

const Tally = z.object({ met: z.number().int(), partly: z.number().int(), missed: z.number().int() });
export const DashboardView = z.object({
  under: z.object({ id: z.number().int(), name: z.string() }),
  asOf: z.string(),
  figures: z.object({
    records: z.number().int(),
    verifiedRecords: z.number().int(),
    subjects: z.number().int(),
    closedCells: z.number().int(),
    metShare: z.number().nullable(),
    missed: z.number().int(),
    partly: z.number().int(),
    overdueDeliverables: z.number().int(),
  }),
  months: z.array(z.string()),
  /** One row per org just below `under` (the subjects grouped by where they sit), one cell per month. */
  heatmap: z.array(z.object({
    orgId: z.number().int(),
    name: z.string(),
    share: z.number().nullable(),
    cells: z.array(Tally.extend({ month: z.string(), share: z.number().nullable() })),
  })),
  trend: z.array(z.object({ month: z.string(), records: z.number().int(), verified: z.number().int() })),
  lagging: z.array(z.object({ orgId: z.number().int(), name: z.string(), share: z.number(), missed: z.number().int() })),
  recent: z.array(z.object({ id: z.number().int(), kind: z.string(), kindName: z.string(), orgName: z.string(), occurredOn: z.string(), title: z.string(), photoId: z.number().int().nullable() })),
});

/** The obligation periods closed short of the minimum: the records that should exist and do not. */
export const MissedList = z.object({
  items: z.array(z.object({
    obligationId: z.string(),
    obligationName: z.string(),
    ref: z.string(),
    subjectKey: z.string(),
    subjectName: z.string(),
    groupName: z.string(),
    periodKey: z.string(),
    closes: z.string(),
    state: z.enum(['missed', 'partly']),
    done: z.number(),
    required: z.number(),
    recordIds: z.array(z.number().int()),
  })),
});

/** Records of some kinds counted per group (the cities, counties or townships under a scope) × period (issue 8). */
export const ROLLUP_LEVELS = ['province', 'city', 'county', 'township', 'village'] as const;
export const RollupQuery = z.object({
  kinds: z.string().trim().min(1, { error: '请选择记录类型' }).max(500).transform((s) => s.split(',').map((k) => k.trim()).filter(Boolean)),
  scopeOrgId: z.coerce.number().int().positive({ error: '请选择统计范围' }),
  groupLevel: z.enum(ROLLUP_LEVELS, { error: '分组层级无效' }),
  unit: z.enum(['month', 'quarter', 'year'], { error: '统计周期无效' }),
  from: CivilDate.optional(),
  to: CivilDate.optional(),
  verifiedOnly: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});
const RollupCellView = z.object({ periodKey: z.string(), count: z.number(), peopleReached: z.number(), amount: z.number() });
export const RollupView = z.object({
  scope: z.object({ orgId: z.number(), name: z.string() }),
  kinds: z.array(z.string()), unit: z.string(), from: z.string(), to: z.string(),
  periods: z.array(z.object({ key: z.string(), start: z.string(), end: z.string() })),
  rows: z.array(z.object({ orgId: z.number(), code: z.string(), name: z.string(), cells: z.array(RollupCellView) })),
  totals: z.array(RollupCellView),
});

import { z } from 'zod';
import { Id } from './common';

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

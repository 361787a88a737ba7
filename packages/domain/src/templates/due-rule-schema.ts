/** Due rules as the template language writes them; exactly the domain DueRule (due-rules.ts). */
import { z } from 'zod';
import { isCivilDate } from '../dates';

const CivilDate = z.string().refine(isCivilDate, { error: '日期应写作“年-月-日”，如 2019-04-01' });
const Day = z.int().min(1).max(31, { error: '日应在 1 到 31 之间' });

export const DueRuleSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('day_of_period_end_month'), day: Day }),
    z.strictObject({ kind: z.literal('day_of_month_after'), day: Day }),
    z.strictObject({ kind: z.literal('day_of_period_month'), day: Day }),
    z.strictObject({ kind: z.literal('before_day_of_month'), day: Day.min(2, { error: '“某日之前”至少是 2 日' }) }),
    z.strictObject({ kind: z.literal('fixed'), month: z.int().min(1).max(12), day: Day }),
    z.strictObject({ kind: z.literal('period_end') }),
    z.strictObject({ kind: z.literal('fixed_date'), date: CivilDate }),
  ],
  { error: '截止规则 kind 无效：应为 day_of_period_end_month、day_of_month_after、day_of_period_month、before_day_of_month、fixed、period_end 或 fixed_date' },
);

/**
 * Sub-windows inside a period where an obligation may be fulfilled: the 走基层周 is the first
 * week of each month (S2.3), observation exchanges happen in the last month of each quarter (S2.6).
 */
import { civilDate, civilParts, lastDayOfMonth, type CivilDate } from './dates';
import { enumeratePeriods, intersectRanges, type DateRange } from './periods';

export const WINDOW_KINDS = ['whole', 'first_week_of_month', 'last_month_of_quarter'] as const;
export type WindowKind = (typeof WINDOW_KINDS)[number];

/** S2.3 reads "the first week of every month" as calendar days 1–7, not an ISO week. */
export const FIRST_WEEK_LAST_DAY = 7;

export function isWindowKind(value: unknown): value is WindowKind {
  return typeof value === 'string' && (WINDOW_KINDS as readonly string[]).includes(value);
}

export function inWindow(window: WindowKind, period: DateRange, date: CivilDate): boolean {
  if (date < period.start || date > period.end) return false;
  const { month, day } = civilParts(date);
  switch (window) {
    case 'whole':
      return true;
    case 'first_week_of_month':
      return day <= FIRST_WEEK_LAST_DAY;
    case 'last_month_of_quarter':
      return month % 3 === 0;
  }
}

/**
 * The stretches of the period that lie in the window, in order and clipped to the period.
 * Empty when the window misses the period entirely (a month period in the middle of a quarter
 * under 'last_month_of_quarter', or a program that starts on the 10th under 'first_week_of_month').
 */
export function windowRanges(window: WindowKind, period: DateRange): DateRange[] {
  if (window === 'whole') return [{ start: period.start, end: period.end }];
  const out: DateRange[] = [];
  for (const month of enumeratePeriods('month', period.start, period.end)) {
    const { year, month: m } = civilParts(month.fullStart);
    const candidate: DateRange | null =
      window === 'first_week_of_month'
        ? { start: month.fullStart, end: civilDate(year, m, FIRST_WEEK_LAST_DAY) }
        : m % 3 === 0
          ? { start: month.fullStart, end: lastDayOfMonth(year, m) }
          : null;
    if (!candidate) continue;
    const clipped = intersectRanges(candidate, period);
    if (clipped) out.push(clipped);
  }
  return out;
}

/** Last day on which the window is open inside the period; null when the window misses it. */
export function windowCloses(window: WindowKind, period: DateRange): CivilDate | null {
  const ranges = windowRanges(window, period);
  const last = ranges[ranges.length - 1];
  return last ? last.end : null;
}

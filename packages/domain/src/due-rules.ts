/**
 * Deadlines of form and obligation periods, stored as data so that a program template can say
 * "the 20th of the quarter's last month" (S0.10) without code. Deadlines drive reminders,
 * on-time rates and overdue lists (X.3).
 */
import { addMonths, civilParts, clampedCivilDate, isCivilDate, lastDayOfMonth, type CivilDate } from './dates';
import type { Period } from './periods';

export type DueRule =
  /** Day N of the month in which the period ends: S0.10 quarterly form due on the 20th of March/June/… */
  | { kind: 'day_of_period_end_month'; day: number }
  /** Day N of the month after the period: S2.4 county committees by the 10th of the next month. */
  | { kind: 'day_of_month_after'; day: number }
  /** Day N of the period's (last) month: S2.4/S2.6 by the 28th. */
  | { kind: 'day_of_period_month'; day: number }
  /** Strictly before day N, i.e. day N-1: S1.10 "before the 30th" is the 29th (28th in February 2019). */
  | { kind: 'before_day_of_month'; day: number }
  /** A calendar day in the year the period starts: S0.11 27 March. */
  | { kind: 'fixed'; month: number; day: number }
  /** The period's last calendar day: S3.7 month end. */
  | { kind: 'period_end' }
  | { kind: 'fixed_date'; date: CivilDate };

export type DueRuleKind = DueRule['kind'];

export type OnTimeState = 'on_time' | 'late' | 'overdue' | 'pending';

function isDay(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 31;
}

/** Guards rules that arrive as JSON from templates or the database. */
export function isDueRule(value: unknown): value is DueRule {
  if (typeof value !== 'object' || value === null) return false;
  const rule = value as Record<string, unknown>;
  switch (rule.kind) {
    case 'day_of_period_end_month':
    case 'day_of_month_after':
    case 'day_of_period_month':
      return isDay(rule.day);
    case 'before_day_of_month':
      return isDay(rule.day) && rule.day >= 2;
    case 'fixed':
      return (
        typeof rule.month === 'number' && Number.isInteger(rule.month) && rule.month >= 1 && rule.month <= 12 && isDay(rule.day)
      );
    case 'period_end':
      return true;
    case 'fixed_date':
      return isCivilDate(rule.date);
    default:
      return false;
  }
}

/**
 * The due date of a period under a rule. Rules read the calendar bounds (fullStart/fullEnd), not
 * a program's clip: the quarterly form for a quarter that a program enters in May is still the
 * Q2 form, due with every other county's Q2 form. Days past a month's end clamp to its last day.
 */
export function dueDate(rule: DueRule, period: Period): CivilDate {
  if (!isDueRule(rule)) throw new RangeError(`invalid due rule: ${JSON.stringify(rule)}`);
  const end = civilParts(period.fullEnd);
  switch (rule.kind) {
    case 'day_of_period_end_month':
    case 'day_of_period_month':
      return clampedCivilDate(end.year, end.month, rule.day);
    case 'day_of_month_after': {
      const next = civilParts(addMonths(lastDayOfMonth(end.year, end.month), 1));
      return clampedCivilDate(next.year, next.month, rule.day);
    }
    case 'before_day_of_month':
      return clampedCivilDate(end.year, end.month, rule.day - 1);
    case 'fixed':
      return clampedCivilDate(civilParts(period.fullStart).year, rule.month, rule.day);
    case 'period_end':
      return period.fullEnd;
    case 'fixed_date':
      return rule.date;
  }
}

/**
 * Submitted on or before the due day is on time; after it, late. Not yet submitted: pending
 * through the due day itself, overdue from the next day.
 */
export function onTimeState(due: CivilDate, submittedOn: CivilDate | null | undefined, today: CivilDate): OnTimeState {
  if (submittedOn) return submittedOn <= due ? 'on_time' : 'late';
  return today > due ? 'overdue' : 'pending';
}

export interface OnTimeSummary {
  onTime: number;
  late: number;
  overdue: number;
  pending: number;
  /** on_time / (on_time + late + overdue); null while nothing has fallen due. */
  rate: number | null;
}

/** 按时率: pending forms are not yet due and so count neither for nor against. */
export function summarizeOnTime(states: readonly OnTimeState[]): OnTimeSummary {
  const s = { onTime: 0, late: 0, overdue: 0, pending: 0 };
  for (const state of states) {
    if (state === 'on_time') s.onTime++;
    else if (state === 'late') s.late++;
    else if (state === 'overdue') s.overdue++;
    else s.pending++;
  }
  const due = s.onTime + s.late + s.overdue;
  return { ...s, rate: due === 0 ? null : s.onTime / due };
}

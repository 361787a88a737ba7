/**
 * Reporting and obligation periods: ISO weeks, months, quarters, half-years, years and the whole
 * program. A period that a program window cuts short (a program starting on 15 June) keeps its
 * calendar key and full bounds so that it still lines up with the forms of other programs.
 */
import {
  addDays,
  civilDate,
  civilParts,
  dayOfWeek,
  dayOfYear,
  isCivilDate,
  lastDayOfMonth,
  maxDate,
  minDate,
  type CivilDate,
} from './dates';

export const PERIOD_TYPES = ['week', 'month', 'quarter', 'half_year', 'year', 'program'] as const;
export type PeriodType = (typeof PERIOD_TYPES)[number];

export interface DateRange {
  start: CivilDate;
  /** Inclusive. */
  end: CivilDate;
}

export interface Period extends DateRange {
  type: PeriodType;
  /** '2019-W14', '2019-04', '2019-Q2', '2019-H1', '2019' or 'program'. */
  key: string;
  /** Calendar bounds before clipping to a program window; equal to start/end when not clipped. */
  fullStart: CivilDate;
  fullEnd: CivilDate;
}

export function isPeriodType(value: unknown): value is PeriodType {
  return typeof value === 'string' && (PERIOD_TYPES as readonly string[]).includes(value);
}

function assertRange(range: DateRange): void {
  if (!isCivilDate(range.start) || !isCivilDate(range.end)) throw new RangeError('range bounds must be civil dates');
  if (range.start > range.end) throw new RangeError(`range starts after it ends: ${range.start} > ${range.end}`);
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function make(type: PeriodType, key: string, start: CivilDate, end: CivilDate): Period {
  return { type, key, start, end, fullStart: start, fullEnd: end };
}

/** ISO-8601 week-numbering year and week of a date. */
export function isoWeekOf(date: CivilDate): { year: number; week: number } {
  // The ISO week belongs to the year that holds its Thursday.
  const thursday = addDays(date, 4 - dayOfWeek(date));
  return { year: civilParts(thursday).year, week: Math.floor((dayOfYear(thursday) - 1) / 7) + 1 };
}

/** Monday of ISO week 1 of an ISO week-year. */
function isoWeekOneMonday(isoYear: number): CivilDate {
  const jan4 = civilDate(isoYear, 1, 4);
  return addDays(jan4, 1 - dayOfWeek(jan4));
}

export function isoWeeksInYear(isoYear: number): number {
  return isoWeekOf(civilDate(isoYear, 12, 28)).week;
}

function calendarPeriod(type: Exclude<PeriodType, 'program'>, date: CivilDate): Period {
  const { year, month } = civilParts(date);
  switch (type) {
    case 'week': {
      const { year: wy, week } = isoWeekOf(date);
      const monday = addDays(date, 1 - dayOfWeek(date));
      return make('week', `${wy}-W${pad2(week)}`, monday, addDays(monday, 6));
    }
    case 'month':
      return make('month', `${year}-${pad2(month)}`, civilDate(year, month, 1), lastDayOfMonth(year, month));
    case 'quarter': {
      const q = Math.ceil(month / 3);
      return make('quarter', `${year}-Q${q}`, civilDate(year, q * 3 - 2, 1), lastDayOfMonth(year, q * 3));
    }
    case 'half_year': {
      const h = month <= 6 ? 1 : 2;
      return make('half_year', `${year}-H${h}`, civilDate(year, h * 6 - 5, 1), lastDayOfMonth(year, h * 6));
    }
    case 'year':
      return make('year', String(year), civilDate(year, 1, 1), civilDate(year, 12, 31));
  }
}

/**
 * The period of the given type that contains `date`. The 'program' type has no calendar
 * meaning, so it needs the program window and returns it whole.
 */
export function periodOf(type: PeriodType, date: CivilDate, program?: DateRange): Period {
  if (!isCivilDate(date)) throw new RangeError(`not a civil date: ${JSON.stringify(date)}`);
  if (type === 'program') {
    if (!program) throw new RangeError("period type 'program' needs the program window");
    assertRange(program);
    return make('program', 'program', program.start, program.end);
  }
  return calendarPeriod(type, date);
}

/** Cuts a period down to a window; null when they do not overlap. */
export function clipPeriod(period: Period, window: DateRange): Period | null {
  const common = intersectRanges(period, window);
  return common ? { ...period, ...common } : null;
}

export function isClipped(period: Period): boolean {
  return period.start !== period.fullStart || period.end !== period.fullEnd;
}

/**
 * Every period of `type` that overlaps [from, to], in order, clipped to that window
 * (typically the program's run: a program starting mid-month yields a partial first month).
 */
export function enumeratePeriods(type: PeriodType, from: CivilDate, to: CivilDate): Period[] {
  const window = { start: from, end: to };
  assertRange(window);
  if (type === 'program') return [make('program', 'program', from, to)];
  const out: Period[] = [];
  let cursor = from;
  while (cursor <= to) {
    const full = calendarPeriod(type, cursor);
    const clipped = clipPeriod(full, window);
    if (clipped) out.push(clipped);
    cursor = addDays(full.fullEnd, 1);
  }
  return out;
}

export function periodContains(range: DateRange, date: CivilDate): boolean {
  return range.start <= date && date <= range.end;
}

/** A period has ended once its last day is over; on the last day itself it is still running. */
export function periodEnded(range: DateRange, today: CivilDate): boolean {
  return today > range.end;
}

/** The common part of two ranges; null when they do not overlap. */
export function intersectRanges(a: DateRange, b: DateRange): DateRange | null {
  const start = maxDate(a.start, b.start);
  const end = minDate(a.end, b.end);
  return start <= end ? { start, end } : null;
}

export function rangesOverlap(a: DateRange, b: DateRange): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/** The calendar period that follows (never clipped); 'program' has no successor. */
export function nextPeriod(period: Period): Period | null {
  if (period.type === 'program') return null;
  return calendarPeriod(period.type, addDays(period.fullEnd, 1));
}

export function previousPeriod(period: Period): Period | null {
  if (period.type === 'program') return null;
  return calendarPeriod(period.type, addDays(period.fullStart, -1));
}

const KEY_PATTERNS: Array<[RegExp, (m: RegExpExecArray) => Period | null]> = [
  [/^(\d{4})$/, (m) => calendarPeriod('year', civilDate(Number(m[1]), 1, 1))],
  [/^(\d{4})-(0[1-9]|1[0-2])$/, (m) => calendarPeriod('month', civilDate(Number(m[1]), Number(m[2]), 1))],
  [/^(\d{4})-Q([1-4])$/, (m) => calendarPeriod('quarter', civilDate(Number(m[1]), Number(m[2]) * 3, 1))],
  [/^(\d{4})-H([12])$/, (m) => calendarPeriod('half_year', civilDate(Number(m[1]), Number(m[2]) * 6, 1))],
  [
    /^(\d{4})-W(\d{2})$/,
    (m) => {
      const year = Number(m[1]);
      const week = Number(m[2]);
      if (week < 1 || week > isoWeeksInYear(year)) return null;
      return calendarPeriod('week', addDays(isoWeekOneMonday(year), (week - 1) * 7));
    },
  ],
];

/**
 * Reads a period key back into a period; null for anything malformed ('2019-13', '2019-W53'
 * in a 52-week year, 'program' without a window). With a program window the result is clipped
 * to it, and a period wholly outside the window is null.
 */
export function parsePeriodKey(key: string, program?: DateRange): Period | null {
  if (key === 'program') {
    if (!program) return null;
    assertRange(program);
    return make('program', 'program', program.start, program.end);
  }
  for (const [re, build] of KEY_PATTERNS) {
    const m = re.exec(key);
    if (!m) continue;
    if (Number(m[1]) < 1) return null;
    const period = build(m);
    if (!period) return null;
    return program ? clipPeriod(period, program) : period;
  }
  return null;
}

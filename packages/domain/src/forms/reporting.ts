/**
 * Reporting rates as DHIS2 counts them: expected reporters (only those that existed during the period),
 * actual reports (submitted or approved), and those on time; entry locks some days after the due date
 * unless the level above granted the reporter a dated exception.
 */
import { addDays, type CivilDate } from '../dates';
import { dueDate } from '../due-rules';
import { enumeratePeriods, type DateRange, type Period } from '../periods';
import type { TemplateForm } from '../templates/form-schema';

export const FORM_STATUSES = ['draft', 'submitted', 'approved', 'returned'] as const;
export type FormStatus = (typeof FORM_STATUSES)[number];

export interface FormPeriod extends Period {
  due: CivilDate;
  /** The last day entry is open; null when the form never locks. */
  locksAfter: CivilDate | null;
}

/** Days and half months (S4.2's daily and half-monthly reports), which obligations never needed. */
function shortPeriods(type: 'day' | 'half_month', program: DateRange): Period[] {
  const out: Period[] = [];
  if (type === 'day') {
    for (let d = program.start; d <= program.end; d = addDays(d, 1)) out.push({ type: 'day' as never, key: d, start: d, end: d, fullStart: d, fullEnd: d });
    return out;
  }
  for (const month of enumeratePeriods('month', program.start, program.end)) {
    const mid = `${month.key}-15`;
    const halves: Array<[string, CivilDate, CivilDate]> = [[`${month.key}-A`, month.fullStart, mid], [`${month.key}-B`, addDays(mid, 1), month.fullEnd]];
    for (const [key, fullStart, fullEnd] of halves) {
      const start = fullStart < program.start ? program.start : fullStart;
      const end = fullEnd > program.end ? program.end : fullEnd;
      if (start <= end) out.push({ type: 'half_month' as never, key, start, end, fullStart, fullEnd });
    }
  }
  return out;
}

/** The form's periods within the program's run, each with its due date and lock day. */
export function formPeriods(form: Pick<TemplateForm, 'period' | 'due' | 'lockAfterDays' | 'activeFrom'>, program: DateRange): FormPeriod[] {
  const from = form.activeFrom ? `${program.start.slice(0, 4)}-${form.activeFrom}` : null;
  const window = from && from > program.start ? { start: from, end: program.end } : program;
  if (window.start > window.end) return [];
  const periods = form.period === 'day' || form.period === 'half_month' ? shortPeriods(form.period, window) : enumeratePeriods(form.period, window.start, window.end);
  return periods.map((p) => {
    const due = dueDate(form.due, p);
    return { ...p, due, locksAfter: form.lockAfterDays === undefined ? null : addDays(due, form.lockAfterDays) };
  });
}

/** Entry is open until the lock day, and after it for a reporter whose exception runs on or past today. */
export function entryOpen(period: Pick<FormPeriod, 'locksAfter'>, today: CivilDate, exceptionUntil?: CivilDate | null): boolean {
  if (period.locksAfter === null || today <= period.locksAfter) return true;
  return exceptionUntil !== undefined && exceptionUntil !== null && today <= exceptionUntil;
}

export type ReportTimeliness = 'on_time' | 'late' | 'overdue' | 'pending';

export interface ReporterState {
  status: FormStatus;
  /** The first submission's day: a report returned and sent again was still received when it first came. */
  firstSubmittedOn: CivilDate | null;
}

export const isReported = (s: Pick<ReporterState, 'status'>) => s.status === 'submitted' || s.status === 'approved';

export function timeliness(due: CivilDate, s: ReporterState, today: CivilDate): ReportTimeliness {
  if (isReported(s) && s.firstSubmittedOn) return s.firstSubmittedOn <= due ? 'on_time' : 'late';
  return today > due ? 'overdue' : 'pending';
}

export interface ReportingRate {
  expected: number;
  actual: number;
  onTime: number;
  overdue: number;
  /** actual / expected; null when nobody is expected. */
  completeness: number | null;
  /** on time / expected. */
  onTimeRate: number | null;
}

export function reportingRate(due: CivilDate, states: readonly ReporterState[], today: CivilDate): ReportingRate {
  let actual = 0;
  let onTime = 0;
  let overdue = 0;
  for (const s of states) {
    const t = timeliness(due, s, today);
    if (isReported(s)) actual++;
    if (t === 'on_time') onTime++;
    if (t === 'overdue') overdue++;
  }
  const n = states.length;
  return { expected: n, actual, onTime, overdue, completeness: n ? actual / n : null, onTimeRate: n ? onTime / n : null };
}

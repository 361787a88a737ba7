/**
 * Whether a subject met an obligation in each period, computed from records alone so that every
 * number can open the records behind it (X.2).
 */
import { addDays, type CivilDate } from './dates';
import { activeRange, recordQualifies, type Obligation, type RecordFact } from './obligations';
import { intersectRanges, type DateRange, type Period } from './periods';
import { windowRanges } from './windows';

export type ComplianceState = 'met' | 'partly' | 'missed' | 'upcoming' | 'not_applicable';

export interface PeriodCompliance {
  periodKey: string;
  state: ComplianceState;
  done: number;
  required: number;
  /** The last day the period (or its last window) can still be met; null when not applicable. */
  closes: CivilDate | null;
  /** Records that contributed to `done`, by date then id. */
  recordIds: string[];
}

export interface ComplianceInput {
  obligation: Obligation;
  subjectId: string;
  periods: readonly Period[];
  records: readonly RecordFact[];
  today: CivilDate;
  /** S3.8: data that cannot be verified does not count as a result. */
  verifiedOnly: boolean;
  /** The subject's pairing partners; needed when the obligation is joint with the partner. */
  partnerIds?: readonly string[];
  /** When the subject exists or takes part (a cadre joining stationing in June, an org founded mid-year). */
  subjectActive?: { from?: CivilDate | null; to?: CivilDate | null };
}

/** Guards against a mistyped "days: 3000" turning one record into years of loop work. */
const MAX_RECORD_DAYS = 366;

function inRanges(ranges: readonly DateRange[], date: CivilDate): boolean {
  return ranges.some((r) => r.start <= date && date <= r.end);
}

/** The calendar days a record covers; `whole` keeps only complete days (a half day is not a full day). */
function coveredDates(record: RecordFact, whole: boolean): CivilDate[] {
  const raw = record.days ?? 1;
  const safe = Number.isFinite(raw) && raw > 0 ? raw : 0;
  const n = Math.min(MAX_RECORD_DAYS, whole ? Math.floor(safe) : Math.max(1, Math.ceil(safe)));
  const out: CivilDate[] = [];
  for (let i = 0; i < n; i++) out.push(addDays(record.date, i));
  return out;
}

function measureRecords(obligation: Obligation, records: readonly RecordFact[], ranges: readonly DateRange[]) {
  const contributing: RecordFact[] = [];
  let done = 0;
  switch (obligation.measure) {
    case 'count':
    case 'people_reached':
    case 'amount':
      for (const r of records) {
        if (!inRanges(ranges, r.date)) continue;
        const value = obligation.measure === 'count' ? 1 : obligation.measure === 'amount' ? (r.amount ?? 0) : (r.peopleReached ?? 0);
        done += value;
        contributing.push(r);
      }
      break;
    case 'full_days':
      for (const r of records) {
        const days = coveredDates(r, true).filter((d) => inRanges(ranges, d)).length;
        if (days === 0) continue;
        done += days;
        contributing.push(r);
      }
      break;
    case 'distinct_days': {
      // Two cadres of one department in the field on the same day make one department-day.
      const seen = new Set<CivilDate>();
      for (const r of records) {
        const dates = coveredDates(r, false).filter((d) => inRanges(ranges, d));
        if (dates.length === 0) continue;
        for (const d of dates) seen.add(d);
        contributing.push(r);
      }
      done = seen.size;
      break;
    }
  }
  contributing.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { done, recordIds: contributing.map((r) => r.id) };
}

/**
 * A joint activity (S0.9) is one event: it counts for both sides whichever of them recorded it,
 * so the records of a partner that name this subject count too.
 */
function subjectRecords(input: ComplianceInput): RecordFact[] {
  const { obligation, subjectId, verifiedOnly } = input;
  const partners = input.partnerIds ?? [];
  return input.records.filter((r) => {
    if (verifiedOnly && !r.verified) return false;
    if (r.subjectId === subjectId) return recordQualifies(obligation, r, partners);
    if (obligation.what.jointWithPartner && partners.includes(r.subjectId)) {
      return recordQualifies(obligation, r, [subjectId]);
    }
    return false;
  });
}

/**
 * Per period: met as soon as the minimum is reached, even mid-period; otherwise upcoming while
 * the period (or its last window, e.g. days 1–7 for the 走基层周) is still open; afterwards
 * missed with nothing done, partly with something. Periods outside the obligation's or the
 * subject's active interval, or that the window does not touch, are not_applicable.
 */
export function evaluateCompliance(input: ComplianceInput): PeriodCompliance[] {
  const { obligation, today } = input;
  const required = obligation.min;
  const records = subjectRecords(input);
  const obligationActive = activeRange(obligation.activeFrom, obligation.activeTo);
  const subjectActive = activeRange(input.subjectActive?.from, input.subjectActive?.to);

  return input.periods.map((period): PeriodCompliance => {
    const base = { periodKey: period.key, required };
    const applicable = intersectRanges(period, obligationActive);
    const active = applicable && intersectRanges(applicable, subjectActive);
    const ranges = active ? windowRanges(obligation.window ?? 'whole', active) : [];
    const closes = ranges[ranges.length - 1]?.end;
    if (!closes) return { ...base, state: 'not_applicable', done: 0, closes: null, recordIds: [] };

    const { done, recordIds } = measureRecords(obligation, records, ranges);
    const state: ComplianceState =
      done >= required ? 'met' : today <= closes ? 'upcoming' : done === 0 ? 'missed' : 'partly';
    return { ...base, state, done, closes, recordIds };
  });
}

export interface ComplianceSummary {
  met: number;
  partly: number;
  missed: number;
  upcoming: number;
  notApplicable: number;
  /** met / (met + partly + missed); null while no applicable period has closed or been met. */
  rate: number | null;
}

export function summarizeCompliance(results: readonly PeriodCompliance[]): ComplianceSummary {
  const s = { met: 0, partly: 0, missed: 0, upcoming: 0, notApplicable: 0 };
  for (const r of results) {
    if (r.state === 'not_applicable') s.notApplicable++;
    else s[r.state]++;
  }
  const judged = s.met + s.partly + s.missed;
  return { ...s, rate: judged === 0 ? null : s.met / judged };
}

export type Risk = 'overdue' | 'at_risk';

/**
 * The "overdue and at risk" list: a closed period not met is overdue; an open one is at risk when
 * it closes within `soonDays` and what is done so far is short of the minimum.
 */
export function complianceRisk(cell: PeriodCompliance, today: CivilDate, soonDays = 7): Risk | null {
  if (cell.state === 'missed' || cell.state === 'partly') return 'overdue';
  if (cell.state !== 'upcoming' || cell.closes === null) return null;
  return addDays(today, soonDays) >= cell.closes ? 'at_risk' : null;
}

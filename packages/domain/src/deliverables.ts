/**
 * One-off and periodic deliverables (任务成果/报送材料: S1.8 七个一, S2.5 调研报告, S3.6 项目报告):
 * whether each subject handed in what it owes by each due date, computed from the records that
 * name the deliverable, so the state opens the submissions behind it (X.2).
 */
import type { CivilDate } from './dates';
import type { DateRange } from './periods';

export type DeliverableState = 'met' | 'late' | 'missed' | 'upcoming' | 'due_soon';

export interface DeliverablePeriod extends DateRange {
  key: string;
  /** Null when the template sets no deadline: then only the period's end closes it. */
  due: CivilDate | null;
}

export interface Submission {
  id: string;
  /** The day it was handed in. */
  date: CivilDate;
  verified: boolean;
}

export interface DeliverableResult {
  periodKey: string;
  due: CivilDate | null;
  state: DeliverableState;
  done: number;
  required: number;
  /** Days past the deadline: for late, of the submission that completed it; for missed, until today. */
  daysLate: number;
  recordIds: string[];
}

export interface DeliverableInput {
  periods: readonly DeliverablePeriod[];
  submissions: readonly Submission[];
  required: number;
  today: CivilDate;
  verifiedOnly: boolean;
  /** How many days before the deadline an unfinished deliverable shows as due soon. */
  soonDays?: number;
}

function daysBetween(a: CivilDate, b: CivilDate): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** The last day a submission still belongs to a period: its deadline when that falls after the period ends. */
function closes(p: DeliverablePeriod): CivilDate {
  return p.due !== null && p.due > p.end ? p.due : p.end;
}

/**
 * Each submission counts once, for the earliest period it can still serve: a county's March report
 * handed in on 8 April counts for March (due 10 April), not April. A submission after a period has
 * closed belongs to no period — except for a one-period deliverable, which a late submission
 * completes as late.
 */
export function evaluateDeliverable(input: DeliverableInput): DeliverableResult[] {
  const soon = input.soonDays ?? 7;
  const usable = input.submissions
    .filter((s) => !input.verifiedOnly || s.verified)
    .slice()
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : 1));
  const taken = new Map<string, Submission[]>(input.periods.map((p) => [p.key, []]));
  const single = input.periods.length === 1;
  for (const s of usable) {
    const period = input.periods.find((p) => p.start <= s.date && (single || s.date <= closes(p)) && taken.get(p.key)!.length < input.required);
    if (period) taken.get(period.key)!.push(s);
  }
  return input.periods.map((p): DeliverableResult => {
    const subs = taken.get(p.key)!;
    const base = { periodKey: p.key, due: p.due, required: input.required, done: subs.length, recordIds: subs.map((s) => s.id) };
    const deadline = p.due ?? p.end;
    if (subs.length >= input.required) {
      const completedOn = subs[input.required - 1]!.date;
      const late = Math.max(0, daysBetween(deadline, completedOn));
      return { ...base, state: late > 0 ? 'late' : 'met', daysLate: late };
    }
    if (input.today > deadline) return { ...base, state: 'missed', daysLate: daysBetween(deadline, input.today) };
    const state = daysBetween(input.today, deadline) <= soon && input.today >= p.start ? 'due_soon' : 'upcoming';
    return { ...base, state, daysLate: 0 };
  });
}

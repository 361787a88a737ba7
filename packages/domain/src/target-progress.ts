/**
 * Progress against a target over time (S4.1, S4.2): the burn-up series of actual counts against the
 * target line, and a projected completion date from the recent rate. A projection is only as good
 * as the rate it extrapolates, so it says "no date" rather than invent one when nothing is moving.
 */
import { addDays, daysBetween, type CivilDate } from './dates';

export interface ProgressPoint {
  date: CivilDate;
  actual: number;
}

export const PROJECTION_STATUSES = ['met', 'on_track', 'behind', 'overdue', 'no_progress'] as const;
export type ProjectionStatus = (typeof PROJECTION_STATUSES)[number];

export interface Projection {
  status: ProjectionStatus;
  /** When the target was met, or the day it will be met at the recent rate; null when nothing moves. */
  date: CivilDate | null;
  /** Units per day over the recent window. */
  ratePerDay: number;
  remaining: number;
  /** The last observed day the projection starts from; null without observations. */
  asOf: CivilDate | null;
}

export interface ProjectionInput {
  points: readonly ProgressPoint[];
  target: number;
  deadline: CivilDate | null;
  /** How far back the recent rate looks (days). */
  windowDays?: number;
}

function sortedPoints(points: readonly ProgressPoint[]): ProgressPoint[] {
  return [...points].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/**
 * Linear projection on the recent rate: the change between the last point and the latest point at
 * least `windowDays` before it (or the first point, for a shorter history), per day. A target
 * already reached reports the first day it was reached; a zero or negative rate gives no date.
 */
export function projectCompletion(input: ProjectionInput): Projection {
  const windowDays = input.windowDays ?? 7;
  if (!Number.isInteger(windowDays) || windowDays < 1) throw new RangeError('windowDays must be a positive integer');
  const points = sortedPoints(input.points);
  const last = points.at(-1);
  if (!last) return { status: 'no_progress', date: null, ratePerDay: 0, remaining: Math.max(0, input.target), asOf: null };

  const cutoff = addDays(last.date, -windowDays);
  const base = [...points].reverse().find((p) => p.date <= cutoff) ?? points[0]!;
  const span = daysBetween(base.date, last.date);
  const ratePerDay = span > 0 ? (last.actual - base.actual) / span : 0;
  const remaining = Math.max(0, input.target - last.actual);

  if (remaining === 0) {
    const reached = points.find((p) => p.actual >= input.target)!;
    return { status: 'met', date: reached.date, ratePerDay, remaining, asOf: last.date };
  }
  const pastDeadline = input.deadline !== null && last.date > input.deadline;
  if (ratePerDay <= 0) return { status: pastDeadline ? 'overdue' : 'no_progress', date: null, ratePerDay: Math.max(0, ratePerDay), remaining, asOf: last.date };

  // The small epsilon keeps an exact quotient (10 / 2.5 = 4) from rounding up to the next day.
  const days = Math.ceil(remaining / ratePerDay - 1e-9);
  const date = addDays(last.date, days);
  const status: ProjectionStatus = pastDeadline ? 'overdue' : input.deadline === null || date <= input.deadline ? 'on_track' : 'behind';
  return { status, date, ratePerDay, remaining, asOf: last.date };
}

/**
 * The share of the target that should be done by `date` if the work ran evenly from `start` to the
 * deadline (时序进度), counting both ends as working days; 0 before the start, 1 from the deadline.
 */
export function expectedShare(start: CivilDate, deadline: CivilDate, date: CivilDate): number {
  if (date < start) return 0;
  if (date >= deadline) return 1;
  return (daysBetween(start, date) + 1) / (daysBetween(start, deadline) + 1);
}

export interface BurnupRow {
  date: CivilDate;
  actual: number | null;
  /** The target line: where an even pace would stand on this day. */
  expected: number;
}

/**
 * One row per day from `start` to `end`: the observed count where a snapshot exists (null on days
 * without one, so a chart leaves a gap instead of drawing a false flat line) and the target line.
 */
export function burnupSeries(points: readonly ProgressPoint[], opts: { start: CivilDate; end: CivilDate; deadline: CivilDate; target: number }): BurnupRow[] {
  if (opts.start > opts.end) return [];
  const byDate = new Map(points.map((p) => [p.date, p.actual]));
  const rows: BurnupRow[] = [];
  for (let d = opts.start; d <= opts.end; d = addDays(d, 1)) {
    rows.push({ date: d, actual: byDate.get(d) ?? null, expected: Math.round(opts.target * expectedShare(opts.start, opts.deadline, d) * 100) / 100 });
  }
  return rows;
}

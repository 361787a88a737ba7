import { describe, expect, it } from 'vitest';
import { addDays } from './dates';
import { burnupSeries, expectedShare, projectCompletion, type ProgressPoint } from './target-progress';

/** A steady series: `perDay` more each day from `from` for `days` days, starting at `base`. */
const steady = (from: string, days: number, perDay: number, base = 0): ProgressPoint[] =>
  Array.from({ length: days }, (_, i) => ({ date: addDays(from, i), actual: base + perDay * i }));

describe('S4.1 projected completion date', () => {
  it('S4.1 extrapolates the last week linearly to the target', () => {
    // 4,500 on 1 Dec, 50 a day over the last week: 500 left → 10 days → 11 Dec, before 15 Dec.
    const points = steady('2012-11-24', 8, 50, 4150);
    expect(points.at(-1)).toEqual({ date: '2012-12-01', actual: 4500 });
    expect(projectCompletion({ points, target: 5000, deadline: '2012-12-15' })).toEqual({
      status: 'on_track', date: '2012-12-11', ratePerDay: 50, remaining: 500, asOf: '2012-12-01',
    });
  });

  it('S4.1 a projection past the deadline is behind', () => {
    const points = steady('2012-11-24', 8, 10, 4430); // 4,500 on 1 Dec at 10/day → 50 days
    const p = projectCompletion({ points, target: 5000, deadline: '2012-12-15' });
    expect(p).toMatchObject({ status: 'behind', date: '2013-01-20', ratePerDay: 10, remaining: 500 });
  });

  it('zero rate gives no date (no_progress), however far the target', () => {
    const flat = [{ date: '2012-11-01', actual: 120 }, { date: '2012-11-10', actual: 120 }];
    expect(projectCompletion({ points: flat, target: 200, deadline: '2012-12-15' })).toEqual({
      status: 'no_progress', date: null, ratePerDay: 0, remaining: 80, asOf: '2012-11-10',
    });
    // All zeros from the start: still no date, never Infinity or NaN.
    const zeros = steady('2012-11-01', 30, 0);
    const p = projectCompletion({ points: zeros, target: 38, deadline: '2012-12-15' });
    expect(p.date).toBeNull();
    expect(p.ratePerDay).toBe(0);
  });

  it('a falling count (dissolved orgs) is no progress, not a negative rate', () => {
    const p = projectCompletion({ points: [{ date: '2012-11-01', actual: 30 }, { date: '2012-11-08', actual: 25 }], target: 40, deadline: '2012-12-15' });
    expect(p).toMatchObject({ status: 'no_progress', date: null, ratePerDay: 0, remaining: 15 });
  });

  it('already met: the first day the target was reached, whatever comes after', () => {
    const points = [
      { date: '2012-11-01', actual: 30 },
      { date: '2012-11-05', actual: 38 },
      { date: '2012-11-09', actual: 41 },
      { date: '2012-11-12', actual: 41 },
    ];
    expect(projectCompletion({ points, target: 38, deadline: '2012-12-15' })).toMatchObject({ status: 'met', date: '2012-11-05', remaining: 0 });
    // a later dip below the target (an org dissolved) reopens it: measured on the last day, not the best one
    const dip = [...points, { date: '2012-11-13', actual: 37 }];
    expect(projectCompletion({ points: dip, target: 38, deadline: '2012-12-15' })).toMatchObject({ status: 'no_progress', date: null, remaining: 1 });
  });

  it('a target of zero is met on the first observed day', () => {
    expect(projectCompletion({ points: [{ date: '2012-11-01', actual: 0 }], target: 0, deadline: '2012-12-15' })).toMatchObject({ status: 'met', date: '2012-11-01' });
  });

  it('deadline past and not met: overdue, with the projected date when there is still a rate', () => {
    const points = steady('2012-12-10', 10, 5, 4900); // 4,945 on 19 Dec, deadline 15 Dec
    const p = projectCompletion({ points, target: 5000, deadline: '2012-12-15' });
    expect(p).toMatchObject({ status: 'overdue', date: '2012-12-30', ratePerDay: 5, remaining: 55 });
    const stalled = projectCompletion({ points: [{ date: '2012-12-16', actual: 10 }, { date: '2012-12-20', actual: 10 }], target: 20, deadline: '2012-12-15' });
    expect(stalled).toMatchObject({ status: 'overdue', date: null, ratePerDay: 0 });
  });

  it('no points, one point: no rate to extrapolate', () => {
    expect(projectCompletion({ points: [], target: 100, deadline: null })).toEqual({ status: 'no_progress', date: null, ratePerDay: 0, remaining: 100, asOf: null });
    expect(projectCompletion({ points: [{ date: '2012-11-01', actual: 50 }], target: 100, deadline: null })).toMatchObject({ status: 'no_progress', date: null, asOf: '2012-11-01' });
  });

  it('uses only the recent window, so an early burst does not flatter a stall', () => {
    const points = [
      { date: '2012-10-01', actual: 0 },
      { date: '2012-10-10', actual: 300 }, // burst
      { date: '2012-11-01', actual: 310 },
      { date: '2012-11-08', actual: 324 }, // last week: 14 / 7 = 2 a day
    ];
    const p = projectCompletion({ points, target: 400, deadline: null });
    expect(p.ratePerDay).toBe(2);
    expect(p.date).toBe('2012-12-16'); // 76 / 2 = 38 days
    expect(p.status).toBe('on_track'); // no deadline
    // a 60-day window reaches back to the first point and sees the burst
    expect(projectCompletion({ points, target: 400, deadline: null, windowDays: 60 }).ratePerDay).toBeCloseTo(324 / 38, 10);
  });

  it('irregular snapshots: the rate is per calendar day between the points used', () => {
    const points = [{ date: '2012-11-20', actual: 4665 }, { date: '2012-11-01', actual: 4000 }]; // unsorted on purpose
    const p = projectCompletion({ points, target: 5000, deadline: '2012-12-15' });
    expect(p.ratePerDay).toBe(35); // 665 / 19
    expect(p.date).toBe('2012-11-30'); // 335 / 35 = 9.57 → 10 days
  });

  it('an exact quotient does not round up a day', () => {
    const p = projectCompletion({ points: [{ date: '2012-11-01', actual: 0 }, { date: '2012-11-05', actual: 10 }], target: 20, deadline: null });
    expect(p.ratePerDay).toBe(2.5);
    expect(p.date).toBe('2012-11-09');
  });

  it('rejects a nonsensical window', () => {
    expect(() => projectCompletion({ points: [], target: 1, deadline: null, windowDays: 0 })).toThrow(RangeError);
  });
});

describe('S4.2 burn-up series and the target line', () => {
  it('expectedShare runs from 1/n on the first day to 1 on the deadline', () => {
    expect(expectedShare('2012-12-01', '2012-12-10', '2012-11-30')).toBe(0);
    expect(expectedShare('2012-12-01', '2012-12-10', '2012-12-01')).toBe(0.1);
    expect(expectedShare('2012-12-01', '2012-12-10', '2012-12-05')).toBe(0.5);
    expect(expectedShare('2012-12-01', '2012-12-10', '2012-12-10')).toBe(1);
    expect(expectedShare('2012-12-01', '2012-12-10', '2013-01-01')).toBe(1);
  });

  it('one row per day, actual where observed and null where not', () => {
    const rows = burnupSeries([{ date: '2012-12-01', actual: 3 }, { date: '2012-12-03', actual: 7 }], { start: '2012-12-01', end: '2012-12-04', deadline: '2012-12-10', target: 100 });
    expect(rows).toEqual([
      { date: '2012-12-01', actual: 3, expected: 10 },
      { date: '2012-12-02', actual: null, expected: 20 },
      { date: '2012-12-03', actual: 7, expected: 30 },
      { date: '2012-12-04', actual: null, expected: 40 },
    ]);
    expect(burnupSeries([], { start: '2012-12-05', end: '2012-12-01', deadline: '2012-12-10', target: 1 })).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { periodOf } from './periods';
import { inWindow, isWindowKind, windowCloses, windowRanges } from './windows';

describe('inWindow', () => {
  const april = periodOf('month', '2019-04-15');
  const q2 = periodOf('quarter', '2019-04-15');

  it('S2.3 走基层周 is days 1–7 of the month', () => {
    expect(inWindow('first_week_of_month', april, '2019-04-01')).toBe(true);
    expect(inWindow('first_week_of_month', april, '2019-04-07')).toBe(true);
    expect(inWindow('first_week_of_month', april, '2019-04-08')).toBe(false);
    expect(inWindow('first_week_of_month', april, '2019-03-31')).toBe(false);
  });
  it('S2.6 observation exchanges fall in the last month of the quarter', () => {
    expect(inWindow('last_month_of_quarter', q2, '2019-06-01')).toBe(true);
    expect(inWindow('last_month_of_quarter', q2, '2019-06-30')).toBe(true);
    expect(inWindow('last_month_of_quarter', q2, '2019-05-31')).toBe(false);
    expect(inWindow('last_month_of_quarter', q2, '2019-07-01')).toBe(false);
  });
  it("'whole' is the whole period and nothing outside it", () => {
    expect(inWindow('whole', april, '2019-04-30')).toBe(true);
    expect(inWindow('whole', april, '2019-05-01')).toBe(false);
  });
  it('respects a clipped period', () => {
    const clipped = { ...april, start: '2019-04-05' };
    expect(inWindow('first_week_of_month', clipped, '2019-04-03')).toBe(false);
    expect(inWindow('first_week_of_month', clipped, '2019-04-05')).toBe(true);
  });
});

describe('windowRanges', () => {
  it('first week of each month inside a quarter', () => {
    expect(windowRanges('first_week_of_month', periodOf('quarter', '2019-04-15'))).toEqual([
      { start: '2019-04-01', end: '2019-04-07' },
      { start: '2019-05-01', end: '2019-05-07' },
      { start: '2019-06-01', end: '2019-06-07' },
    ]);
  });
  it('last month of quarter within a year and within single months', () => {
    expect(windowRanges('last_month_of_quarter', periodOf('year', '2019-01-01')).map((r) => r.start)).toEqual([
      '2019-03-01',
      '2019-06-01',
      '2019-09-01',
      '2019-12-01',
    ]);
    expect(windowRanges('last_month_of_quarter', periodOf('month', '2019-05-01'))).toEqual([]);
    expect(windowRanges('last_month_of_quarter', periodOf('month', '2020-03-01'))).toEqual([{ start: '2020-03-01', end: '2020-03-31' }]);
  });
  it('a program starting on the 10th misses the first week of its first month', () => {
    const first = { start: '2010-06-10', end: '2010-06-30' };
    expect(windowRanges('first_week_of_month', first)).toEqual([]);
    expect(windowCloses('first_week_of_month', first)).toBeNull();
    expect(windowRanges('first_week_of_month', { start: '2010-06-03', end: '2010-06-30' })).toEqual([{ start: '2010-06-03', end: '2010-06-07' }]);
  });
  it('windowCloses is the last open day', () => {
    expect(windowCloses('first_week_of_month', periodOf('month', '2019-04-15'))).toBe('2019-04-07');
    expect(windowCloses('last_month_of_quarter', periodOf('quarter', '2019-04-15'))).toBe('2019-06-30');
    expect(windowCloses('whole', periodOf('month', '2020-02-01'))).toBe('2020-02-29');
  });
  it('isWindowKind', () => {
    expect(isWindowKind('first_week_of_month')).toBe(true);
    expect(isWindowKind('first_week')).toBe(false);
  });
});

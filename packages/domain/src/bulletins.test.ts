import { describe, expect, it } from 'vitest';
import { bulletinPeriod, chineseDate, issueLabel, percent } from './bulletins';
import { rankUnits, totalsOf } from './rankings';

describe('S4.2 S0.7 bulletin periods', () => {
  it('S4.2 daily, weekly (Monday–Sunday), half-monthly and quarterly periods', () => {
    expect(bulletinPeriod('daily', '2012-11-20')).toEqual({ kind: 'daily', key: '2012-11-20', start: '2012-11-20', end: '2012-11-20', label: '2012年11月20日' });
    // 20 Nov 2012 was a Tuesday
    expect(bulletinPeriod('weekly', '2012-11-20')).toEqual({ kind: 'weekly', key: '2012-W47', start: '2012-11-19', end: '2012-11-25', label: '2012年11月19日至11月25日' });
    expect(bulletinPeriod('weekly', '2012-11-25').start).toBe('2012-11-19'); // Sunday stays in its week
    expect(bulletinPeriod('weekly', '2012-11-26').start).toBe('2012-11-26');
    expect(bulletinPeriod('weekly', '2012-12-31').key).toBe('2013-W01'); // ISO week-year
    expect(bulletinPeriod('half_monthly', '2012-11-15')).toMatchObject({ key: '2012-11-H1', start: '2012-11-01', end: '2012-11-15', label: '2012年11月上半月' });
    expect(bulletinPeriod('half_monthly', '2012-02-16')).toMatchObject({ key: '2012-02-H2', start: '2012-02-16', end: '2012-02-29', label: '2012年2月下半月' });
    expect(bulletinPeriod('quarterly', '2012-11-20')).toMatchObject({ key: '2012-Q4', start: '2012-10-01', end: '2012-12-31', label: '2012年第四季度' });
    expect(bulletinPeriod('quarterly', '2014-03-31')).toMatchObject({ key: '2014-Q1', start: '2014-01-01', end: '2014-03-31' });
  });

  it('writes dates and numbers the official way', () => {
    expect(chineseDate('2012-01-05')).toBe('2012年1月5日');
    expect(issueLabel(12)).toBe('第12期');
    expect(percent(0.9333)).toBe('93.3%');
    expect(percent(1)).toBe('100.0%');
    expect(percent(null)).toBe('—');
  });
});

describe('S4.2 ranking of units and lagging units', () => {
  const u = (id: string, target: number, actual: number, added = 0) => ({ id, name: id, target, actual, added });

  it('S4.2 ranks by completion rate, ties share a rank, lagging below the time-schedule share', () => {
    const ranked = rankUnits([u('a', 100, 50), u('b', 40, 30), u('c', 200, 100), u('d', 10, 10), u('e', 50, 10)], 0.6);
    expect(ranked.map((r) => [r.id, r.rank, r.rate, r.lagging])).toEqual([
      ['d', 1, 1, false],
      ['b', 2, 0.75, false],
      ['c', 3, 0.5, true], // same rate as a, more orgs: listed first, same rank
      ['a', 3, 0.5, true],
      ['e', 5, 0.2, true],
    ]);
  });

  it('a unit without a target is listed last and unranked; no expected share, no lagging', () => {
    const ranked = rankUnits([u('z', 0, 3), u('a', 10, 1)], null);
    expect(ranked.map((r) => [r.id, r.rank, r.rate, r.lagging])).toEqual([
      ['a', 1, 0.1, false],
      ['z', null, null, false],
    ]);
  });

  it('a unit over its target is never lagging', () => {
    expect(rankUnits([u('a', 10, 12)], 1)[0]).toMatchObject({ rate: 1.2, lagging: false });
  });

  it('totals add up targets, counts and the period additions', () => {
    expect(totalsOf([u('a', 100, 50, 5), u('b', 40, 30, 2)])).toEqual({ target: 140, actual: 80, added: 7, rate: 80 / 140 });
    expect(totalsOf([])).toEqual({ target: 0, actual: 0, added: 0, rate: null });
  });
});

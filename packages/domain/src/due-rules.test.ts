import { describe, expect, it } from 'vitest';
import { dueDate, isDueRule, onTimeState, summarizeOnTime, type DueRule } from './due-rules';
import { enumeratePeriods, parsePeriodKey, periodOf, type Period } from './periods';

function p(key: string): Period {
  const period = parsePeriodKey(key);
  if (!period) throw new Error(key);
  return period;
}

describe('dueDate', () => {
  it('S0.10 quarterly 结对共建信息统计表 is due on the 20th of the quarter’s last month', () => {
    const rule: DueRule = { kind: 'day_of_period_end_month', day: 20 };
    expect(['2014-Q1', '2014-Q2', '2014-Q3', '2014-Q4'].map((k) => dueDate(rule, p(k)))).toEqual([
      '2014-03-20',
      '2014-06-20',
      '2014-09-20',
      '2014-12-20',
    ]);
  });
  it('S0.10 a quarter clipped by the program keeps the calendar quarter’s deadline', () => {
    const [first] = enumeratePeriods('quarter', '2014-05-10', '2014-12-31');
    expect(dueDate({ kind: 'day_of_period_end_month', day: 20 }, first!)).toBe('2014-06-20');
  });
  it('S2.4 county committees send visit reports by the 10th of the next month, across the year end', () => {
    const rule: DueRule = { kind: 'day_of_month_after', day: 10 };
    expect(dueDate(rule, p('2020-04'))).toBe('2020-05-10');
    expect(dueDate(rule, p('2020-12'))).toBe('2021-01-10');
  });
  it('S2.4 the organization department collects by the 28th of each month (February too)', () => {
    const rule: DueRule = { kind: 'day_of_period_month', day: 28 };
    expect(dueDate(rule, p('2020-04'))).toBe('2020-04-28');
    expect(dueDate(rule, p('2021-02'))).toBe('2021-02-28');
  });
  it('S2.6 observation report due by the 28th of the quarter’s last month', () => {
    expect(dueDate({ kind: 'day_of_period_month', day: 28 }, p('2020-Q3'))).toBe('2020-09-28');
  });
  it('S1.10 monthly progress "before the 30th" is due the 29th; February clamps to its last day', () => {
    const rule: DueRule = { kind: 'before_day_of_month', day: 30 };
    expect(dueDate(rule, p('2010-07'))).toBe('2010-07-29');
    expect(dueDate(rule, p('2011-02'))).toBe('2011-02-28');
    expect(dueDate(rule, p('2012-02'))).toBe('2012-02-29');
  });
  it('S0.11 结对共建表 is due once, on 27 March of the program year', () => {
    const program = periodOf('program', '2014-03-01', { start: '2014-03-01', end: '2014-12-31' });
    expect(dueDate({ kind: 'fixed', month: 3, day: 27 }, program)).toBe('2014-03-27');
    expect(dueDate({ kind: 'fixed', month: 3, day: 27 }, p('2015'))).toBe('2015-03-27');
  });
  it('S3.7 团的基层建设推动情况 is due at month end, including leap February', () => {
    expect(dueDate({ kind: 'period_end' }, p('2019-04'))).toBe('2019-04-30');
    expect(dueDate({ kind: 'period_end' }, p('2020-02'))).toBe('2020-02-29');
    expect(dueDate({ kind: 'period_end' }, p('2019-Q4'))).toBe('2019-12-31');
  });
  it('S4.1 / X.3 a fixed date: 15 December 2012', () => {
    expect(dueDate({ kind: 'fixed_date', date: '2012-12-15' }, p('2012'))).toBe('2012-12-15');
  });
  it('X.3 S3.6 end of December and early December as fixed days', () => {
    expect(dueDate({ kind: 'fixed', month: 12, day: 31 }, p('2019'))).toBe('2019-12-31');
    expect(dueDate({ kind: 'fixed', month: 12, day: 10 }, p('2019'))).toBe('2019-12-10');
  });
  it('clamps days beyond the month length', () => {
    expect(dueDate({ kind: 'day_of_period_month', day: 31 }, p('2019-04'))).toBe('2019-04-30');
    expect(dueDate({ kind: 'day_of_month_after', day: 31 }, p('2019-01'))).toBe('2019-02-28');
    expect(dueDate({ kind: 'fixed', month: 2, day: 30 }, p('2020'))).toBe('2020-02-29');
  });
  it('rejects malformed rules', () => {
    expect(() => dueDate({ kind: 'day_of_period_month', day: 0 }, p('2019-04'))).toThrow(RangeError);
    expect(() => dueDate({ kind: 'fixed', month: 13, day: 1 }, p('2019'))).toThrow(RangeError);
  });
});

describe('isDueRule', () => {
  it('accepts the documented shapes and rejects others', () => {
    const good: unknown[] = [
      { kind: 'day_of_period_end_month', day: 20 },
      { kind: 'day_of_month_after', day: 10 },
      { kind: 'day_of_period_month', day: 28 },
      { kind: 'before_day_of_month', day: 30 },
      { kind: 'fixed', month: 3, day: 27 },
      { kind: 'period_end' },
      { kind: 'fixed_date', date: '2012-12-15' },
    ];
    for (const rule of good) expect(isDueRule(rule)).toBe(true);
    const bad: unknown[] = [
      null,
      'period_end',
      { kind: 'weekly' },
      { kind: 'day_of_month_after', day: 32 },
      { kind: 'day_of_month_after', day: 1.5 },
      { kind: 'before_day_of_month', day: 1 },
      { kind: 'fixed', month: 0, day: 1 },
      { kind: 'fixed_date', date: '2012-02-30' },
    ];
    for (const rule of bad) expect(isDueRule(rule)).toBe(false);
  });
});

describe('onTimeState', () => {
  const due = '2019-06-20';
  it('X.3 submitted on the due day is on time, the day after is late', () => {
    expect(onTimeState(due, '2019-06-20', '2019-07-01')).toBe('on_time');
    expect(onTimeState(due, '2019-06-01', '2019-06-01')).toBe('on_time');
    expect(onTimeState(due, '2019-06-21', '2019-07-01')).toBe('late');
  });
  it('X.3 not submitted: pending through the due day, overdue afterwards', () => {
    expect(onTimeState(due, undefined, '2019-06-20')).toBe('pending');
    expect(onTimeState(due, null, '2019-06-21')).toBe('overdue');
  });
  it('X.3 on-time rate ignores forms not yet due', () => {
    expect(summarizeOnTime(['on_time', 'on_time', 'late', 'overdue', 'pending'])).toEqual({
      onTime: 2,
      late: 1,
      overdue: 1,
      pending: 1,
      rate: 0.5,
    });
    expect(summarizeOnTime(['pending']).rate).toBeNull();
  });
});

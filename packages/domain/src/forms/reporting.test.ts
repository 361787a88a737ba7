import { describe, expect, it } from 'vitest';
import { byId, loadBuiltin } from '../templates/builtin.testing';
import { entryOpen, formPeriods, reportingRate, timeliness } from './reporting';

const s0 = loadBuiltin('s0-meizhou-pairing.yaml');
const year2014 = { start: '2014-01-01', end: '2014-12-31' };

describe('form periods and due dates (X.3)', () => {
  it('S0.10 four quarters, each due on the 20th of its last month, locking 30 days later', () => {
    const periods = formPeriods(byId(s0.forms, 's0.10-statistics'), year2014);
    expect(periods.map((p) => [p.key, p.due, p.locksAfter])).toEqual([
      ['2014-Q1', '2014-03-20', '2014-04-19'],
      ['2014-Q2', '2014-06-20', '2014-07-20'],
      ['2014-Q3', '2014-09-20', '2014-10-20'],
      ['2014-Q4', '2014-12-20', '2015-01-19'],
    ]);
  });

  it('S0.11 once for the program, due on 27 March', () => {
    expect(formPeriods(byId(s0.forms, 's0.11-pairing-table'), year2014).map((p) => [p.key, p.start, p.end, p.due])).toEqual([['program', '2014-01-01', '2014-12-31', '2014-03-27']]);
  });

  it('a program entering mid-quarter keeps the calendar quarter’s due date', () => {
    const periods = formPeriods(byId(s0.forms, 's0.10-statistics'), { start: '2014-05-15', end: '2014-12-31' });
    expect(periods[0]).toMatchObject({ key: '2014-Q2', start: '2014-05-15', end: '2014-06-30', due: '2014-06-20' });
  });

  it('a form without lockAfterDays never locks', () => {
    expect(formPeriods({ period: 'month', due: { kind: 'period_end' } }, { start: '2019-04-01', end: '2019-04-30' })[0]!.locksAfter).toBeNull();
  });
});

describe('entry lock and exceptions', () => {
  const p = { locksAfter: '2014-04-19' };
  it('open through the lock day, closed after it', () => {
    expect(entryOpen(p, '2014-04-19')).toBe(true);
    expect(entryOpen(p, '2014-04-20')).toBe(false);
  });
  it('a dated exception reopens entry for one reporter until its day', () => {
    expect(entryOpen(p, '2014-05-01', '2014-05-01')).toBe(true);
    expect(entryOpen(p, '2014-05-02', '2014-05-01')).toBe(false);
    expect(entryOpen({ locksAfter: null }, '2099-01-01')).toBe(true);
  });
});

describe('on-time and completeness rates (X.3)', () => {
  const due = '2014-03-20';
  it('on the due day is on time, the next day late; unsent is pending until the due day passes', () => {
    expect(timeliness(due, { status: 'submitted', firstSubmittedOn: '2014-03-20' }, '2014-04-01')).toBe('on_time');
    expect(timeliness(due, { status: 'approved', firstSubmittedOn: '2014-03-21' }, '2014-04-01')).toBe('late');
    expect(timeliness(due, { status: 'draft', firstSubmittedOn: null }, '2014-03-20')).toBe('pending');
    expect(timeliness(due, { status: 'draft', firstSubmittedOn: null }, '2014-03-21')).toBe('overdue');
  });

  it('a returned report counts as not reported; once sent again its first submission decides on time', () => {
    expect(timeliness(due, { status: 'returned', firstSubmittedOn: '2014-03-10' }, '2014-03-25')).toBe('overdue');
    expect(timeliness(due, { status: 'submitted', firstSubmittedOn: '2014-03-10' }, '2014-03-25')).toBe('on_time');
  });

  it('expected, actual and on time as DHIS2 reports them', () => {
    const rate = reportingRate(due, [
      { status: 'approved', firstSubmittedOn: '2014-03-18' },
      { status: 'submitted', firstSubmittedOn: '2014-03-22' },
      { status: 'returned', firstSubmittedOn: '2014-03-19' },
      { status: 'draft', firstSubmittedOn: null },
    ], '2014-03-25');
    expect(rate).toEqual({ expected: 4, actual: 2, onTime: 1, overdue: 2, completeness: 0.5, onTimeRate: 0.25 });
    expect(reportingRate(due, [], '2014-03-25')).toMatchObject({ expected: 0, completeness: null, onTimeRate: null });
  });
});

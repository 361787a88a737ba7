import { describe, expect, it } from 'vitest';
import { complianceRisk, type PeriodCompliance } from './compliance';
import { evaluateDeliverable, type DeliverablePeriod, type Submission } from './deliverables';

const sub = (id: string, date: string, verified = true): Submission => ({ id, date, verified });
const once: DeliverablePeriod[] = [{ key: 'program', start: '2019-04-01', end: '2019-11-30', due: '2019-12-10' }];
const months = (due: (m: string) => string): DeliverablePeriod[] =>
  ['01', '02', '03'].map((m) => ({ key: `2020-${m}`, start: `2020-${m}-01`, end: m === '02' ? '2020-02-29' : `2020-${m}-${m === '01' || m === '03' ? '31' : '30'}`, due: due(m) }));

describe('evaluateDeliverable', () => {
  it('S3.6 a project report handed in by 12-10 is met; after it, late by the days past', () => {
    expect(evaluateDeliverable({ periods: once, submissions: [sub('a', '2019-12-10')], required: 1, today: '2020-01-05', verifiedOnly: false })[0])
      .toMatchObject({ state: 'met', done: 1, daysLate: 0, recordIds: ['a'] });
    expect(evaluateDeliverable({ periods: once, submissions: [sub('a', '2019-12-13')], required: 1, today: '2020-01-05', verifiedOnly: false })[0])
      .toMatchObject({ state: 'late', daysLate: 3 });
  });

  it('S3.6 nothing handed in: upcoming, due soon within a week of the deadline, missed after it', () => {
    const at = (today: string) => evaluateDeliverable({ periods: once, submissions: [], required: 1, today, verifiedOnly: false })[0]!;
    expect(at('2019-11-01').state).toBe('upcoming');
    expect(at('2019-12-03').state).toBe('due_soon');
    expect(at('2019-12-11')).toMatchObject({ state: 'missed', daysLate: 1, done: 0 });
  });

  it('S3.8 in verified-only programs an unverified submission does not count', () => {
    const r = evaluateDeliverable({ periods: once, submissions: [sub('a', '2019-10-01', false)], required: 1, today: '2019-12-20', verifiedOnly: true })[0]!;
    expect(r).toMatchObject({ state: 'missed', done: 0, recordIds: [] });
  });

  it('S2.4 a county report for March handed in on 8 April counts for March (due the 10th of the next month), not April', () => {
    const periods = months((m) => `2020-${String(Number(m) + 1).padStart(2, '0')}-10`);
    const r = evaluateDeliverable({ periods, submissions: [sub('jan', '2020-02-09'), sub('mar', '2020-04-08')], required: 1, today: '2020-04-20', verifiedOnly: false });
    expect(r.map((x) => [x.periodKey, x.state, x.recordIds])).toEqual([
      ['2020-01', 'met', ['jan']],
      ['2020-02', 'missed', []],
      ['2020-03', 'met', ['mar']],
    ]);
  });

  it('S2.4 one report never counts twice; handed in after the 28th but within the month it is late, after the month it serves the next', () => {
    const periods = months((m) => `2020-${m}-28`);
    const r = evaluateDeliverable({ periods, submissions: [sub('x', '2020-01-30'), sub('y', '2020-02-10')], required: 1, today: '2020-03-01', verifiedOnly: false });
    expect(r.map((x) => [x.state, x.recordIds])).toEqual([['late', ['x']], ['met', ['y']], ['upcoming', []]]);
  });

  it('S1.8 a count above one needs that many submissions; the last one decides lateness', () => {
    const r = evaluateDeliverable({ periods: once, submissions: [sub('a', '2019-05-01'), sub('b', '2019-12-12')], required: 2, today: '2020-01-01', verifiedOnly: false })[0]!;
    expect(r).toMatchObject({ state: 'late', done: 2, daysLate: 2, recordIds: ['a', 'b'] });
  });
});

describe('complianceRisk', () => {
  const cell = (state: PeriodCompliance['state'], closes: string | null, done = 0): PeriodCompliance => ({ periodKey: 'k', state, done, required: 2, closes, recordIds: [] });
  it('S0.8 a closed month not met is overdue, whether partly or missed', () => {
    expect(complianceRisk(cell('missed', '2026-01-31'), '2026-02-03')).toBe('overdue');
    expect(complianceRisk(cell('partly', '2026-01-31', 1), '2026-02-03')).toBe('overdue');
  });
  it('S0.8 an open month closing within the week and short of the minimum is at risk; earlier it is not', () => {
    expect(complianceRisk(cell('upcoming', '2026-02-28', 1), '2026-02-21')).toBe('at_risk');
    expect(complianceRisk(cell('upcoming', '2026-02-28', 1), '2026-02-20')).toBeNull();
    expect(complianceRisk(cell('met', '2026-02-28', 2), '2026-02-27')).toBeNull();
    expect(complianceRisk(cell('not_applicable', null), '2026-02-27')).toBeNull();
  });
});

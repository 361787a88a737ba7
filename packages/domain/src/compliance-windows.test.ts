import { describe, expect, it } from 'vitest';
import { evaluateCompliance, type ComplianceInput } from './compliance';
import { toCivilDate } from './dates';
import type { Obligation, RecordFact } from './obligations';
import { enumeratePeriods } from './periods';

let seq = 0;
function rec(subjectId: string, kind: string, date: string, over: Partial<RecordFact> = {}): RecordFact {
  seq += 1;
  return { id: `w${String(seq).padStart(3, '0')}`, subjectId, kind, date, verified: true, ...over };
}

function evaluate(over: Partial<ComplianceInput> & Pick<ComplianceInput, 'obligation'>) {
  return evaluateCompliance({ subjectId: 'dept', periods: [], records: [], today: '2099-01-01', verifiedOnly: false, ...over });
}

describe('S2 windows', () => {
  const visitWeek: Obligation = {
    id: 's2.3',
    who: { kind: 'department', ref: 'city_committee_departments' },
    what: { recordKinds: ['grassroots_visit'] },
    measure: 'distinct_days',
    min: 1,
    period: 'month',
    window: 'first_week_of_month',
  };
  const months = enumeratePeriods('month', '2020-04-01', '2020-06-30');

  it('S2.3 走基层周: a visit on the 5th counts, one on the 8th does not', () => {
    const records = [rec('dept', 'grassroots_visit', '2020-04-05'), rec('dept', 'grassroots_visit', '2020-05-08')];
    const results = evaluate({ obligation: visitWeek, periods: months, records, today: '2020-07-01' });
    expect(results.map((r) => [r.periodKey, r.state, r.done])).toEqual([
      ['2020-04', 'met', 1],
      ['2020-05', 'missed', 0],
      ['2020-06', 'missed', 0],
    ]);
  });

  it('S2.3 the month is upcoming during days 1–7 and missed once the week is over', () => {
    const june = enumeratePeriods('month', '2020-06-01', '2020-06-30');
    expect(evaluate({ obligation: visitWeek, periods: june, today: '2020-06-07' })[0]!.state).toBe('upcoming');
    expect(evaluate({ obligation: visitWeek, periods: june, today: '2020-06-08' })[0]!.state).toBe('missed');
  });

  it('S2.3 a program starting after the 7th has no visit week in its first month', () => {
    const clipped = enumeratePeriods('month', '2020-04-10', '2020-05-31');
    const results = evaluate({ obligation: visitWeek, periods: clipped, today: '2020-06-01' });
    expect(results.map((r) => r.state)).toEqual(['not_applicable', 'missed']);
  });

  it('S2.3 the visit week begins at Shanghai midnight: 2020-04-30T16:30Z is 1 May', () => {
    const records = [rec('dept', 'grassroots_visit', toCivilDate(new Date('2020-04-30T16:30:00Z')))];
    const results = evaluate({ obligation: visitWeek, periods: months, records, today: '2020-07-01' });
    expect(results.map((r) => r.state)).toEqual(['missed', 'met', 'missed']);
  });

  const observation: Obligation = {
    id: 's2.6',
    who: { kind: 'department', ref: 'city_committee_departments' },
    what: { recordKinds: ['observation'] },
    measure: 'count',
    min: 1,
    period: 'quarter',
    window: 'last_month_of_quarter',
  };

  it('S2.6 observation exchanges count only in the last month of the quarter', () => {
    const quarters = enumeratePeriods('quarter', '2020-01-01', '2020-09-30');
    const records = [
      rec('dept', 'observation', '2020-03-15'),
      rec('dept', 'observation', '2020-05-20'),
      rec('dept', 'observation', '2020-09-30'),
    ];
    const results = evaluate({ obligation: observation, periods: quarters, records, today: '2020-10-01' });
    expect(results.map((r) => [r.periodKey, r.state])).toEqual([
      ['2020-Q1', 'met'],
      ['2020-Q2', 'missed'],
      ['2020-Q3', 'met'],
    ]);
  });

  it('S2.6 with monthly periods only the quarter’s last months apply', () => {
    const monthly = { ...observation, period: 'month' as const };
    const results = evaluate({ obligation: monthly, periods: months, records: [rec('dept', 'observation', '2020-06-02')], today: '2020-07-01' });
    expect(results.map((r) => r.state)).toEqual(['not_applicable', 'not_applicable', 'met']);
  });
});

describe('S3.2 stationing at the grassroots, April – November 2019', () => {
  const deptDays: Obligation = {
    id: 's3.2.department',
    who: { kind: 'department', ref: 'provincial_departments' },
    what: { recordKinds: ['stationing'], condition: { maxLevel: 'county' } },
    measure: 'full_days',
    min: 3,
    period: 'month',
    activeFrom: '2019-04-01',
    activeTo: '2019-11-30',
  };
  const months = enumeratePeriods('month', '2019-04-01', '2019-11-30');

  it('S3.2 ≥ 3 full days per department per month; stays above county level do not count', () => {
    const records = [
      rec('dept', 'stationing', '2019-04-08', { days: 2, orgLevel: 'county' }),
      rec('dept', 'stationing', '2019-04-15', { days: 2, orgLevel: 'city' }),
      rec('dept', 'stationing', '2019-05-06', { days: 3, orgLevel: 'township' }),
      rec('dept', 'stationing', '2019-06-03', { days: 1, orgLevel: 'village' }),
      rec('dept', 'stationing', '2019-06-10', { orgLevel: 'village' }),
      rec('dept', 'stationing', '2019-06-17', { days: 1.5, orgLevel: 'village' }),
    ];
    const results = evaluate({ obligation: deptDays, periods: months, records, today: '2019-07-01' });
    expect(results.slice(0, 4).map((r) => [r.periodKey, r.state, r.done])).toEqual([
      ['2019-04', 'partly', 2],
      ['2019-05', 'met', 3],
      ['2019-06', 'met', 3],
      ['2019-07', 'upcoming', 0],
    ]);
    expect(results[0]!.recordIds).toEqual([records[0]!.id]);
  });

  it('S3.2 half a day is not a full day', () => {
    const records = [rec('dept', 'stationing', '2019-04-08', { days: 0.5, orgLevel: 'county' })];
    expect(evaluate({ obligation: deptDays, periods: months.slice(0, 1), records })[0]).toMatchObject({ state: 'missed', done: 0, recordIds: [] });
  });

  it('S3.2 a stay across the month end is split between the months', () => {
    const records = [rec('dept', 'stationing', '2019-04-29', { days: 4, orgLevel: 'county' })];
    const results = evaluate({ obligation: deptDays, periods: months.slice(0, 2), records });
    expect(results.map((r) => r.done)).toEqual([2, 2]);
  });

  it('S3.2 a stay recorded at 2019-03-31T16:30Z falls on 1 April in Shanghai and counts for April', () => {
    const records = [rec('dept', 'stationing', toCivilDate(new Date('2019-03-31T16:30:00Z')), { days: 3, orgLevel: 'county' })];
    const all = enumeratePeriods('month', '2019-03-01', '2019-04-30');
    expect(evaluate({ obligation: deptDays, periods: all, records }).map((r) => [r.periodKey, r.state, r.done])).toEqual([
      ['2019-03', 'not_applicable', 0],
      ['2019-04', 'met', 3],
    ]);
  });

  it('S3.2 department-days as distinct days: two cadres in the field on the same day make one day', () => {
    const distinct = { ...deptDays, measure: 'distinct_days' as const };
    const records = [
      rec('dept', 'stationing', '2019-04-08', { days: 2, orgLevel: 'county' }),
      rec('dept', 'stationing', '2019-04-09', { days: 1, orgLevel: 'township' }),
    ];
    expect(evaluate({ obligation: distinct, periods: months.slice(0, 1), records })[0]).toMatchObject({ state: 'partly', done: 2 });
    expect(evaluate({ obligation: deptDays, periods: months.slice(0, 1), records })[0]).toMatchObject({ state: 'met', done: 3 });
  });

  it('S3.2 ≥ 10 full days per cadre in the (clipped) year; city committees: township level or below', () => {
    const cadreDays: Obligation = {
      ...deptDays,
      id: 's3.2.cadre',
      who: { kind: 'cadre', ref: 'participating_cadres' },
      what: { recordKinds: ['stationing'], condition: { maxLevel: 'township' } },
      min: 10,
      period: 'year',
    };
    const year = enumeratePeriods('year', '2019-04-01', '2019-11-30');
    const records = [
      rec('cadre-1', 'stationing', '2019-03-28', { days: 5, orgLevel: 'village' }),
      rec('cadre-1', 'stationing', '2019-05-06', { days: 5, orgLevel: 'township' }),
      rec('cadre-1', 'stationing', '2019-09-02', { days: 4, orgLevel: 'county' }),
      rec('cadre-1', 'stationing', '2019-11-28', { days: 5, orgLevel: 'village' }),
      rec('cadre-2', 'stationing', '2019-06-03', { days: 10, orgLevel: 'village' }),
    ];
    const one = evaluate({ obligation: cadreDays, subjectId: 'cadre-1', periods: year, records, today: '2019-12-01' });
    // 1 day of the March stay (1 April), 5 in May, 0 at county level, 3 before the program closes.
    expect(one[0]).toMatchObject({ periodKey: '2019', state: 'partly', done: 9 });
    const two = evaluate({ obligation: cadreDays, subjectId: 'cadre-2', periods: year, records, today: '2019-06-20' });
    expect(two[0]).toMatchObject({ state: 'met', done: 10 });
    const none = evaluate({ obligation: cadreDays, subjectId: 'cadre-3', periods: year, records, today: '2019-11-30' });
    expect(none[0]!.state).toBe('upcoming');
  });
});

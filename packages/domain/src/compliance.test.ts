import { describe, expect, it } from 'vitest';
import { evaluateCompliance, summarizeCompliance, type ComplianceInput } from './compliance';
import { toCivilDate } from './dates';
import type { Obligation, RecordFact } from './obligations';
import { enumeratePeriods } from './periods';

let seq = 0;
function rec(subjectId: string, kind: string, date: string, over: Partial<RecordFact> = {}): RecordFact {
  seq += 1;
  return { id: `r${String(seq).padStart(3, '0')}`, subjectId, kind, date, verified: true, ...over };
}

function evaluate(over: Partial<ComplianceInput> & Pick<ComplianceInput, 'obligation'>) {
  return evaluateCompliance({ subjectId: 'town-1', periods: [], records: [], today: '2099-01-01', verifiedOnly: false, ...over });
}

function states(results: { periodKey: string; state: string }[]): Record<string, string> {
  return Object.fromEntries(results.map((r) => [r.periodKey, r.state]));
}

const perQuarter = (id: string, kind: string): Obligation => ({
  id,
  who: { kind: 'pairing_side', ref: 'demo_town' },
  what: { recordKinds: [kind] },
  measure: 'count',
  min: 1,
  period: 'quarter',
});

describe('S0 pairing obligations', () => {
  const quarters = enumeratePeriods('quarter', '2014-04-01', '2014-12-31');

  it('S0.4 study-exchange session once per quarter: met, missed, and upcoming while the quarter runs', () => {
    const obligation = perQuarter('s0.4', 'study_exchange');
    const records = [rec('town-1', 'study_exchange', '2014-05-10'), rec('town-1', 'work_meeting', '2014-08-10')];
    const results = evaluate({ obligation, periods: quarters, records, today: '2014-11-01' });
    expect(states(results)).toEqual({ '2014-Q2': 'met', '2014-Q3': 'missed', '2014-Q4': 'upcoming' });
    expect(results[0]).toMatchObject({ done: 1, required: 1, recordIds: [records[0]!.id] });
  });

  it('S0.4 met counts as soon as reached, before the quarter ends', () => {
    const obligation = perQuarter('s0.4', 'study_exchange');
    const records = [rec('town-1', 'study_exchange', '2014-10-05')];
    expect(states(evaluate({ obligation, periods: quarters, records, today: '2014-10-06' }))['2014-Q4']).toBe('met');
  });

  it('S0.5 团课下乡 once per quarter: a lecture on 30 June counts for Q2, on 1 July for Q3', () => {
    const obligation = perQuarter('s0.5', 'lecture_tour');
    const records = [rec('town-1', 'lecture_tour', '2014-06-30'), rec('town-1', 'lecture_tour', '2014-07-01')];
    expect(states(evaluate({ obligation, periods: quarters, records, today: '2014-12-31' }))).toEqual({
      '2014-Q2': 'met',
      '2014-Q3': 'met',
      '2014-Q4': 'upcoming',
    });
  });

  it('S0.5 quarter end across the time zone: 2014-06-30T16:30Z is 1 July in Shanghai, so Q3', () => {
    const obligation = perQuarter('s0.5', 'lecture_tour');
    const records = [rec('town-1', 'lecture_tour', toCivilDate(new Date('2014-06-30T16:30:00Z')))];
    const results = evaluate({ obligation, periods: quarters, records, today: '2015-01-01' });
    expect(states(results)).toEqual({ '2014-Q2': 'missed', '2014-Q3': 'met', '2014-Q4': 'missed' });
  });

  it('S0.8 work meetings twice per month: 0 missed, 1 partly, 2 met, 3 still met', () => {
    const obligation: Obligation = { ...perQuarter('s0.8', 'work_meeting'), period: 'month', min: 2 };
    const months = enumeratePeriods('month', '2014-04-01', '2014-07-31');
    const records = [
      rec('town-1', 'work_meeting', '2014-05-03'),
      rec('town-1', 'work_meeting', '2014-06-03'),
      rec('town-1', 'work_meeting', '2014-06-17'),
      rec('town-1', 'work_meeting', '2014-07-01'),
      rec('town-1', 'work_meeting', '2014-07-15'),
      rec('town-1', 'work_meeting', '2014-07-29'),
    ];
    const results = evaluate({ obligation, periods: months, records, today: '2014-08-01' });
    expect(results.map((r) => [r.periodKey, r.state, r.done])).toEqual([
      ['2014-04', 'missed', 0],
      ['2014-05', 'partly', 1],
      ['2014-06', 'met', 2],
      ['2014-07', 'met', 3],
    ]);
  });

  it('S0.8 leap-year February: a meeting on the 29th counts; partly only once 1 March arrives', () => {
    const obligation: Obligation = { ...perQuarter('s0.8', 'work_meeting'), period: 'month', min: 2 };
    const feb = enumeratePeriods('month', '2020-02-01', '2020-02-29');
    const records = [rec('town-1', 'work_meeting', '2020-02-29')];
    expect(evaluate({ obligation, periods: feb, records, today: '2020-02-29' })[0]).toMatchObject({ state: 'upcoming', done: 1 });
    expect(evaluate({ obligation, periods: feb, records, today: '2020-03-01' })[0]).toMatchObject({ state: 'partly', done: 1 });
  });

  describe('S0.9 demo village + co-build village hold one joint activity per month', () => {
    const obligation: Obligation = {
      id: 's0.9',
      who: { kind: 'pairing_side', ref: 'demo_village' },
      what: { recordKinds: ['joint_activity'], jointWithPartner: true },
      measure: 'count',
      min: 1,
      period: 'month',
    };
    const months = enumeratePeriods('month', '2014-04-01', '2014-07-31');
    const records = [
      rec('v-demo', 'joint_activity', '2014-04-12', { partnerIds: ['v-cobuild'] }),
      rec('v-demo', 'joint_activity', '2014-05-12'),
      rec('v-demo', 'joint_activity', '2014-06-12', { partnerIds: ['v-elsewhere'] }),
      rec('v-cobuild', 'joint_activity', '2014-07-12', { partnerIds: ['v-demo'] }),
    ];
    const common = { obligation, periods: months, records, today: '2014-08-01' };

    it('only activities that list the partner count', () => {
      const results = evaluate({ ...common, subjectId: 'v-demo', partnerIds: ['v-cobuild'] });
      expect(states(results)).toEqual({ '2014-04': 'met', '2014-05': 'missed', '2014-06': 'missed', '2014-07': 'met' });
    });
    it('one joint activity counts for both sides, whichever recorded it', () => {
      const results = evaluate({ ...common, subjectId: 'v-cobuild', partnerIds: ['v-demo'] });
      expect(states(results)).toEqual({ '2014-04': 'met', '2014-05': 'missed', '2014-06': 'missed', '2014-07': 'met' });
      expect(results[0]!.recordIds).toEqual([records[0]!.id]);
    });
    it('without a known partner nothing counts', () => {
      expect(evaluate({ ...common, subjectId: 'v-demo' }).every((r) => r.state === 'missed')).toBe(true);
    });
  });
});

describe('general rules', () => {
  const obligation: Obligation = {
    id: 's1.2',
    who: { kind: 'role', ref: 'helper' },
    what: { recordKinds: ['liaison_meeting'] },
    measure: 'count',
    min: 1,
    period: 'month',
  };

  it('S1.1 a program starting mid-month: only records from its first day count in the partial month', () => {
    const months = enumeratePeriods('month', '2010-06-15', '2011-06-14');
    const records = [rec('helper-1', 'liaison_meeting', '2010-06-10'), rec('helper-1', 'liaison_meeting', '2010-06-20')];
    const [june] = evaluate({ obligation, subjectId: 'helper-1', periods: months, records, today: '2010-07-01' });
    expect(june).toMatchObject({ periodKey: '2010-06', state: 'met', done: 1, recordIds: [records[1]!.id] });
    const early = evaluate({ obligation, subjectId: 'helper-1', periods: months, records: [records[0]!], today: '2010-07-01' });
    expect(early[0]!.state).toBe('missed');
  });

  it('S3.8 verifiedOnly: unverified records do not count as results', () => {
    const months = enumeratePeriods('month', '2019-04-01', '2019-04-30');
    const records = [rec('s', 'liaison_meeting', '2019-04-03', { verified: false })];
    expect(evaluate({ obligation, subjectId: 's', periods: months, records, verifiedOnly: true })[0]!.state).toBe('missed');
    expect(evaluate({ obligation, subjectId: 's', periods: months, records, verifiedOnly: false })[0]!.state).toBe('met');
  });

  it('records of other subjects are ignored', () => {
    const months = enumeratePeriods('month', '2019-04-01', '2019-04-30');
    const records = [rec('other', 'liaison_meeting', '2019-04-03')];
    expect(evaluate({ obligation, subjectId: 's', periods: months, records })[0]!.state).toBe('missed');
  });

  it('not_applicable outside the subject’s active interval, applicable in a partly covered period', () => {
    const months = enumeratePeriods('month', '2019-04-01', '2019-08-31');
    const results = evaluate({
      obligation,
      subjectId: 's',
      periods: months,
      today: '2019-09-01',
      subjectActive: { from: '2019-06-15', to: '2019-07-31' },
      records: [rec('s', 'liaison_meeting', '2019-06-10'), rec('s', 'liaison_meeting', '2019-07-01')],
    });
    expect(states(results)).toEqual({
      '2019-04': 'not_applicable',
      '2019-05': 'not_applicable',
      '2019-06': 'missed',
      '2019-07': 'met',
      '2019-08': 'not_applicable',
    });
    expect(results[0]).toMatchObject({ done: 0, required: 1, recordIds: [] });
  });

  it('not_applicable outside the obligation’s activeFrom/activeTo', () => {
    const months = enumeratePeriods('month', '2019-03-01', '2019-05-31');
    const bounded = { ...obligation, activeFrom: '2019-04-01', activeTo: '2019-04-30' };
    expect(states(evaluate({ obligation: bounded, subjectId: 's', periods: months }))).toEqual({
      '2019-03': 'not_applicable',
      '2019-04': 'missed',
      '2019-05': 'not_applicable',
    });
  });

  it('periods that have not started yet are upcoming', () => {
    const months = enumeratePeriods('month', '2019-04-01', '2019-05-31');
    expect(states(evaluate({ obligation, subjectId: 's', periods: months, today: '2019-03-01' }))).toEqual({
      '2019-04': 'upcoming',
      '2019-05': 'upcoming',
    });
  });

  it('S1.3 amount measure: a helper gives its township ≥ 5,000 yuan per year', () => {
    const funds: Obligation = { ...obligation, id: 's1.3', what: { recordKinds: ['fund_transfer'] }, measure: 'amount', min: 5000, period: 'year' };
    const years = enumeratePeriods('year', '2010-06-15', '2011-06-14');
    const records = [
      rec('h', 'fund_transfer', '2010-07-01', { amount: 3000 }),
      rec('h', 'fund_transfer', '2010-12-01', { amount: 2000 }),
      rec('h', 'fund_transfer', '2011-03-01', { amount: 1000 }),
    ];
    const results = evaluate({ obligation: funds, subjectId: 'h', periods: years, records, today: '2011-07-01' });
    expect(results.map((r) => [r.periodKey, r.state, r.done])).toEqual([
      ['2010', 'met', 5000],
      ['2011', 'partly', 1000],
    ]);
  });

  it('people_reached measure sums the people met', () => {
    const reach: Obligation = { ...obligation, measure: 'people_reached', min: 50 };
    const months = enumeratePeriods('month', '2019-04-01', '2019-04-30');
    const records = [rec('s', 'liaison_meeting', '2019-04-03', { peopleReached: 30 }), rec('s', 'liaison_meeting', '2019-04-09')];
    expect(evaluate({ obligation: reach, subjectId: 's', periods: months, records })[0]).toMatchObject({ state: 'partly', done: 30 });
  });

  it('recordIds are ordered by date then id', () => {
    const months = enumeratePeriods('month', '2019-04-01', '2019-04-30');
    const records = [
      { ...rec('s', 'liaison_meeting', '2019-04-20'), id: 'a' },
      { ...rec('s', 'liaison_meeting', '2019-04-03'), id: 'z' },
      { ...rec('s', 'liaison_meeting', '2019-04-03'), id: 'b' },
    ];
    expect(evaluate({ obligation, subjectId: 's', periods: months, records })[0]!.recordIds).toEqual(['b', 'z', 'a']);
  });

  it('X.4 summarizeCompliance rates met among judged periods', () => {
    const summary = summarizeCompliance([
      { periodKey: 'a', state: 'met', done: 1, required: 1, closes: null, recordIds: [] },
      { periodKey: 'b', state: 'partly', done: 1, required: 2, closes: null, recordIds: [] },
      { periodKey: 'c', state: 'missed', done: 0, required: 1, closes: null, recordIds: [] },
      { periodKey: 'd', state: 'met', done: 2, required: 1, closes: null, recordIds: [] },
      { periodKey: 'e', state: 'upcoming', done: 0, required: 1, closes: null, recordIds: [] },
      { periodKey: 'f', state: 'not_applicable', done: 0, required: 1, closes: null, recordIds: [] },
    ]);
    expect(summary).toEqual({ met: 2, partly: 1, missed: 1, upcoming: 1, notApplicable: 1, rate: 0.5 });
    expect(summarizeCompliance([]).rate).toBeNull();
  });
});

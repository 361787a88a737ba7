import { describe, expect, it } from 'vitest';
import { levelAtOrBelow, obligationPeriods, recordQualifies, validateObligation, type Obligation, type RecordFact } from './obligations';

const stationing: Obligation = {
  id: 's3.dept-days',
  who: { kind: 'department', ref: 'provincial_departments' },
  what: { recordKinds: ['stationing'], condition: { maxLevel: 'county' } },
  measure: 'full_days',
  min: 3,
  period: 'month',
  activeFrom: '2019-04-01',
  activeTo: '2019-11-30',
};

const joint: Obligation = {
  id: 's0.joint',
  who: { kind: 'pairing_side', ref: 'demo_village' },
  what: { recordKinds: ['joint_activity'], jointWithPartner: true },
  measure: 'count',
  min: 1,
  period: 'month',
};

function rec(over: Partial<RecordFact>): RecordFact {
  return { id: 'r', subjectId: 's', kind: 'stationing', date: '2019-04-02', verified: true, ...over };
}

describe('levelAtOrBelow', () => {
  it('S3.2 county level or below admits county, township and village but not city or province', () => {
    expect(['province', 'city', 'county', 'township', 'village'].map((l) => levelAtOrBelow(l, 'county'))).toEqual([
      false,
      false,
      true,
      true,
      true,
    ]);
  });
  it('S3.2 city committees: township level or below', () => {
    expect(levelAtOrBelow('county', 'township')).toBe(false);
    expect(levelAtOrBelow('township', 'township')).toBe(true);
    expect(levelAtOrBelow('village', 'township')).toBe(true);
  });
  it('an unknown or missing level never passes', () => {
    expect(levelAtOrBelow(undefined, 'county')).toBe(false);
    expect(levelAtOrBelow('street', 'county')).toBe(false);
  });
});

describe('recordQualifies', () => {
  it('checks the record kind', () => {
    expect(recordQualifies(stationing, rec({ orgLevel: 'county' }))).toBe(true);
    expect(recordQualifies(stationing, rec({ kind: 'grassroots_visit', orgLevel: 'county' }))).toBe(false);
  });
  it('S3.2 checks the level condition', () => {
    expect(recordQualifies(stationing, rec({ orgLevel: 'city' }))).toBe(false);
    expect(recordQualifies(stationing, rec({}))).toBe(false);
  });
  it('S0.9 a joint activity must list one of the subject’s partners', () => {
    const r = rec({ kind: 'joint_activity', partnerIds: ['v-cobuild'] });
    expect(recordQualifies(joint, r, ['v-cobuild'])).toBe(true);
    expect(recordQualifies(joint, r, ['v-other'])).toBe(false);
    expect(recordQualifies(joint, rec({ kind: 'joint_activity' }), ['v-cobuild'])).toBe(false);
  });
});

describe('validateObligation', () => {
  it('accepts well-formed obligations', () => {
    expect(validateObligation(stationing)).toEqual([]);
    expect(validateObligation(joint)).toEqual([]);
  });
  it('reports every problem', () => {
    const bad = {
      id: '',
      who: { kind: 'team', ref: '' },
      what: { recordKinds: [], condition: { maxLevel: 'city' } },
      measure: 'hours',
      min: -1,
      period: 'day',
      window: 'weekend',
      activeFrom: '2019-12-01',
      activeTo: '2019-01-01',
    } as unknown as Obligation;
    expect(validateObligation(bad)).toHaveLength(10);
  });
  it('survives round-tripping through JSON (it is stored as data)', () => {
    expect(JSON.parse(JSON.stringify(stationing))).toEqual(stationing);
  });
});

describe('obligationPeriods', () => {
  it('S3.2 clips to the obligation’s own April–November run inside a calendar-year program', () => {
    const months = obligationPeriods(stationing, { start: '2019-01-01', end: '2019-12-31' });
    expect(months.map((m) => m.key)).toEqual(['2019-04', '2019-05', '2019-06', '2019-07', '2019-08', '2019-09', '2019-10', '2019-11']);
    const years = obligationPeriods({ ...stationing, period: 'year' }, { start: '2019-01-01', end: '2019-12-31' });
    expect(years).toMatchObject([{ key: '2019', start: '2019-04-01', end: '2019-11-30', fullStart: '2019-01-01' }]);
  });
  it('is empty when the obligation never overlaps the program', () => {
    expect(obligationPeriods(stationing, { start: '2020-01-01', end: '2020-12-31' })).toEqual([]);
  });
  it('an open-ended obligation follows the program window', () => {
    expect(obligationPeriods(joint, { start: '2014-03-15', end: '2014-05-31' }).map((p) => [p.key, p.start])).toEqual([
      ['2014-03', '2014-03-15'],
      ['2014-04', '2014-04-01'],
      ['2014-05', '2014-05-01'],
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import {
  clipPeriod,
  enumeratePeriods,
  intersectRanges,
  isClipped,
  isoWeekOf,
  isoWeeksInYear,
  isPeriodType,
  nextPeriod,
  parsePeriodKey,
  periodContains,
  periodEnded,
  periodOf,
  previousPeriod,
  rangesOverlap,
} from './periods';

describe('periodOf', () => {
  it('month, quarter, half-year and year', () => {
    expect(periodOf('month', '2019-04-15')).toMatchObject({ key: '2019-04', start: '2019-04-01', end: '2019-04-30' });
    expect(periodOf('quarter', '2019-04-15')).toMatchObject({ key: '2019-Q2', start: '2019-04-01', end: '2019-06-30' });
    expect(periodOf('half_year', '2019-07-01')).toMatchObject({ key: '2019-H2', start: '2019-07-01', end: '2019-12-31' });
    expect(periodOf('year', '2019-07-01')).toMatchObject({ key: '2019', start: '2019-01-01', end: '2019-12-31' });
  });
  it('quarter ends: 31 March is Q1 and 1 April is Q2; 31 December is Q4', () => {
    expect(periodOf('quarter', '2019-03-31').key).toBe('2019-Q1');
    expect(periodOf('quarter', '2019-04-01').key).toBe('2019-Q2');
    expect(periodOf('quarter', '2019-09-30')).toMatchObject({ key: '2019-Q3', end: '2019-09-30' });
    expect(periodOf('quarter', '2019-12-31')).toMatchObject({ key: '2019-Q4', start: '2019-10-01', end: '2019-12-31' });
  });
  it('leap-year February ends on the 29th', () => {
    expect(periodOf('month', '2020-02-10')).toMatchObject({ key: '2020-02', end: '2020-02-29' });
    expect(periodOf('month', '2019-02-10')).toMatchObject({ key: '2019-02', end: '2019-02-28' });
    expect(periodOf('quarter', '2020-02-29')).toMatchObject({ key: '2020-Q1', end: '2020-03-31' });
  });
  it('ISO weeks run Monday to Sunday and can belong to the neighbouring year', () => {
    expect(periodOf('week', '2019-04-03')).toMatchObject({ key: '2019-W14', start: '2019-04-01', end: '2019-04-07' });
    expect(periodOf('week', '2019-12-30')).toMatchObject({ key: '2020-W01', start: '2019-12-30', end: '2020-01-05' });
    expect(periodOf('week', '2021-01-03')).toMatchObject({ key: '2020-W53', start: '2020-12-28', end: '2021-01-03' });
    expect(periodOf('week', '2012-12-15').key).toBe('2012-W50');
  });
  it("'program' needs the program window and returns it whole", () => {
    const program = { start: '2019-04-01', end: '2019-11-30' };
    expect(periodOf('program', '2019-05-01', program)).toMatchObject({ key: 'program', ...program });
    expect(() => periodOf('program', '2019-05-01')).toThrow(RangeError);
  });
  it('fullStart/fullEnd equal start/end when nothing is clipped', () => {
    const p = periodOf('month', '2019-04-15');
    expect(p.fullStart).toBe(p.start);
    expect(p.fullEnd).toBe(p.end);
    expect(isClipped(p)).toBe(false);
  });
  it('rejects malformed dates', () => {
    expect(() => periodOf('month', '2019-02-30')).toThrow(RangeError);
  });
});

describe('isoWeekOf', () => {
  it('knows 52- and 53-week years', () => {
    expect(isoWeeksInYear(2019)).toBe(52);
    expect(isoWeeksInYear(2020)).toBe(53);
    expect(isoWeekOf('2019-01-01')).toEqual({ year: 2019, week: 1 });
    expect(isoWeekOf('2016-01-01')).toEqual({ year: 2015, week: 53 });
  });
});

describe('enumeratePeriods', () => {
  it('S3.2 April–November 2019 is eight months', () => {
    const months = enumeratePeriods('month', '2019-04-01', '2019-11-30');
    expect(months.map((p) => p.key)).toEqual(['2019-04', '2019-05', '2019-06', '2019-07', '2019-08', '2019-09', '2019-10', '2019-11']);
    expect(months.every((p) => !isClipped(p))).toBe(true);
  });
  it('S1.1 a program starting mid-month (June 2010 – June 2011) clips its first and last months', () => {
    const months = enumeratePeriods('month', '2010-06-15', '2011-06-14');
    expect(months).toHaveLength(13);
    expect(months[0]).toEqual({
      type: 'month',
      key: '2010-06',
      start: '2010-06-15',
      end: '2010-06-30',
      fullStart: '2010-06-01',
      fullEnd: '2010-06-30',
    });
    expect(months[12]).toMatchObject({ key: '2011-06', start: '2011-06-01', end: '2011-06-14', fullEnd: '2011-06-30' });
    expect(isClipped(months[0]!)).toBe(true);
  });
  it('quarters of a program clipped at both ends', () => {
    const quarters = enumeratePeriods('quarter', '2019-04-01', '2019-11-30');
    expect(quarters.map((q) => [q.key, q.start, q.end])).toEqual([
      ['2019-Q2', '2019-04-01', '2019-06-30'],
      ['2019-Q3', '2019-07-01', '2019-09-30'],
      ['2019-Q4', '2019-10-01', '2019-11-30'],
    ]);
  });
  it('half-years and years across a year boundary', () => {
    expect(enumeratePeriods('half_year', '2010-06-15', '2011-06-14').map((p) => p.key)).toEqual(['2010-H1', '2010-H2', '2011-H1']);
    expect(enumeratePeriods('year', '2010-06-15', '2011-06-14').map((p) => [p.key, p.start, p.end])).toEqual([
      ['2010', '2010-06-15', '2010-12-31'],
      ['2011', '2011-01-01', '2011-06-14'],
    ]);
  });
  it('ISO weeks cover a window without gaps or overlap', () => {
    const weeks = enumeratePeriods('week', '2012-11-15', '2012-12-15');
    expect(weeks[0]).toMatchObject({ key: '2012-W46', start: '2012-11-15', fullStart: '2012-11-12' });
    expect(weeks[weeks.length - 1]).toMatchObject({ key: '2012-W50', end: '2012-12-15', fullEnd: '2012-12-16' });
    for (let i = 1; i < weeks.length; i++) expect(weeks[i]!.start > weeks[i - 1]!.end).toBe(true);
  });
  it('leap February inside a month enumeration', () => {
    const months = enumeratePeriods('month', '2020-01-15', '2020-03-15');
    expect(months.map((m) => m.end)).toEqual(['2020-01-31', '2020-02-29', '2020-03-15']);
  });
  it("'program' is one period, the window itself", () => {
    expect(enumeratePeriods('program', '2014-03-01', '2014-12-31')).toEqual([
      { type: 'program', key: 'program', start: '2014-03-01', end: '2014-12-31', fullStart: '2014-03-01', fullEnd: '2014-12-31' },
    ]);
  });
  it('a single day window yields one period', () => {
    expect(enumeratePeriods('quarter', '2019-06-30', '2019-06-30')).toMatchObject([{ key: '2019-Q2', start: '2019-06-30', end: '2019-06-30' }]);
  });
  it('rejects an inverted window', () => {
    expect(() => enumeratePeriods('month', '2019-05-01', '2019-04-01')).toThrow(RangeError);
  });
});

describe('parsePeriodKey', () => {
  it('reads every key format back', () => {
    expect(parsePeriodKey('2019')).toMatchObject({ type: 'year', start: '2019-01-01', end: '2019-12-31' });
    expect(parsePeriodKey('2019-04')).toMatchObject({ type: 'month', start: '2019-04-01', end: '2019-04-30' });
    expect(parsePeriodKey('2019-Q2')).toMatchObject({ type: 'quarter', start: '2019-04-01', end: '2019-06-30' });
    expect(parsePeriodKey('2019-H1')).toMatchObject({ type: 'half_year', start: '2019-01-01', end: '2019-06-30' });
    expect(parsePeriodKey('2019-W14')).toMatchObject({ type: 'week', start: '2019-04-01', end: '2019-04-07' });
    expect(parsePeriodKey('2020-W01')).toMatchObject({ start: '2019-12-30', end: '2020-01-05' });
    expect(parsePeriodKey('2020-W53')).toMatchObject({ start: '2020-12-28', end: '2021-01-03' });
  });
  it('round-trips with periodOf for every day of a leap year', () => {
    for (const p of enumeratePeriods('week', '2020-01-01', '2020-12-31')) {
      expect(parsePeriodKey(p.key)).toEqual(periodOf('week', p.fullStart));
    }
    for (const type of ['month', 'quarter', 'half_year', 'year'] as const) {
      for (const p of enumeratePeriods(type, '2020-01-01', '2020-12-31')) expect(parsePeriodKey(p.key)).toEqual(p);
    }
  });
  it('returns null for malformed keys', () => {
    for (const key of ['2019-13', '2019-00', '2019-Q5', '2019-H3', '2019-W53', '2019-W00', '19-04', '2019-4', 'Q2', '', '0000']) {
      expect(parsePeriodKey(key)).toBeNull();
    }
    expect(parsePeriodKey('program')).toBeNull();
  });
  it('clips to a program window and rejects periods outside it', () => {
    const program = { start: '2010-06-15', end: '2011-06-14' };
    expect(parsePeriodKey('2010-06', program)).toMatchObject({ start: '2010-06-15', end: '2010-06-30', fullStart: '2010-06-01' });
    expect(parsePeriodKey('2010-05', program)).toBeNull();
    expect(parsePeriodKey('program', program)).toMatchObject({ key: 'program', start: '2010-06-15', end: '2011-06-14' });
  });
});

describe('period helpers', () => {
  it('contains, ended, overlap and intersection', () => {
    const april = periodOf('month', '2019-04-10');
    expect(periodContains(april, '2019-04-30')).toBe(true);
    expect(periodContains(april, '2019-05-01')).toBe(false);
    expect(periodEnded(april, '2019-04-30')).toBe(false);
    expect(periodEnded(april, '2019-05-01')).toBe(true);
    expect(rangesOverlap(april, { start: '2019-04-30', end: '2019-06-01' })).toBe(true);
    expect(rangesOverlap(april, { start: '2019-05-01', end: '2019-06-01' })).toBe(false);
    expect(intersectRanges(april, { start: '2019-04-20', end: '2019-06-01' })).toEqual({ start: '2019-04-20', end: '2019-04-30' });
    expect(intersectRanges(april, { start: '2019-05-20', end: '2019-06-01' })).toBeNull();
    expect(clipPeriod(april, { start: '2019-05-20', end: '2019-06-01' })).toBeNull();
  });
  it('next and previous calendar periods', () => {
    expect(nextPeriod(periodOf('quarter', '2019-12-01'))?.key).toBe('2020-Q1');
    expect(previousPeriod(periodOf('month', '2020-03-01'))).toMatchObject({ key: '2020-02', end: '2020-02-29' });
    expect(nextPeriod(periodOf('week', '2020-12-28'))?.key).toBe('2021-W01');
    expect(nextPeriod(periodOf('program', '2019-05-01', { start: '2019-04-01', end: '2019-11-30' }))).toBeNull();
  });
  it('isPeriodType', () => {
    expect(isPeriodType('half_year')).toBe(true);
    expect(isPeriodType('day')).toBe(false);
  });
});

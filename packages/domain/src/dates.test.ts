import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  civilDate,
  civilParts,
  clampedCivilDate,
  compareDates,
  dayOfWeek,
  dayOfYear,
  daysBetween,
  daysInMonth,
  fromEpochDay,
  isCivilDate,
  isLeapYear,
  lastDayOfMonth,
  maxDate,
  minDate,
  parseCivilDate,
  startOfCivilDate,
  toCivilDate,
  toEpochDay,
} from './dates';

describe('toCivilDate (Asia/Shanghai)', () => {
  it('an instant at 2019-03-31T16:30Z is already 2019-04-01 in Shanghai', () => {
    expect(toCivilDate(new Date('2019-03-31T16:30:00Z'))).toBe('2019-04-01');
  });
  it('one millisecond before Shanghai midnight is still the previous day', () => {
    expect(toCivilDate(new Date('2019-03-31T15:59:59.999Z'))).toBe('2019-03-31');
    expect(toCivilDate(new Date('2019-03-31T16:00:00.000Z'))).toBe('2019-04-01');
  });
  it('crosses the year boundary at 16:00Z on 31 December', () => {
    expect(toCivilDate(new Date('2019-12-31T16:00:00Z'))).toBe('2020-01-01');
  });
  it('has no daylight-saving shifts in summer', () => {
    expect(toCivilDate(new Date('2019-07-01T15:59:00Z'))).toBe('2019-07-01');
    expect(toCivilDate(new Date('2019-07-01T16:00:00Z'))).toBe('2019-07-02');
  });
  it('rejects an invalid Date', () => {
    expect(() => toCivilDate(new Date('nope'))).toThrow(RangeError);
  });
  it('startOfCivilDate is 00:00 +08:00 and round-trips', () => {
    expect(startOfCivilDate('2019-04-01').toISOString()).toBe('2019-03-31T16:00:00.000Z');
    expect(toCivilDate(startOfCivilDate('2020-02-29'))).toBe('2020-02-29');
  });
});

describe('parsing and validation', () => {
  it('accepts real days only', () => {
    expect(isCivilDate('2019-04-01')).toBe(true);
    expect(isCivilDate('2020-02-29')).toBe(true);
    expect(isCivilDate('2019-02-29')).toBe(false);
    expect(isCivilDate('2019-04-31')).toBe(false);
    expect(isCivilDate('2019-13-01')).toBe(false);
    expect(isCivilDate('2019-00-10')).toBe(false);
    expect(isCivilDate('2019-4-1')).toBe(false);
    expect(isCivilDate('2019-04-01T00:00')).toBe(false);
    expect(isCivilDate(' 2019-04-01')).toBe(false);
    expect(isCivilDate('0000-01-01')).toBe(false);
    expect(isCivilDate(20190401)).toBe(false);
    expect(isCivilDate(null)).toBe(false);
  });
  it('parseCivilDate returns the value or throws', () => {
    expect(parseCivilDate('2012-12-15')).toBe('2012-12-15');
    expect(() => parseCivilDate('2012-12-32')).toThrow(RangeError);
  });
  it('civilDate pads and validates; clampedCivilDate clamps the day', () => {
    expect(civilDate(2019, 4, 1)).toBe('2019-04-01');
    expect(() => civilDate(2019, 4, 31)).toThrow(RangeError);
    expect(() => civilDate(2019, 0, 1)).toThrow(RangeError);
    expect(clampedCivilDate(2019, 4, 31)).toBe('2019-04-30');
    expect(clampedCivilDate(2019, 2, 30)).toBe('2019-02-28');
    expect(clampedCivilDate(2020, 2, 30)).toBe('2020-02-29');
  });
  it('civilParts splits a date', () => {
    expect(civilParts('2014-03-27')).toEqual({ year: 2014, month: 3, day: 27 });
    expect(() => civilParts('x')).toThrow(RangeError);
  });
});

describe('leap years and month lengths', () => {
  it('follows the Gregorian rule', () => {
    expect(isLeapYear(2020)).toBe(true);
    expect(isLeapYear(2019)).toBe(false);
    expect(isLeapYear(1900)).toBe(false);
    expect(isLeapYear(2000)).toBe(true);
  });
  it('knows month lengths', () => {
    expect(daysInMonth(2019, 2)).toBe(28);
    expect(daysInMonth(2020, 2)).toBe(29);
    expect([1, 3, 5, 7, 8, 10, 12].map((m) => daysInMonth(2019, m))).toEqual([31, 31, 31, 31, 31, 31, 31]);
    expect([4, 6, 9, 11].map((m) => daysInMonth(2019, m))).toEqual([30, 30, 30, 30]);
  });
  it('lastDayOfMonth', () => {
    expect(lastDayOfMonth(2020, 2)).toBe('2020-02-29');
    expect(lastDayOfMonth(2019, 2)).toBe('2019-02-28');
    expect(lastDayOfMonth(2019, 12)).toBe('2019-12-31');
  });
});

describe('arithmetic', () => {
  it('addDays across month, year and leap day', () => {
    expect(addDays('2019-03-31', 1)).toBe('2019-04-01');
    expect(addDays('2019-12-31', 1)).toBe('2020-01-01');
    expect(addDays('2020-02-28', 1)).toBe('2020-02-29');
    expect(addDays('2019-02-28', 1)).toBe('2019-03-01');
    expect(addDays('2019-03-01', -1)).toBe('2019-02-28');
    expect(() => addDays('2019-03-01', 0.5)).toThrow(RangeError);
  });
  it('addMonths clamps to the last day of a shorter month', () => {
    expect(addMonths('2019-01-31', 1)).toBe('2019-02-28');
    expect(addMonths('2020-01-31', 1)).toBe('2020-02-29');
    expect(addMonths('2019-11-15', 2)).toBe('2020-01-15');
    expect(addMonths('2020-01-15', -2)).toBe('2019-11-15');
    expect(addMonths('2019-05-31', -1)).toBe('2019-04-30');
  });
  it('daysBetween and epoch days', () => {
    expect(daysBetween('2019-04-01', '2019-11-30')).toBe(243);
    expect(daysBetween('2020-03-01', '2020-02-28')).toBe(-2);
    expect(toEpochDay('1970-01-01')).toBe(0);
    expect(fromEpochDay(toEpochDay('2012-12-15'))).toBe('2012-12-15');
  });
  it('compare, min and max', () => {
    expect(compareDates('2019-04-01', '2019-04-02')).toBe(-1);
    expect(compareDates('2019-04-02', '2019-04-02')).toBe(0);
    expect(compareDates('2019-10-01', '2019-09-30')).toBe(1);
    expect(minDate('2019-10-01', '2019-09-30')).toBe('2019-09-30');
    expect(maxDate('2019-10-01', '2019-09-30')).toBe('2019-10-01');
  });
});

describe('calendar positions', () => {
  it('dayOfWeek is ISO (Monday = 1, Sunday = 7)', () => {
    expect(dayOfWeek('2019-04-01')).toBe(1);
    expect(dayOfWeek('2019-04-07')).toBe(7);
    expect(dayOfWeek('1970-01-01')).toBe(4);
    expect(dayOfWeek('1969-12-29')).toBe(1);
    expect(dayOfWeek('2020-02-29')).toBe(6);
  });
  it('dayOfYear counts the leap day', () => {
    expect(dayOfYear('2019-01-01')).toBe(1);
    expect(dayOfYear('2019-12-31')).toBe(365);
    expect(dayOfYear('2020-12-31')).toBe(366);
    expect(dayOfYear('2020-03-01')).toBe(61);
  });
});

/**
 * Civil dates: calendar days as 'YYYY-MM-DD' strings, always meant in Asia/Shanghai.
 *
 * Strings rather than Date objects because a deadline such as "the 20th" is a day on the wall
 * calendar of the committee, not an instant; the string form also sorts and compares correctly
 * with plain string comparison and survives JSON and SQL `date` columns unchanged.
 */

/** A calendar day 'YYYY-MM-DD' in Asia/Shanghai. */
export type CivilDate = string;

export interface CivilParts {
  year: number;
  month: number;
  day: number;
}

/** China has observed no daylight-saving time since 1991, so a fixed offset is exact. */
export const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

const MS_PER_DAY = 24 * 60 * 60 * 1000;
const CIVIL_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Builds a date from parts; throws if the parts do not name a real day. */
export function civilDate(year: number, month: number, day: number): CivilDate {
  if (!Number.isInteger(year) || year < 1 || year > 9999) throw new RangeError(`invalid year: ${year}`);
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`invalid month: ${month}`);
  if (!Number.isInteger(day) || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`invalid day: ${year}-${month}-${day}`);
  }
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** Like `civilDate` but clamps a day beyond the month's length to its last day (e.g. 31 April → 30 April). */
export function clampedCivilDate(year: number, month: number, day: number): CivilDate {
  return civilDate(year, month, Math.min(Math.max(1, day), daysInMonth(year, month)));
}

export function isCivilDate(value: unknown): value is CivilDate {
  if (typeof value !== 'string') return false;
  const m = CIVIL_DATE_RE.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Validates a 'YYYY-MM-DD' string; throws RangeError for anything else (including '2019-02-29'). */
export function parseCivilDate(value: string): CivilDate {
  if (!isCivilDate(value)) throw new RangeError(`not a civil date (YYYY-MM-DD): ${JSON.stringify(value)}`);
  return value;
}

export function civilParts(date: CivilDate): CivilParts {
  const m = CIVIL_DATE_RE.exec(date);
  if (!m) throw new RangeError(`not a civil date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

/** Days since 1970-01-01; arithmetic on this integer avoids every time-zone pitfall of Date. */
export function toEpochDay(date: CivilDate): number {
  const { year, month, day } = civilParts(date);
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

export function fromEpochDay(epochDay: number): CivilDate {
  const d = new Date(epochDay * MS_PER_DAY);
  return civilDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** The Shanghai calendar day on which an instant falls. */
export function toCivilDate(instant: Date): CivilDate {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('invalid Date');
  const shifted = new Date(ms + SHANGHAI_OFFSET_MS);
  return civilDate(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate());
}

/** The instant at which a Shanghai calendar day begins (00:00 +08:00). */
export function startOfCivilDate(date: CivilDate): Date {
  return new Date(toEpochDay(date) * MS_PER_DAY - SHANGHAI_OFFSET_MS);
}

export function addDays(date: CivilDate, days: number): CivilDate {
  if (!Number.isInteger(days)) throw new RangeError(`days must be an integer: ${days}`);
  return fromEpochDay(toEpochDay(date) + days);
}

/** Adds calendar months; a day that does not exist in the target month clamps to its last day. */
export function addMonths(date: CivilDate, months: number): CivilDate {
  if (!Number.isInteger(months)) throw new RangeError(`months must be an integer: ${months}`);
  const { year, month, day } = civilParts(date);
  const index = year * 12 + (month - 1) + months;
  return clampedCivilDate(Math.floor(index / 12), (index % 12) + 1, day);
}

/** Number of days from `a` to `b` (positive when b is later). */
export function daysBetween(a: CivilDate, b: CivilDate): number {
  return toEpochDay(b) - toEpochDay(a);
}

export function compareDates(a: CivilDate, b: CivilDate): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function minDate(a: CivilDate, b: CivilDate): CivilDate {
  return a <= b ? a : b;
}

export function maxDate(a: CivilDate, b: CivilDate): CivilDate {
  return a >= b ? a : b;
}

export function firstDayOfMonth(year: number, month: number): CivilDate {
  return civilDate(year, month, 1);
}

export function lastDayOfMonth(year: number, month: number): CivilDate {
  return civilDate(year, month, daysInMonth(year, month));
}

/** ISO day of week: Monday = 1 … Sunday = 7. */
export function dayOfWeek(date: CivilDate): number {
  // 1970-01-01 was a Thursday (ISO 4).
  const mod = (toEpochDay(date) + 3) % 7;
  return (mod < 0 ? mod + 7 : mod) + 1;
}

/** 1-based ordinal day within the year. */
export function dayOfYear(date: CivilDate): number {
  const { year } = civilParts(date);
  return daysBetween(civilDate(year, 1, 1), date) + 1;
}

/**
 * Bulletins (通报, S0.7, S4.2): which days a daily, weekly, half-monthly or quarterly bulletin
 * covers, and how its period and date are written in an official document.
 */
import { addDays, civilDate, civilParts, dayOfWeek, lastDayOfMonth, type CivilDate } from './dates';
import { isoWeekOf, type DateRange } from './periods';

export const BULLETIN_KINDS = ['daily', 'weekly', 'half_monthly', 'quarterly'] as const;
export type BulletinKind = (typeof BULLETIN_KINDS)[number];

export const BULLETIN_KIND_NAMES: Record<BulletinKind, string> = {
  daily: '日通报',
  weekly: '周通报',
  half_monthly: '半月通报',
  quarterly: '季度通报',
};

export interface BulletinPeriod extends DateRange {
  kind: BulletinKind;
  /** Stable key: '2012-11-20', '2012-W47', '2012-11-H1', '2012-Q4'. */
  key: string;
  /** How the period is named in the text. */
  label: string;
}

const QUARTER_NAMES = ['一', '二', '三', '四'];

/** 2012年11月20日: GB/T 9704-2012 writes the date in Arabic numerals without leading zeros. */
export function chineseDate(date: CivilDate): string {
  const { year, month, day } = civilParts(date);
  return `${year}年${month}月${day}日`;
}

function monthDay(date: CivilDate): string {
  const { month, day } = civilParts(date);
  return `${month}月${day}日`;
}

/** The period a bulletin of `kind` issued for `date` reports on. */
export function bulletinPeriod(kind: BulletinKind, date: CivilDate): BulletinPeriod {
  const { year, month, day } = civilParts(date);
  switch (kind) {
    case 'daily':
      return { kind, key: date, start: date, end: date, label: chineseDate(date) };
    case 'weekly': {
      // Monday to Sunday, so that one week's bulletin never overlaps the next
      const start = addDays(date, 1 - dayOfWeek(date));
      const end = addDays(start, 6);
      const { year: wYear, week } = isoWeekOf(date);
      return { kind, key: `${wYear}-W${String(week).padStart(2, '0')}`, start, end, label: `${chineseDate(start)}至${monthDay(end)}` };
    }
    case 'half_monthly': {
      const first = day <= 15;
      const start = civilDate(year, month, first ? 1 : 16);
      const end = first ? civilDate(year, month, 15) : lastDayOfMonth(year, month);
      return { kind, key: `${year}-${String(month).padStart(2, '0')}-${first ? 'H1' : 'H2'}`, start, end, label: `${year}年${month}月${first ? '上' : '下'}半月` };
    }
    case 'quarterly': {
      const q = Math.floor((month - 1) / 3);
      const start = civilDate(year, q * 3 + 1, 1);
      return { kind, key: `${year}-Q${q + 1}`, start, end: lastDayOfMonth(year, q * 3 + 3), label: `${year}年第${QUARTER_NAMES[q]}季度` };
    }
  }
}

/** 第12期 */
export function issueLabel(number: number): string {
  return `第${number}期`;
}

/** 0.933 → '93.3%'; null (no target) → '—'. */
export function percent(rate: number | null): string {
  return rate === null ? '—' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

import type { FormPeriod } from '../../api/forms';

/** A period key ('2026-Q3', '2026-05-A', 'program' …) as people say it. */
export function periodName(key: string): string {
  if (key === 'program') return '整个周期';
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})$/.exec(key))) return `${m[1]}年`;
  if ((m = /^(\d{4})-Q([1-4])$/.exec(key))) return `${m[1]}年第${m[2]}季度`;
  if ((m = /^(\d{4})-H([12])$/.exec(key))) return `${m[1]}年${m[2] === '1' ? '上' : '下'}半年`;
  if ((m = /^(\d{4})-W(\d{2})$/.exec(key))) return `${m[1]}年第${Number(m[2])}周`;
  if ((m = /^(\d{4})-(\d{2})-([AB])$/.exec(key))) return `${m[1]}年${Number(m[2])}月${m[3] === 'A' ? '上' : '下'}半月`;
  if ((m = /^(\d{4})-(\d{2})$/.exec(key))) return `${m[1]}年${Number(m[2])}月`;
  return key;
}

/** The period shown first: the latest one already due (the one people are asked about), else the first. */
export function defaultPeriod(periods: readonly FormPeriod[], today: string): FormPeriod | undefined {
  return periods.filter((p) => p.due < today).at(-1) ?? periods[0];
}

const num = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 4 });

/** A cell's value as printed in the table: numbers grouped, nothing as an empty cell. */
export const cellText = (v: number | string | null | undefined): string => (v === null || v === undefined ? '' : typeof v === 'number' ? num.format(v) : v);

export const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)}%`);

/** An ISO instant in Beijing time, to the minute. */
export const when = (iso: string | null) =>
  iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }) : '—';

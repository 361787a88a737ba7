/**
 * A filled form as the attachment prints it: the attachment number, the title, the stamp and date
 * line, merged group headers, the rows, the lines under the table and the notes. Built from the
 * presented report, so masked mobiles stay masked in the file.
 */
import type { FormReport } from '@tuanjian/contracts';
import ExcelJS from 'exceljs';
import type { z } from 'zod';
import { safeCell } from '../../files/xlsx';

type Report = z.infer<typeof FormReport>;

const THIN = { style: 'thin' as const };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const FONT = '仿宋';

/** '2014-Q1' → '2014年第1季度': how the period reads in a title. */
export function periodLabel(key: string): string {
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})-Q(\d)$/.exec(key))) return `${m[1]}年第${m[2]}季度`;
  if ((m = /^(\d{4})-(\d{2})$/.exec(key))) return `${m[1]}年${Number(m[2])}月`;
  if ((m = /^(\d{4})-H([12])$/.exec(key))) return `${m[1]}年${m[2] === '1' ? '上' : '下'}半年`;
  if ((m = /^(\d{4})-W(\d{2})$/.exec(key))) return `${m[1]}年第${Number(m[2])}周`;
  // S4.2's half-monthly and daily reports
  if ((m = /^(\d{4})-(\d{2})-([AB])$/.exec(key))) return `${m[1]}年${Number(m[2])}月${m[3] === 'A' ? '上' : '下'}半月`;
  if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key))) return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
  if (/^\d{4}$/.test(key)) return `${key}年`;
  return '';
}

const chineseDate = (iso: string) => {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

export async function formXlsx(report: Report, today: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '团建';
  const ws = wb.addWorksheet(report.form.name.slice(0, 31), { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  const labelCol = report.form.rowHeader !== null;
  const offset = labelCol ? 1 : 0;
  const width = report.form.columns.length + offset;
  ws.columns = [...(labelCol ? [{ width: 20 }] : []), ...report.form.columns.map((c) => ({ width: c.width ?? 14 }))];
  let r = 1;
  const line = (text: string, opts: { size?: number; bold?: boolean; align?: 'left' | 'center' | 'right'; from?: number; to?: number; height?: number } = {}) => {
    const from = opts.from ?? 1;
    const to = opts.to ?? width;
    if (to > from) ws.mergeCells(r, from, r, to);
    const cell = ws.getCell(r, from);
    cell.value = safeCell(text);
    cell.font = { name: FONT, size: opts.size ?? 11, bold: opts.bold };
    cell.alignment = { horizontal: opts.align ?? 'left', vertical: 'middle', wrapText: true };
    if (opts.height) ws.getRow(r).height = opts.height;
  };

  if (report.form.attachment) { line(report.form.attachment, { bold: true }); r++; }
  const suffix = periodLabel(report.period.key);
  line(suffix ? `${report.form.title}（${suffix}）` : report.form.title, { size: 16, bold: true, align: 'center', height: 30 });
  r++;
  // The stamp and date line: who reports (stamped) on the left, the day it was handed in on the right.
  const half = Math.max(1, Math.ceil(width / 2));
  line(`${report.form.stampLabel}：${report.reporter.name}`, { to: half });
  line(`${report.form.dateLabel}：${chineseDate(report.submittedAt ?? today)}`, { from: Math.min(width, half + 1), align: 'right' });
  r++;

  const header = (row: number, col: number, text: string) => {
    const cell = ws.getCell(row, col);
    cell.value = safeCell(text);
    cell.font = { name: FONT, size: 11, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = BORDER;
  };
  const grouped = report.form.columns.some((c) => c.group);
  const top = r;
  const bottom = grouped ? r + 1 : r;
  if (labelCol) {
    header(top, 1, report.form.rowHeader!);
    if (grouped) { header(bottom, 1, ''); ws.mergeCells(top, 1, bottom, 1); }
  }
  report.form.columns.forEach((c, i) => {
    const col = i + 1 + offset;
    if (!grouped) return header(top, col, c.label);
    if (!c.group) {
      header(top, col, c.label);
      header(bottom, col, '');
      ws.mergeCells(top, col, bottom, col);
      return;
    }
    header(bottom, col, c.label);
    const first = report.form.columns.findIndex((x) => x.group === c.group);
    if (first !== i) return;
    let last = i;
    while (report.form.columns[last + 1]?.group === c.group) last++;
    header(top, col, c.group);
    if (last > i) ws.mergeCells(top, col, top, last + 1 + offset);
  });
  ws.getRow(top).height = 36;
  r = bottom + 1;

  for (const row of report.rows) {
    const values = [...(labelCol ? [row.label] : []), ...row.cells.map((c) => c.value)];
    values.forEach((v, i) => {
      const cell = ws.getCell(r, i + 1);
      cell.value = safeCell(v);
      cell.font = { name: FONT, size: 11, bold: row.kind === 'total' && i === 0 };
      cell.alignment = { horizontal: typeof v === 'number' || (labelCol && i === 0) ? 'center' : 'left', vertical: 'middle', wrapText: true };
      cell.border = BORDER;
    });
    const lines = Math.max(1, ...row.cells.map((c) => (typeof c.value === 'string' ? c.value.split('\n').length : 1)));
    ws.getRow(r).height = Math.max(24, lines * 16);
    r++;
  }

  // Lines under the table (S0.10: the problems solved, the two partner orgs), then the reporter's own notes.
  report.form.footer.forEach((f, i) => {
    const value = report.footer[i]?.value;
    line(`${f.label}：${value === null || value === undefined ? '无' : String(value).split('\n').join('；')}`);
    r++;
  });
  if (report.notes) { line(`说明：${report.notes}`); r++; }
  if (report.form.notes.length) {
    r++;
    report.form.notes.forEach((n, i) => { line(i === 0 ? `注：${n}` : n, { size: 10 }); r++; });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

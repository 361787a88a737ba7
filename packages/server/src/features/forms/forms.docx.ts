/**
 * The sheets behind a form whose rows are records (S2.4 Attachment 1 团干部走基层情况报告单, S2.6
 * Attachment 2 共青团工作观摩情况报告单): one sheet per record, each on its own page, as the seed prints
 * it — the attachment number, the sheet's title, who fills it in and when, then a table of label and value
 * with the record's date and every column of the form. Official style (files/docx.ts); built from the
 * presented report, so what a reader may not see stays masked in the file.
 */
import type { FormReport } from '@tuanjian/contracts';
import { chineseDate, type TemplateForm } from '@tuanjian/domain';
import { AlignmentType, Document, HeightRule, LineRuleType, Packer, Paragraph, Table, TableCell, TableRow, VerticalAlign, WidthType } from 'docx';
import type { z } from 'zod';
import { DEFAULT_STYLES, FANGSONG, HEITI, LINE, SIZE, TEXT_WIDTH, XIAOBIAOSONG, mm, officialSection, run } from '../../files/docx';
import { BadRequestError } from '../../http/errors';

type Report = z.infer<typeof FormReport>;
type Row = Report['rows'][number];

const LABEL_WIDTH = Math.round(TEXT_WIDTH * 0.3);
const VALUE_WIDTH = TEXT_WIDTH - LABEL_WIDTH;
/** The seed leaves room to write by hand: a few lines for short answers, a block for the narrative ones. */
const SHORT = mm(12);
const LONG = mm(35);
/** Columns the template prints wide (24 characters and more) are the narrative ones. */
const NARRATIVE_WIDTH = 24;

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const say = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'string' && isoDate.test(v) ? chineseDate(v) : String(v));

function cell(text: string, width: number, label: boolean) {
  const lines = text.split('\n');
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: label ? VerticalAlign.CENTER : VerticalAlign.TOP,
    margins: { left: mm(2), right: mm(2), top: mm(1), bottom: mm(1) },
    children: lines.map((line) => new Paragraph({ alignment: label ? AlignmentType.CENTER : AlignmentType.LEFT, children: [run(line, FANGSONG, SIZE.sihao)] })),
  });
}

function sheetTable(report: Report, form: TemplateForm, row: Row) {
  const pairs = [
    { label: form.rowHeader ?? '', value: say(row.label), height: SHORT },
    ...report.form.columns.map((c, i) => ({
      label: c.group ? `${c.group}（${c.label}）` : c.label,
      value: say(row.cells[i]?.value),
      height: (c.width ?? 0) >= NARRATIVE_WIDTH ? LONG : SHORT,
    })),
  ].filter((p) => p.label !== '');
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [LABEL_WIDTH, VALUE_WIDTH],
    rows: pairs.map((p) => new TableRow({ height: { value: p.height, rule: HeightRule.ATLEAST }, children: [cell(p.label, LABEL_WIDTH, true), cell(p.value, VALUE_WIDTH, false)] })),
  });
}

/** The record rows of a form that prints sheets; a Chinese 400 for any other form or an empty period. */
export function sheetRows(form: TemplateForm, report: Report): Row[] {
  const title = form.sheetTitle ?? form.title;
  if (!form.rows.some((r) => r.kind === 'records')) {
    throw new BadRequestError(`“${form.name}”不是逐条记录的报表，没有可导出的报告单`, [{ path: 'params.formKey', message: '该报表没有报告单' }]);
  }
  const rows = report.rows.filter((r) => r.kind === 'record');
  if (!rows.length) throw new BadRequestError(`${report.reporter.name}本期没有${title}可导出`, [{ path: 'params.period', message: '本期没有记录' }]);
  return rows;
}

export async function formSheetsDocx(form: TemplateForm, report: Report, today: string): Promise<Buffer> {
  const title = form.sheetTitle ?? form.title;
  const filled = chineseDate((report.submittedAt ?? today).slice(0, 10));
  const children = sheetRows(form, report).flatMap((row, i) => [
    // Each sheet starts a page: the attachment number in 黑体 at the top left, as GB/T 9704 places it.
    new Paragraph({ pageBreakBefore: i > 0, spacing: LINE, children: [run(report.form.attachment ?? '', HEITI)] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { line: 700, lineRule: LineRuleType.EXACT }, children: [run(title, XIAOBIAOSONG, SIZE.erhao)] }),
    new Paragraph({ spacing: LINE, children: [run(`${report.form.stampLabel}：${report.reporter.name}`)] }),
    new Paragraph({ alignment: AlignmentType.RIGHT, spacing: LINE, children: [run(`${report.form.dateLabel}：${filled}`)] }),
    sheetTable(report, form, row),
  ]);
  const doc = new Document({ creator: report.reporter.name, title, styles: DEFAULT_STYLES, sections: [{ ...officialSection(), children }] });
  return Packer.toBuffer(doc);
}

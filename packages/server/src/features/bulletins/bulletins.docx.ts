/**
 * A bulletin as an official document (GB/T 9704-2012 党政机关公文格式): A4 paper, margins top 37 mm,
 * bottom 35 mm, left 28 mm, right 26 mm; a red masthead, the issue number, the issuing committee and
 * date above a red rule; the title in 方正小标宋简体 二号 (22 pt), the body in 仿宋_GB2312 三号
 * (16 pt) at a fixed 28 pt line pitch, headings in 黑体; the issuer and date at the end; page numbers
 * "— 1 —" in 宋体 四号 at the foot.
 */
import type { z } from 'zod';
import type { BulletinContent } from '@tuanjian/contracts';
import { chineseDate, issueLabel, percent } from '@tuanjian/domain';
import {
  AlignmentType, BorderStyle, Document, LineRuleType, Packer, Paragraph, Table, TableCell, TableRow, TabStopType, VerticalAlign, WidthType,
} from 'docx';
import { DEFAULT_STYLES, FANGSONG, HEITI, LINE, SIZE, TEXT_WIDTH, XIAOBIAOSONG, officialSection, run } from '../../files/docx';

type Content = z.infer<typeof BulletinContent>;

const RED = 'FF0000';

const body = (text: string) => new Paragraph({ children: [run(text)], indent: { firstLine: 640 }, spacing: LINE, alignment: AlignmentType.JUSTIFIED });
const heading = (text: string) => new Paragraph({ children: [run(text, HEITI)], indent: { firstLine: 640 }, spacing: LINE });
const blank = () => new Paragraph({ children: [run('')], spacing: LINE });

function cell(text: string, opts: { header?: boolean; width: number; align?: (typeof AlignmentType)[keyof typeof AlignmentType] }) {
  return new TableCell({
    width: { size: opts.width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    children: [new Paragraph({ alignment: opts.align ?? AlignmentType.CENTER, children: [run(text, opts.header ? HEITI : FANGSONG, SIZE.sihao)] })],
  });
}

const COLUMNS = [
  { title: '排名', share: 0.09 },
  { title: '单位', share: 0.33 },
  { title: '目标任务', share: 0.14 },
  { title: '累计完成', share: 0.14 },
  { title: '本期新增', share: 0.14 },
  { title: '完成率', share: 0.16 },
];

function rankingTable(c: Content) {
  const widths = COLUMNS.map((col) => Math.floor(TEXT_WIDTH * col.share));
  const header = new TableRow({ tableHeader: true, children: COLUMNS.map((col, i) => cell(col.title, { header: true, width: widths[i]! })) });
  const rows = c.ranking.map((r) => new TableRow({
    children: [
      cell(r.rank === null ? '—' : String(r.rank), { width: widths[0]! }),
      cell(r.lagging ? `${r.name}▲` : r.name, { width: widths[1]!, align: AlignmentType.LEFT }),
      cell(String(r.target), { width: widths[2]! }),
      cell(String(r.actual), { width: widths[3]! }),
      cell(String(r.added), { width: widths[4]! }),
      cell(percent(r.rate), { width: widths[5]! }),
    ],
  }));
  const total = new TableRow({
    children: [
      cell('', { width: widths[0]! }), cell('合计', { width: widths[1]!, header: true }), cell(String(c.totals.target), { width: widths[2]! }),
      cell(String(c.totals.actual), { width: widths[3]! }), cell(String(c.totals.added), { width: widths[4]! }), cell(percent(c.totals.rate), { width: widths[5]! }),
    ],
  });
  return new Table({ width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths: widths, rows: [header, ...rows, total] });
}

export interface BulletinDocInput {
  content: Content;
  number: number;
  issuerName: string;
  issuedOn: string;
}

export async function bulletinDocx(b: BulletinDocInput): Promise<Buffer> {
  const c = b.content;
  const date = chineseDate(b.issuedOn);
  const children = [
    new Paragraph({ alignment: AlignmentType.CENTER, children: [run(c.masthead, XIAOBIAOSONG, SIZE.masthead, { color: RED })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: LINE, children: [run(issueLabel(b.number))] }),
    // Issuer on the left, date on the right, above the red rule (版头分隔线).
    new Paragraph({
      tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }],
      border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: RED, space: 4 } },
      spacing: LINE,
      children: [run(b.issuerName), run(`\t${date}`)],
    }),
    blank(),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { line: 700, lineRule: LineRuleType.EXACT }, children: [run(c.title, XIAOBIAOSONG, SIZE.erhao)] }),
    blank(),
    heading('一、总体进度'),
    ...c.paragraphs.slice(0, 1).map(body),
    heading('二、各单位排名'),
    ...c.paragraphs.slice(1, 3).map(body),
    rankingTable(c),
    new Paragraph({ spacing: LINE, children: [run('注：▲ 表示完成率低于时序进度。', FANGSONG, SIZE.sihao)] }),
    heading('三、完成预测'),
    ...c.paragraphs.slice(3).map(body),
    ...(c.highlights.length
      ? [heading('四、工作亮点'), ...c.highlights.map((h) => body(`${h.orgName}（${chineseDate(h.date)}，${h.kindName}）：${h.text}`))]
      : []),
    blank(),
    new Paragraph({ alignment: AlignmentType.RIGHT, indent: { right: 640 }, spacing: LINE, children: [run(b.issuerName)] }),
    new Paragraph({ alignment: AlignmentType.RIGHT, indent: { right: 640 }, spacing: LINE, children: [run(date)] }),
  ];
  const doc = new Document({
    creator: b.issuerName,
    title: c.title,
    styles: DEFAULT_STYLES,
    sections: [{ ...officialSection(), children }],
  });
  return Packer.toBuffer(doc);
}

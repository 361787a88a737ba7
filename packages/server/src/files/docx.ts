/**
 * The official document style (GB/T 9704-2012 党政机关公文格式) shared by every docx the system writes:
 * A4 paper with margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; titles in 方正小标宋简体 二号,
 * text in 仿宋_GB2312 三号 at a fixed 28 pt line pitch, headings and attachment numbers in 黑体;
 * page numbers "— 1 —" in 宋体 四号 at the foot.
 */
import type { FastifyReply } from 'fastify';
import { AlignmentType, Footer, LineRuleType, PageNumber, Paragraph, TextRun } from 'docx';

const MM = 1440 / 25.4; // twips per millimetre
export const PAGE = {
  width: Math.round(210 * MM), height: Math.round(297 * MM),
  top: Math.round(37 * MM), bottom: Math.round(35 * MM), left: Math.round(28 * MM), right: Math.round(26 * MM),
};
export const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;
export const mm = (n: number) => Math.round(n * MM);

export const FANGSONG = '仿宋_GB2312';
export const XIAOBIAOSONG = '方正小标宋简体';
export const HEITI = '黑体';
export const SONGTI = '宋体';
/** Point sizes as Word's half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt. */
export const SIZE = { erhao: 44, sanhao: 32, sihao: 28, masthead: 60 };
export const LINE = { line: 560, lineRule: LineRuleType.EXACT };

export const font = (name: string) => ({ ascii: name, hAnsi: name, eastAsia: name, cs: name });
export const run = (text: string, name = FANGSONG, size = SIZE.sanhao, extra: { bold?: boolean; color?: string } = {}) =>
  new TextRun({ text, font: font(name), size, ...extra });

/** The section properties of an official page: A4, the margins, the page number at the foot. */
export function officialSection() {
  return {
    properties: { page: { size: { width: PAGE.width, height: PAGE.height }, margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right } } },
    footers: {
      default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: font(SONGTI), size: SIZE.sihao })] })] }),
    },
  };
}

export const DEFAULT_STYLES = { default: { document: { run: { font: font(FANGSONG), size: SIZE.sanhao } } } };

export function sendDocx(reply: FastifyReply, filename: string, buffer: Buffer) {
  return reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`)
    .send(buffer);
}

import { createInflateRaw } from 'node:zlib';
import { BadRequestError } from '../http/errors';

/**
 * An xlsx is a zip: a 20 MB upload can inflate to gigabytes (a zip bomb) and exhaust memory inside the xlsx
 * reader. The archive is checked before any reader sees it: the sizes its central directory declares, their
 * compression ratio, and then each entry is inflated for real — streamed, counted and dropped — so that a
 * directory that lies about its sizes is caught as soon as an entry passes what it declared.
 *
 * 100 MB total: the largest import allowed (200,000 rows, MAX_IMPORT_ROWS) written by Excel or exceljs is about
 * 61 MB of XML; a ratio of 100: such sheets compress 10–16 times, bombs about 1,000 times.
 */
export const ZIP_LIMITS = {
  maxUncompressedBytes: 100 * 1024 * 1024,
  maxRatio: 100,
  /** The ratio is judged on entries large enough to matter; tiny files compress oddly. */
  ratioFromBytes: 1024 * 1024,
  maxEntries: 2_000,
};
export type ZipLimits = typeof ZIP_LIMITS;

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const ZIP64_MARK = 0xffffffff;

interface Entry { name: string; method: number; compressed: number; uncompressed: number; localOffset: number }

const refuse = (message: string): never => {
  throw new BadRequestError(message, [{ path: 'body.file', message }]);
};
const damaged = () => refuse('Excel 文件已损坏或不是有效的 .xlsx 文件');
const mb = (n: number) => Math.round(n / 1024 / 1024);

function centralDirectory(buf: Buffer, limits: ZipLimits): Entry[] {
  // The end record sits in the last 22 bytes plus a comment of at most 65,535.
  let end = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) { end = i; break; }
  }
  if (end < 0) damaged();
  const count = buf.readUInt16LE(end + 10);
  const size = buf.readUInt32LE(end + 12);
  const offset = buf.readUInt32LE(end + 16);
  if (count === 0xffff || size === ZIP64_MARK || offset === ZIP64_MARK) refuse('不支持 ZIP64 格式的 Excel 文件（文件过大）');
  if (count > limits.maxEntries) refuse(`Excel 文件内含 ${count} 个部件，超过上限 ${limits.maxEntries}`);
  if (offset + size > end) damaged();
  const entries: Entry[] = [];
  let p = offset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > end || buf.readUInt32LE(p) !== CENTRAL) damaged();
    const nameLength = buf.readUInt16LE(p + 28);
    const entry = {
      method: buf.readUInt16LE(p + 10),
      compressed: buf.readUInt32LE(p + 20),
      uncompressed: buf.readUInt32LE(p + 24),
      localOffset: buf.readUInt32LE(p + 42),
      name: buf.toString('utf8', p + 46, p + 46 + nameLength),
    };
    if (entry.compressed === ZIP64_MARK || entry.uncompressed === ZIP64_MARK || entry.localOffset === ZIP64_MARK) refuse('不支持 ZIP64 格式的 Excel 文件（文件过大）');
    entries.push(entry);
    p += 46 + nameLength + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return entries;
}

/** Inflates one entry without keeping it, stopping as soon as it passes `allowed` bytes. */
function inflatedSize(data: Buffer, allowed: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const inflate = createInflateRaw();
    let total = 0;
    let stopped = false;
    inflate.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > allowed && !stopped) {
        stopped = true;
        inflate.destroy();
        resolve(total);
      }
    });
    inflate.on('end', () => resolve(total));
    inflate.on('error', (e) => (stopped ? undefined : reject(e)));
    inflate.end(data);
  });
}

/** Throws a 400 with a Chinese message when the zip would inflate past the limits; reads nothing into memory. */
export async function assertSafeZip(buf: Buffer, limits: ZipLimits = ZIP_LIMITS): Promise<void> {
  const entries = centralDirectory(buf, limits);
  const declared = entries.reduce((s, e) => s + e.uncompressed, 0);
  const tooLarge = `Excel 文件解压后过大（超过 ${mb(limits.maxUncompressedBytes)} MB），可能是压缩炸弹，请拆分后分批导入`;
  if (declared > limits.maxUncompressedBytes) refuse(tooLarge);
  for (const e of entries) {
    if (e.uncompressed >= limits.ratioFromBytes && e.uncompressed > e.compressed * limits.maxRatio) {
      refuse(`Excel 文件中的 ${e.name} 压缩比异常（超过 ${limits.maxRatio} 倍），可能是压缩炸弹，已拒绝`);
    }
  }
  // The directory may lie: inflate each entry for real, allowing no more than it declared.
  let actual = 0;
  for (const e of entries) {
    const p = e.localOffset;
    if (p + 30 > buf.length || buf.readUInt32LE(p) !== LOCAL) damaged();
    const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
    if (start + e.compressed > buf.length) damaged();
    const data = buf.subarray(start, start + e.compressed);
    let size: number;
    if (e.method === 0) size = data.length;
    else if (e.method === 8) size = await inflatedSize(data, e.uncompressed).catch(() => damaged());
    else return refuse('Excel 文件使用了不支持的压缩方式');
    if (size > e.uncompressed) refuse(`Excel 文件中的 ${e.name} 解压后大于其声明的大小，可能是压缩炸弹，已拒绝`);
    actual += size;
    if (actual > limits.maxUncompressedBytes) refuse(tooLarge);
  }
}

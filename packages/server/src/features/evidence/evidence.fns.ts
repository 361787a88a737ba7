/** Pure rules of evidence: limits, what a file may be, duplicate distance, the EXIF date check. No I/O. */

export const EVIDENCE_LIMITS = {
  maxFileBytes: 10 * 1024 * 1024,
  maxImagesPerRecord: 9,
  maxFilesPerRecord: 20,
  /** Hamming distance of two 64-bit dHashes at or below which two photos count as the same picture. */
  nearDuplicateDistance: 6,
  /** The photo may be taken the day before or after the record's date (late evenings, uploads next day). */
  exifToleranceDays: 1,
} as const;

export interface AcceptedType {
  mime: string;
  ext: string;
  category: 'image' | 'document';
  /** sharp can decode it: thumbnails and the perceptual hash. HEIC cannot be decoded by the prebuilt sharp. */
  decodable: boolean;
}

const ACCEPTED: Record<string, AcceptedType> = {
  'image/jpeg': { mime: 'image/jpeg', ext: 'jpg', category: 'image', decodable: true },
  'image/png': { mime: 'image/png', ext: 'png', category: 'image', decodable: true },
  'image/webp': { mime: 'image/webp', ext: 'webp', category: 'image', decodable: true },
  'image/heic': { mime: 'image/heic', ext: 'heic', category: 'image', decodable: false },
  'image/heif': { mime: 'image/heif', ext: 'heif', category: 'image', decodable: false },
  'application/pdf': { mime: 'application/pdf', ext: 'pdf', category: 'document', decodable: false },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: 'docx', category: 'document', decodable: false },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: 'xlsx', category: 'document', decodable: false },
  'application/msword': { mime: 'application/msword', ext: 'doc', category: 'document', decodable: false },
  'application/vnd.ms-excel': { mime: 'application/vnd.ms-excel', ext: 'xls', category: 'document', decodable: false },
};

export const ACCEPTED_LABEL = 'JPEG、PNG、WebP、HEIC 图片，PDF，Word（doc/docx），Excel（xls/xlsx）';

export function acceptedType(mime: string | undefined): AcceptedType | null {
  return (mime && ACCEPTED[mime]) || null;
}

const utf16 = (s: string) => Buffer.from(s, 'utf16le');

/**
 * Old Office files are OLE compound files, a container that installers (.msi) use too. The container's
 * directory names its streams in UTF-16; Word keeps its text in "WordDocument", Excel in "Workbook"/"Book".
 */
export function classifyCompoundFile(bytes: Buffer): string | undefined {
  if (bytes.includes(utf16('WordDocument'))) return 'application/msword';
  if (bytes.includes(utf16('Workbook')) || bytes.includes(utf16('Book\0'))) return 'application/vnd.ms-excel';
  return undefined;
}

/** 64-bit difference hash from a 9×8 grayscale thumbnail: bit = left pixel brighter than its right neighbour. */
export function differenceHash(gray9x8: Uint8Array): string {
  if (gray9x8.length !== 72) throw new Error('differenceHash needs 9×8 grayscale pixels');
  let bits = '';
  for (let row = 0; row < 8; row++) {
    for (let col = 0; col < 8; col++) bits += gray9x8[row * 9 + col]! > gray9x8[row * 9 + col + 1]! ? '1' : '0';
  }
  return bits;
}

export function hammingDistance(a: string, b: string): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) d++;
  return d;
}

/** 'YYYY:MM:DD HH:MM:SS' (EXIF) → 'YYYY-MM-DD HH:MM:SS'; anything unreadable (cameras write zeros) → null. */
export function normalizeExifTime(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const m = /^(\d{4})[:-](\d{2})[:-](\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(raw.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m;
  const date = new Date(Date.UTC(+y!, +mo! - 1, +d!));
  if (+y! < 1900 || date.getUTCMonth() !== +mo! - 1 || date.getUTCDate() !== +d! || +h! > 23 || +mi! > 59 || +s! > 59) return null;
  return `${y}-${mo}-${d} ${h}:${mi}:${s}`;
}

function dayNumber(civilDate: string): number {
  const [y, m, d] = civilDate.slice(0, 10).split('-').map(Number);
  return Date.UTC(y!, m! - 1, d!) / 86_400_000;
}

/** Whole days between the photo's date and the record's date (both civil dates, no time zone involved). */
export function exifDayGap(exifTakenAt: string, occurredOn: string): number {
  return Math.abs(dayNumber(exifTakenAt) - dayNumber(occurredOn));
}

export function exifDateWarning(exifTakenAt: string | null, occurredOn: string) {
  if (!exifTakenAt) return null;
  const gap = exifDayGap(exifTakenAt, occurredOn);
  if (gap <= EVIDENCE_LIMITS.exifToleranceDays) return null;
  return {
    code: 'exif_date_mismatch' as const,
    message: `照片拍摄时间 ${exifTakenAt.slice(0, 10)} 与记录日期 ${occurredOn} 相差 ${gap} 天`,
  };
}

/**
 * The name a download gets: the uploader's base name with the extension of what the bytes really are,
 * so a JPEG uploaded as "x.exe" downloads as "x.jpg". Control and path characters are dropped.
 */
export function storedFileName(original: string | undefined, ext: string): string {
  const base = (original ?? '').split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '').trim();
  const stem = base.replace(/\.[^.]*$/, '').slice(0, 100) || '佐证材料';
  return `${stem}.${ext}`;
}

/** RFC 6266 / 5987: an ASCII fallback plus the UTF-8 name, so Chinese names survive every browser. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

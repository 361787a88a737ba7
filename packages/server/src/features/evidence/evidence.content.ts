import { createHash } from 'node:crypto';
import exifr from 'exifr';
import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import { BadRequestError } from '../../http/errors';
import { ACCEPTED_LABEL, acceptedType, classifyCompoundFile, differenceHash, normalizeExifTime, type AcceptedType } from './evidence.fns';

/** Decoding a small file into a huge bitmap is the classic image bomb: 50 megapixels is a large phone photo. */
const MAX_PIXELS = 50_000_000;
const THUMBNAIL_EDGE = 320;

export interface Inspected {
  type: AcceptedType;
  sha256: string;
  width: number | null;
  height: number | null;
  imageHash: string | null;
  thumbnail: Buffer | null;
  exifTakenAt: string | null;
  exifLatitude: number | null;
  exifLongitude: number | null;
}

const refused = (message: string) => new BadRequestError(message, [{ path: 'body.file', message }]);

/** What the bytes are — by their signature, never by the name or the browser's Content-Type. */
export async function detectType(bytes: Buffer): Promise<AcceptedType> {
  const detected = await fileTypeFromBuffer(bytes);
  const mime = detected?.ext === 'cfb' ? classifyCompoundFile(bytes) : detected?.mime;
  const type = acceptedType(mime);
  if (!type) {
    const what = detected ? `（识别为 ${detected.ext} 文件）` : '';
    throw refused(`文件类型不允许${what}：只能上传 ${ACCEPTED_LABEL}`);
  }
  return type;
}

/** Everything learnt from an upload before it is stored: type, digest, thumbnail, perceptual hash, EXIF. */
export async function inspect(bytes: Buffer): Promise<Inspected> {
  const type = await detectType(bytes);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const result: Inspected = { type, sha256, width: null, height: null, imageHash: null, thumbnail: null, exifTakenAt: null, exifLatitude: null, exifLongitude: null };
  if (type.category !== 'image') return result;
  Object.assign(result, await readExif(bytes));
  if (!type.decodable) return result;
  try {
    const open = () => sharp(bytes, { limitInputPixels: MAX_PIXELS, failOn: 'error' }).rotate();
    const meta = await sharp(bytes, { limitInputPixels: MAX_PIXELS }).metadata();
    const turned = (meta.orientation ?? 1) >= 5; // EXIF orientations 5–8 swap width and height
    result.width = (turned ? meta.height : meta.width) ?? null;
    result.height = (turned ? meta.width : meta.height) ?? null;
    result.thumbnail = await open().resize(THUMBNAIL_EDGE, THUMBNAIL_EDGE, { fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 75 }).toBuffer();
    // fit 'fill' ignores the aspect ratio on purpose: the hash compares structure, and a crop-free resize keeps it.
    const gray = await open().grayscale().resize(9, 8, { fit: 'fill' }).raw().toBuffer();
    result.imageHash = differenceHash(new Uint8Array(gray.buffer, gray.byteOffset, gray.length));
  } catch {
    throw refused('图片已损坏或过大，无法读取');
  }
  return result;
}

async function readExif(bytes: Buffer) {
  try {
    const tags = await exifr.parse(bytes, {
      pick: ['DateTimeOriginal', 'CreateDate', 'GPSLatitude', 'GPSLongitude', 'GPSLatitudeRef', 'GPSLongitudeRef'],
      reviveValues: false, // keep the camera's wall-clock text; a Date would be shifted by the server's time zone
    }) as Record<string, unknown> | undefined;
    const lat = Number(tags?.latitude);
    const lon = Number(tags?.longitude);
    const gpsOk = Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180 && !(lat === 0 && lon === 0);
    return {
      exifTakenAt: normalizeExifTime(tags?.DateTimeOriginal) ?? normalizeExifTime(tags?.CreateDate),
      exifLatitude: gpsOk ? lat : null,
      exifLongitude: gpsOk ? lon : null,
    };
  } catch {
    return {}; // no or unreadable EXIF is normal (screenshots, messaging apps strip it)
  }
}

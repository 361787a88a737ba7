import { describe, expect, it } from 'vitest';
import { classifyCompoundFile, contentDisposition, differenceHash, exifDateWarning, hammingDistance, normalizeExifTime, storedFileName } from './evidence.fns';

describe('evidence rules', () => {
  it('reads EXIF wall-clock times and drops the zeros some cameras write', () => {
    expect(normalizeExifTime('2026:03:01 09:30:00')).toBe('2026-03-01 09:30:00');
    expect(normalizeExifTime('0000:00:00 00:00:00')).toBeNull();
    expect(normalizeExifTime('2026:02:30 10:00:00')).toBeNull();
    expect(normalizeExifTime(undefined)).toBeNull();
  });

  it('S4.8 warns only beyond one day between photo and record, across month ends', () => {
    expect(exifDateWarning('2026-02-28 23:00:00', '2026-03-01')).toBeNull();
    expect(exifDateWarning('2026-03-02 08:00:00', '2026-03-01')).toBeNull();
    expect(exifDateWarning('2026-02-27 23:59:59', '2026-03-01')?.message).toBe('照片拍摄时间 2026-02-27 与记录日期 2026-03-01 相差 2 天');
    expect(exifDateWarning(null, '2026-03-01')).toBeNull();
  });

  it('hashes 9×8 pixels into 64 bits and counts differing bits', () => {
    const ramp = Uint8Array.from({ length: 72 }, (_, i) => i % 9);
    expect(differenceHash(ramp)).toBe('0'.repeat(64));
    expect(differenceHash(Uint8Array.from(ramp, (v) => 8 - v))).toBe('1'.repeat(64));
    expect(hammingDistance('0101', '0110')).toBe(2);
  });

  it('names downloads after what the bytes are, safely', () => {
    expect(storedFileName('活动照片.exe', 'jpg')).toBe('活动照片.jpg');
    expect(storedFileName('C:\\Users\\a\\"x".pdf', 'pdf')).toBe('x.pdf');
    expect(storedFileName(undefined, 'png')).toBe('佐证材料.png');
    expect(contentDisposition("it's (1).pdf")).toContain("filename*=UTF-8''it%27s%20%281%29.pdf");
    expect(contentDisposition('纪要 "1".pdf')).toBe(`attachment; filename="__ _1_.pdf"; filename*=UTF-8''${encodeURIComponent('纪要 "1".pdf')}`);
  });

  it('tells Word and Excel compound files from other compound files (installers)', () => {
    const cfb = (stream: string) => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), Buffer.alloc(100), Buffer.from(stream, 'utf16le')]);
    expect(classifyCompoundFile(cfb('WordDocument'))).toBe('application/msword');
    expect(classifyCompoundFile(cfb('Workbook'))).toBe('application/vnd.ms-excel');
    expect(classifyCompoundFile(cfb('MsiDigitalSignatureEx'))).toBeUndefined();
  });
});

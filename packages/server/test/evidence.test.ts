import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerBuiltinTemplates } from '../src/features/templates/builtin';
import { createProgram } from '../src/features/programs/programs.service';
import { SYSTEM_ACTOR, systemContext } from '../src/system-actor';
import { auditorOf, loginAs, seedUser, testApp, type Client } from './helpers';

/**
 * Evidence behind records (S3.8 data that cannot be checked does not count; S4.8 verification;
 * X.2 every number opens the records and evidence behind it): real uploads through multipart into
 * the real store, real images made with sharp, real EXIF written into them.
 */
let t: Awaited<ReturnType<typeof testApp>>;
let county: Client; // manager of 梅县区: records his townships' work
let city: Client; // viewer at 梅州, the program's issuer: reviews
let village: Client; // reporter at 丙村村团支部: sees only his own branch
let sibling: Client; // reporter at 雁洋镇: another township of the same county
let outsider: Client; // manager of 兴宁市, the sibling county
let admin: Client;
let programId: number;

/** A photo-like picture: soft coloured blobs placed by a seeded generator, so each seed is another scene. */
function scene(seed: number, w = 640, h = 480) {
  let s = seed;
  const rnd = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const blobs = Array.from({ length: 12 }, () => ({ x: rnd() * w, y: rnd() * h, r: 40 + rnd() * 160, c: [rnd() * 255, rnd() * 255, rnd() * 255] }));
  const px = Buffer.alloc(w * h * 3);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const acc = [30, 30, 30];
      for (const b of blobs) {
        const k = Math.exp(-((x - b.x) ** 2 + (y - b.y) ** 2) / (2 * b.r * b.r));
        for (let i = 0; i < 3; i++) acc[i]! += b.c[i]! * k;
      }
      for (let i = 0; i < 3; i++) px[(y * w + x) * 3 + i] = Math.min(255, acc[i]!);
    }
  }
  return sharp(px, { raw: { width: w, height: h, channels: 3 } });
}

const exifJpeg = (seed: number, takenAt: string, gps?: { lat: string; lon: string }) => scene(seed, 320, 240).jpeg().withExif({
  IFD2: { DateTimeOriginal: takenAt },
  ...(gps ? { IFD3: { GPSLatitudeRef: 'N', GPSLatitude: gps.lat, GPSLongitudeRef: 'E', GPSLongitude: gps.lon } } : {}),
}).toBuffer();

const pdf = (n: number) => Buffer.from(`%PDF-1.4\n% 第${n}份会议纪要\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);

function upload(c: Client, recordId: number, fileName: string, bytes: Buffer, contentType = 'application/octet-stream') {
  const boundary = '----tj-evidence-boundary';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return t.app.inject({
    method: 'POST', url: `/api/records/${recordId}/evidence`, payload,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'x-csrf-token': c.csrfToken }, cookies: { tj_session: c.cookie },
  });
}
const remove = (c: Client, id: number) =>
  t.app.inject({ method: 'DELETE', url: `/api/evidence/${id}`, headers: { 'x-csrf-token': c.csrfToken }, cookies: { tj_session: c.cookie } });

async function newRecord(orgId: number, occurredOn: string, placeOrgId?: number) {
  const res = await county.post(`/api/programs/${programId}/records`, { kind: 'site_supervision', orgId, occurredOn, placeOrgId, fields: { visited_org: '丙村村团支部' } });
  expect(res.statusCode, res.body).toBe(200);
  return (await t.database.query<{ id: number }>('SELECT max(id)::int AS id FROM records'))[0]!.id;
}

let recA: number; // 丙村镇's supervision on 2026-03-01 at 丙村村
let recB: number; // 丙村村团支部's own record
let photo: Buffer;

beforeAll(async () => {
  t = await testApp();
  await registerBuiltinTemplates(t.database.db);
  const templateId = (await t.database.query<{ id: number }>("SELECT id FROM program_templates WHERE key = 's0-meizhou-pairing'"))[0]!.id;
  programId = await createProgram(t.database.db, systemContext('test'), SYSTEM_ACTOR, { templateId, issuerOrgId: t.tree.mz, scopeOrgId: t.tree.mx, year: 2026 });
  await seedUser(t.database, 'ev_county', 'manager', t.tree.mx);
  await seedUser(t.database, 'ev_city', 'viewer', t.tree.mz);
  await seedUser(t.database, 'ev_village', 'reporter', t.tree.bc1);
  await seedUser(t.database, 'ev_sibling', 'reporter', t.tree.sy);
  await seedUser(t.database, 'ev_outsider', 'manager', t.tree.xn);
  await seedUser(t.database, 'ev_admin', 'administrator', 1);
  county = await loginAs(t.app, 'ev_county');
  city = await loginAs(t.app, 'ev_city');
  village = await loginAs(t.app, 'ev_village');
  sibling = await loginAs(t.app, 'ev_sibling');
  outsider = await loginAs(t.app, 'ev_outsider');
  admin = await loginAs(t.app, 'ev_admin');
  recA = await newRecord(t.tree.bc, '2026-03-01', t.tree.bc1);
  recB = await newRecord(t.tree.bc1, '2026-03-02');
  photo = await scene(1).jpeg({ quality: 92 }).toBuffer();
}, 60_000);
// Closed here: the afterAll that testApp registers from inside beforeAll never runs, and closing removes the temp store.
afterAll(async () => {
  await t.app.close();
  await t.database.close();
});

describe('S3.8/S4.8 evidence on a record: upload, list, download', () => {
  let id: number;

  it('S3.8 a photo is typed from its bytes, digested and listed with the record it backs', async () => {
    const res = await upload(county, recA, '现场照片.jpeg', photo, 'image/jpeg');
    expect(res.statusCode, res.body).toBe(200);
    const e = res.json();
    id = e.id;
    const { createHash } = await import('node:crypto');
    expect(e).toMatchObject({
      recordId: recA, fileName: '现场照片.jpg', mediaType: 'image/jpeg', category: 'image', sizeBytes: photo.length,
      sha256: createHash('sha256').update(photo).digest('hex'), width: 640, height: 480, hasThumbnail: true, duplicateOf: null, warnings: [],
    });
    const list = (await county.get(`/api/records/${recA}/evidence`)).json();
    expect(list.record).toMatchObject({ id: recA, occurredOn: '2026-03-01', placeName: '丙村村团支部', orgName: '丙村镇团委' });
    expect(list.canChange).toBe(true);
    expect(list.items.map((x: { id: number }) => x.id)).toEqual([id]);
  });

  it('X.2 the file downloads unchanged, with its real type, a safe name and nosniff', async () => {
    const res = await county.get(`/api/evidence/${id}`);
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(photo)).toBe(true);
    expect(res.headers['content-type']).toBe('image/jpeg');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('现场照片.jpg')}`);
    expect(res.headers['content-disposition']).toMatch(/^attachment;/);
  });

  it('images get a thumbnail that is itself a small image', async () => {
    const res = await county.get(`/api/evidence/${id}/thumbnail`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/jpeg');
    const meta = await sharp(res.rawPayload).metadata();
    expect(meta.format).toBe('jpeg');
    expect(Math.max(meta.width!, meta.height!)).toBe(320);
  });

  it('documents are accepted by content too: a PDF named .txt is stored as .pdf, without thumbnail', async () => {
    const res = await upload(county, recA, '会议纪要.txt', pdf(1), 'text/plain');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ fileName: '会议纪要.pdf', mediaType: 'application/pdf', category: 'document', hasThumbnail: false, thumbnailUrl: null });
    expect((await county.get(`/api/evidence/${res.json().id}/thumbnail`)).statusCode).toBe(404);
  });
});

describe('S3.8 refused uploads: disguised, oversize, too many', () => {
  it('an .exe renamed .jpg is refused with a Chinese 400, whatever the browser claims', async () => {
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(0x3a), Buffer.from([0x80, 0, 0, 0]), Buffer.alloc(0x40), Buffer.from('PE\0\0'), Buffer.alloc(200)]);
    const res = await upload(county, recA, '活动照片.jpg', exe, 'image/jpeg');
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/文件类型不允许.*exe/);
    expect(res.json().fields[0].path).toBe('body.file');
    const text = await upload(county, recA, '照片.png', Buffer.from('这不是图片'), 'image/png');
    expect(text.statusCode).toBe(400);
  });

  it('a file over 10 MB is refused and nothing is stored', async () => {
    const big = Buffer.concat([photo, Buffer.alloc(10 * 1024 * 1024)]);
    const res = await upload(county, recA, '大图.jpg', big, 'image/jpeg');
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe('文件超过 10 MB 上限');
    expect((await county.get(`/api/records/${recA}/evidence`)).json().items).toHaveLength(2);
  });

  it('at most 9 photos and 20 files per record', async () => {
    const rec = await newRecord(t.tree.sy, '2026-03-03');
    for (let i = 0; i < 9; i++) {
      const png = await sharp({ create: { width: 16, height: 16, channels: 3, background: { r: i * 20, g: 100, b: 50 } } }).png().toBuffer();
      expect((await upload(county, rec, `p${i}.png`, png)).statusCode).toBe(200);
    }
    const tenth = await upload(county, rec, 'p9.jpg', photo);
    expect(tenth.statusCode).toBe(400);
    expect(tenth.json().message).toBe('每条记录最多上传 9 张照片');
    for (let i = 0; i < 11; i++) expect((await upload(county, rec, `d${i}.pdf`, pdf(i))).statusCode).toBe(200);
    const last = await upload(county, rec, 'd11.pdf', pdf(11));
    expect(last.statusCode).toBe(400);
    expect(last.json().message).toBe('每条记录最多上传 20 个文件');
  }, 30_000);
});

describe('S4.8 the same photo on two records is flagged to the reviewer', () => {
  it('byte-identical: the same file attached to another record names the first record', async () => {
    const res = await upload(county, recB, 'copy.jpg', photo);
    expect(res.statusCode).toBe(200);
    expect(res.json().duplicateOf).toMatchObject({ kind: 'identical', recordId: recA, distance: 0 });
    const list = (await city.get(`/api/records/${recB}/evidence`)).json(); // the reviewer at the issuing city
    expect(list.items[0].duplicateOf.message).toContain(`记录 #${recA}`);
  });

  it('near-duplicate: the same photo re-encoded at another quality and resized is flagged; a different photo is not', async () => {
    const reencoded = await scene(1).resize(560).jpeg({ quality: 55 }).toBuffer();
    const similar = await upload(county, recB, 'again.jpg', reencoded);
    expect(similar.json().duplicateOf).toMatchObject({ kind: 'similar', recordId: recA });
    expect(similar.json().duplicateOf.distance).toBeLessThanOrEqual(6);
    const other = await upload(county, recB, 'other.jpg', await scene(2).jpeg().toBuffer());
    expect(other.json().duplicateOf).toBeNull();
  });

  it('the flag does not name a record the viewer may not see', async () => {
    const list = (await village.get(`/api/records/${recB}/evidence`)).json(); // 丙村村 does not see 丙村镇's record
    const flagged = list.items.find((x: { fileName: string }) => x.fileName === 'copy.jpg');
    expect(flagged.duplicateOf).toMatchObject({ kind: 'identical', recordId: null, evidenceId: null });
    expect(flagged.duplicateOf.message).toContain('管理范围外');
  });
});

describe('S4.8 EXIF time and place beside the record date and place', () => {
  it('a photo taken 9 days before the record date is warned about; one taken the day before is not', async () => {
    const rec = await newRecord(t.tree.bc2, '2026-03-10', t.tree.bc2);
    const off = await upload(county, rec, 'old.jpg', await exifJpeg(11, '2026:03:01 09:30:00', { lat: '24/1 16/1 12/1', lon: '116/1 4/1 48/1' }));
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toMatchObject({ exifTakenAt: '2026-03-01 09:30:00' });
    expect(off.json().exifLatitude).toBeCloseTo(24.27, 2);
    expect(off.json().exifLongitude).toBeCloseTo(116.08, 2);
    expect(off.json().warnings).toEqual([{ code: 'exif_date_mismatch', message: '照片拍摄时间 2026-03-01 与记录日期 2026-03-10 相差 9 天' }]);
    const near = await upload(county, rec, 'eve.jpg', await exifJpeg(12, '2026:03:09 21:00:00'));
    expect(near.json()).toMatchObject({ exifTakenAt: '2026-03-09 21:00:00', exifLatitude: null, warnings: [] });
    const list = (await city.get(`/api/records/${rec}/evidence`)).json();
    expect(list.record).toMatchObject({ occurredOn: '2026-03-10', placeName: '东岭村团支部' });
    expect(list.items.map((x: { warnings: unknown[] }) => x.warnings.length)).toEqual([1, 0]); // stored, not recomputed
  });
});

describe('scope of evidence: files are served only to those who see the record', () => {
  let id: number;
  beforeAll(async () => {
    id = (await county.get(`/api/records/${recA}/evidence`)).json().items[0].id;
  });

  it('the issuing city sees and downloads; the sibling county and a sibling township read 404', async () => {
    expect((await city.get(`/api/evidence/${id}`)).statusCode).toBe(200);
    for (const c of [outsider, sibling]) {
      expect((await c.get(`/api/evidence/${id}`)).statusCode).toBe(404);
      expect((await c.get(`/api/evidence/${id}/thumbnail`)).statusCode).toBe(404);
      expect((await c.get(`/api/records/${recA}/evidence`)).statusCode).toBe(404);
      expect((await upload(c, recA, 'x.jpg', photo)).statusCode).toBe(404);
      expect((await remove(c, id)).statusCode).toBe(404);
    }
    expect((await village.get(`/api/evidence/${id}`)).statusCode).toBe(404); // below the record's org
  });

  it('a viewer may look but not attach or remove', async () => {
    expect((await upload(city, recA, 'x.jpg', photo)).statusCode).toBe(403);
    expect((await remove(city, id)).statusCode).toBe(403);
    expect((await city.get(`/api/records/${recA}/evidence`)).json().canChange).toBe(false);
  });
});

describe('removing evidence', () => {
  it('is possible while the record is open, audited, and the file is gone', async () => {
    const up = await upload(county, recB, 'wrong.pdf', pdf(99));
    const id = up.json().id;
    const res = await remove(county, id);
    expect(res.statusCode).toBe(200);
    expect((await county.get(`/api/evidence/${id}`)).statusCode).toBe(404);
    const audit = (await (await auditorOf(t)).get('/api/audit?objectType=evidence')).json().items;
    expect(audit.filter((e: { objectId: string }) => e.objectId === String(id)).map((e: { action: string }) => e.action).sort())
      .toEqual(['evidence.create', 'evidence.delete']);
  });

  it('S4.8 a verified record keeps its evidence: no removal, no new files', async () => {
    const rec = await newRecord(t.tree.bc, '2026-03-05');
    const id = (await upload(county, rec, 'kept.pdf', pdf(100))).json().id;
    await t.database.query("UPDATE records SET status = 'verified' WHERE id = $1", [rec]);
    const del = await remove(county, id);
    expect(del.statusCode).toBe(400);
    expect(del.json().message).toContain('已核实');
    expect((await upload(county, rec, 'late.pdf', pdf(101))).statusCode).toBe(400);
    expect((await county.get(`/api/evidence/${id}`)).statusCode).toBe(200);
    expect((await county.get(`/api/records/${rec}/evidence`)).json().canChange).toBe(false);
  });
});

import ExcelJS from 'exceljs';
import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { readTable } from '../src/files/tabular';
import { ZIP_LIMITS } from '../src/files/zip-guard';
import { createProgram } from '../src/features/programs/programs.service';
import { registerBuiltinTemplates } from '../src/features/templates/builtin';
import { SYSTEM_ACTOR, systemContext } from '../src/system-actor';
import { loginAs, seedUser, testApp, type Client } from './helpers';

/**
 * Issue 9, uploads and imports: an xlsx zip bomb is refused before the xlsx reader inflates it, and text that
 * Excel would run as a formula (=cmd|…) leaves every export as plain text.
 */
let t: Awaited<ReturnType<typeof testApp>>;
let mgr: Client;
let sec: Client;
let programId: number;

beforeAll(async () => {
  t = await testApp();
  await seedUser(t.database, 'mgr', 'manager', t.tree.mx);
  await seedUser(t.database, 'sec', 'security_admin', 1);
  mgr = await loginAs(t.app, 'mgr');
  sec = await loginAs(t.app, 'sec');
  await registerBuiltinTemplates(t.database.db);
  const templateId = (await t.database.query<{ id: number }>("SELECT id FROM program_templates WHERE key = 's0-meizhou-pairing'"))[0]!.id;
  programId = await createProgram(t.database.db, systemContext('test'), SYSTEM_ACTOR, { templateId, issuerOrgId: t.tree.mx, scopeOrgId: t.tree.mx, year: 2026 });
});

// ── a hand-made xlsx: the parts Excel needs, written as a zip by hand so that its central directory can say anything ──

interface Part { name: string; method: 0 | 8; data: Buffer; crc: number; size: number }
const xml = (s: string) => Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${s}`);
const NS = 'http://schemas.openxmlformats.org';
const deflated = (name: string, content: Buffer): Part => ({ name, method: 8, data: deflateRawSync(content), crc: crc32(content), size: content.length });

const SHEET_HEAD = `<worksheet xmlns="${NS}/spreadsheetml/2006/main"><sheetData>`;
const SHEET_TAIL = '</sheetData></worksheet>';
const row = (r: number, cells: string[]) => `<row r="${r}">${cells.map((c, i) => `<c r="${String.fromCharCode(65 + i)}${r}" t="inlineStr"><is><t>${c}</t></is></c>`).join('')}</row>`;

function frame(sheet: Part): Part[] {
  return [
    deflated('[Content_Types].xml', xml(`<Types xmlns="${NS}/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`)),
    deflated('_rels/.rels', xml(`<Relationships xmlns="${NS}/package/2006/relationships"><Relationship Id="rId1" Type="${NS}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)),
    deflated('xl/workbook.xml', xml(`<workbook xmlns="${NS}/spreadsheetml/2006/main" xmlns:r="${NS}/officeDocument/2006/relationships"><sheets><sheet name="名单" sheetId="1" r:id="rId1"/></sheets></workbook>`)),
    deflated('xl/_rels/workbook.xml.rels', xml(`<Relationships xmlns="${NS}/package/2006/relationships"><Relationship Id="rId1" Type="${NS}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`)),
    sheet,
  ];
}

/** Local headers, data, central directory, end record — `declare` may overstate nothing or lie about a part's size. */
function zip(parts: Part[], declare: (p: Part) => number = (p) => p.size): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(0x0800, 6); local.writeUInt16LE(p.method, 8);
    local.writeUInt32LE(p.crc >>> 0, 14); local.writeUInt32LE(p.data.length, 18); local.writeUInt32LE(declare(p), 22); local.writeUInt16LE(name.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0); dir.writeUInt16LE(20, 4); dir.writeUInt16LE(20, 6); dir.writeUInt16LE(0x0800, 8); dir.writeUInt16LE(p.method, 10);
    dir.writeUInt32LE(p.crc >>> 0, 16); dir.writeUInt32LE(p.data.length, 20); dir.writeUInt32LE(declare(p), 24); dir.writeUInt16LE(name.length, 28); dir.writeUInt32LE(offset, 42);
    chunks.push(local, name, p.data);
    central.push(dir, name);
    offset += 30 + name.length + p.data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(parts.length, 8); end.writeUInt16LE(parts.length, 10); end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, cd, end]);
}

/**
 * A well-formed sheet — a header row, then `megabytes` MB of indentation before the closing tags — deflated as a
 * stream, so that the test never holds the inflated XML.
 */
async function bombSheet(megabytes: number): Promise<Part> {
  const block = Buffer.alloc(1 << 20, ' ');
  block[0] = 0x0a;
  const head = Buffer.from(SHEET_HEAD + row(1, ['编码', '名称', '上级编码', '类型']));
  const tail = Buffer.from(SHEET_TAIL);
  const out: Buffer[] = [];
  const deflate = createDeflateRaw({ level: 9 });
  deflate.on('data', (c: Buffer) => out.push(c));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  let crc = crc32(head);
  deflate.write(head);
  for (let i = 0; i < megabytes; i++) {
    crc = crc32(block, crc);
    if (!deflate.write(block)) await new Promise((r) => deflate.once('drain', r));
  }
  crc = crc32(tail, crc);
  deflate.end(tail);
  await done;
  return { name: 'xl/worksheets/sheet1.xml', method: 8, data: Buffer.concat(out), crc, size: head.length + megabytes * (1 << 20) + tail.length };
}

function upload(c: Client, url: string, file: Buffer) {
  const boundary = 'bomb-boundary';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="dryRun"\r\n\r\ntrue\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="名单.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return t.app.inject({ method: 'POST', url, payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'x-csrf-token': c.csrfToken }, cookies: { tj_session: c.cookie } });
}

/** Runs `fn` and reports how long it took and how far the heap and buffers grew meanwhile (sampled every 5 ms). */
async function measured<T>(fn: () => Promise<T>) {
  const used = () => { const m = process.memoryUsage(); return m.heapUsed + m.arrayBuffers; };
  const before = used();
  let peak = before;
  const timer = setInterval(() => { peak = Math.max(peak, used()); }, 5);
  const started = performance.now();
  try {
    const result = await fn();
    peak = Math.max(peak, used());
    return { result, ms: performance.now() - started, grewBy: peak - before };
  } finally {
    clearInterval(timer);
  }
}

describe('xlsx zip bombs', () => {
  let bomb: Part;
  beforeAll(async () => { bomb = await bombSheet(400); }, 120_000);

  it('the hand-made xlsx is a real one: the same builder with an ordinary sheet reads as a table', async () => {
    const sheet = Buffer.from(SHEET_HEAD + row(1, ['编码', '名称', '上级编码', '类型']) + row(2, ['BOMB-OK', '正常支部', '441403113', 'branch']) + SHEET_TAIL);
    const table = await readTable(zip(frame(deflated('xl/worksheets/sheet1.xml', sheet))));
    expect(table).toEqual({ headers: ['编码', '名称', '上级编码', '类型'], rows: [['BOMB-OK', '正常支部', '441403113', 'branch']] });
  });

  it('a 400 MB sheet in a small upload is refused with 400 at once, on the org and the pairing import alike, without inflating it', async () => {
    const file = zip(frame(bomb));
    expect(file.length).toBeLessThan(2 * 1024 * 1024); // what arrives is small; what it holds is 400 MB
    for (const url of ['/api/orgs/import', `/api/programs/${programId}/pairings/import`]) {
      const { result: res, ms, grewBy } = await measured(() => upload(mgr, url, file));
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().message).toMatch(/解压后过大.*压缩炸弹/);
      expect(res.json().fields[0].path).toBe('body.file');
      expect(ms).toBeLessThan(2_000);
      expect(grewBy).toBeLessThan(64 * 1024 * 1024);
    }
    // nothing half-applied: no job ran, no org appeared
    expect((await t.database.query<{ n: number }>("SELECT count(*)::int AS n FROM orgs WHERE code = '441403' AND name = '炸弹'"))[0]!.n).toBe(0);
  });

  it('a central directory that lies (says 20 times the compressed size, holds 400 MB) is caught while inflating, as soon as the part passes what it declared', async () => {
    const file = zip(frame(bomb), (p) => (p === bomb ? p.data.length * 20 : p.size));
    const { result: res, ms, grewBy } = await measured(() => upload(mgr, '/api/orgs/import', file));
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().message).toMatch(/大于其声明的大小.*压缩炸弹/);
    expect(ms).toBeLessThan(2_000);
    expect(grewBy).toBeLessThan(64 * 1024 * 1024);
  });

  it('a part that compresses past the ratio cap is refused even when the total is small', async () => {
    const spaces = Buffer.alloc(8 * 1024 * 1024, 0x20); // 8 MB of spaces deflate about 1,000 times
    const sheet = Buffer.concat([Buffer.from(SHEET_HEAD), spaces, Buffer.from(SHEET_TAIL)]);
    const file = zip(frame(deflated('xl/worksheets/sheet1.xml', sheet)));
    expect(sheet.length).toBeLessThan(ZIP_LIMITS.maxUncompressedBytes);
    const res = await upload(mgr, '/api/orgs/import', file);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().message).toMatch(/压缩比异常/);
  });

  it('a damaged zip (truncated) answers 400, never 500', async () => {
    const file = zip(frame(deflated('xl/worksheets/sheet1.xml', Buffer.from(SHEET_HEAD + SHEET_TAIL))));
    for (const cut of [file.subarray(0, file.length - 30), file.subarray(0, 200)]) {
      const res = await upload(mgr, '/api/orgs/import', cut);
      expect(res.statusCode, res.body).toBe(400);
    }
  });

  it('an ordinary large import still passes the guard and reads (20,000 rows written by exceljs)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('s');
    ws.addRow(['编码', '名称', '上级编码', '类型']);
    for (let i = 0; i < 20_000; i++) ws.addRow([`BIG-${i}`, `某镇某村团支部${i}`, '441403113', 'branch']);
    const table = await readTable(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(table.rows).toHaveLength(20_000);
  });
});

describe('formula injection in exported cells', () => {
  const HOSTILE = ["=cmd|' /C calc'!A0", "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", '=HYPERLINK("http://evil.example/x","点击查看")'];

  async function cells(buffer: Buffer, column: string) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const at = (ws.getRow(1).values as unknown[]).indexOf(column);
    expect(at, column).toBeGreaterThan(0);
    const out: ExcelJS.Cell[] = [];
    ws.eachRow((r, n) => { if (n > 1) out.push(r.getCell(at)); });
    return out;
  }

  it('an org named =cmd|… exports as text, not a formula (组织 export)', async () => {
    const ids: number[] = [];
    for (const [i, name] of HOSTILE.entries()) {
      const res = await mgr.post('/api/orgs', { parentId: t.tree.bc, code: `FX-${i}`, name, kind: 'branch' });
      expect(res.statusCode, res.body).toBe(200);
      ids.push(res.json().id);
    }
    const res = await mgr.get(`/api/orgs/export?under=${t.tree.bc}`);
    expect(res.statusCode).toBe(200);
    const names = (await cells(res.rawPayload, '名称')).filter((c) => HOSTILE.some((h) => String(c.value).endsWith(h)));
    expect(names).toHaveLength(HOSTILE.length);
    for (const c of names) {
      expect(c.type).toBe(ExcelJS.ValueType.String);
      expect(c.formula).toBeUndefined();
      expect(HOSTILE.map((h) => `'${h}`)).toContain(c.value); // shown as typed, the apostrophe keeps Excel from reading it
    }
  });

  it('a user whose display name is =cmd|… exports as text (用户 export)', async () => {
    const made = await sec.post('/api/users', { username: 'fx_user', displayName: HOSTILE[0], role: 'viewer', orgId: t.tree.mx, password: 'Fx#Passw0rd-2026' });
    expect(made.statusCode, made.body).toBe(200);
    const res = await sec.get('/api/users/export');
    expect(res.statusCode).toBe(200);
    const cell = (await cells(res.rawPayload, '姓名')).find((c) => String(c.value).includes('cmd|'))!;
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.formula).toBeUndefined();
    expect(cell.value).toBe(`'${HOSTILE[0]}`);
  });
});

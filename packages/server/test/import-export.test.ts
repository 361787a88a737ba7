import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loginAs, seedUser, testApp, type Client } from './helpers';

let t: Awaited<ReturnType<typeof testApp>>;
let mgr: Client;
let viewer: Client;

beforeAll(async () => {
  t = await testApp();
  await seedUser(t.database, 'mgr', 'manager', t.tree.mz);
  await seedUser(t.database, 'view', 'viewer', t.tree.mz);
  mgr = await loginAs(t.app, 'mgr');
  viewer = await loginAs(t.app, 'view');
});

function multipart(fields: Record<string, string>, file: { name: string; type: string; data: Buffer }) {
  const boundary = '----tj' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.data, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function runImport(c: Client, data: Buffer, fields: Record<string, string> = {}, name = 'orgs.csv') {
  const m = multipart(fields, { name, type: 'text/csv', data });
  const res = await t.app.inject({ method: 'POST', url: '/api/orgs/import', payload: m.payload, headers: { ...m.headers, 'x-csrf-token': c.csrfToken }, cookies: { tj_session: c.cookie } });
  expect(res.statusCode, res.body).toBe(200);
  const { jobId } = res.json();
  for (;;) {
    const job = (await c.get(`/api/jobs/${jobId}`)).json();
    if (job.state !== 'running') return job;
    await new Promise((r) => setTimeout(r, 50));
  }
}

const csv = (rows: string[]) => Buffer.from(['编码,名称,上级编码,类型,领域,状态,书记姓名,书记手机', ...rows].join('\n'));

describe('org import (all-or-nothing, row-level report) and export', () => {
  it('reports every bad row and applies nothing', async () => {
    const job = await runImport(mgr, csv([
      'IMP-1,东岭村青年突击队,441403113202,类团组织,农村,筹建中,陈一,13700000001',
      'IMP-2,,441403113,团支部,,,,',
      'IMP-3,外县支部,441481,团支部,,,,',
      'IMP-4,未知上级,NOPE,团支部,,,,',
      'IMP-5,坏类型,441403113,团小组,,,,',
    ]));
    expect(job.state).toBe('done');
    expect(job.result.applied).toBe(false);
    const rows = job.result.errors.map((e: { row: number; field: string }) => `${e.row}:${e.field}`);
    expect(rows).toEqual(expect.arrayContaining(['3:name', '5:parentCode', '6:kind']));
    const count = await t.database.query<{ n: number }>("SELECT count(*)::int AS n FROM orgs WHERE code LIKE 'IMP-%'");
    expect(count[0]!.n).toBe(0);
  });

  it('imports parents and children in one go, then re-import updates by code without duplicating', async () => {
    const file = csv([
      'IMP-C,丙村镇直属青年团支部,IMP-P,团支部,,,李二,13700000002',
      'IMP-P,丙村镇非公企业团总支,441403113,团总支,非公企业,已成立,,',
    ]);
    const dry = await runImport(mgr, file, { dryRun: 'true' });
    expect(dry.result).toMatchObject({ created: 2, applied: false, errors: [] });
    expect((await t.database.query<{ n: number }>("SELECT count(*)::int AS n FROM orgs WHERE code LIKE 'IMP-%'"))[0]!.n).toBe(0);
    const first = await runImport(mgr, file);
    expect(first.result).toMatchObject({ created: 2, updated: 0, applied: true });
    const again = await runImport(mgr, file);
    expect(again.result).toMatchObject({ created: 0, updated: 2, applied: true });
    const rows = await t.database.query<{ code: string; parent: string }>(
      "SELECT o.code, p.code AS parent FROM orgs o JOIN orgs p ON p.id = o.parent_id WHERE o.code LIKE 'IMP-%' ORDER BY o.code");
    expect(rows).toEqual([{ code: 'IMP-C', parent: 'IMP-P' }, { code: 'IMP-P', parent: '441403113' }]);
  });

  it('accepts an xlsx with a custom column mapping', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('s');
    ws.addRow(['组织代码', '组织名称', '上级', '组织类型']);
    ws.addRow(['IMP-X', '雁洋镇文旅青年团支部', '441403114', 'branch']);
    const data = Buffer.from(await wb.xlsx.writeBuffer());
    const job = await runImport(mgr, data, { mapping: JSON.stringify({ code: '组织代码', name: '组织名称', parentCode: '上级', kind: '组织类型' }) }, 'a.xlsx');
    expect(job.result).toMatchObject({ created: 1, applied: true });
  });

  it('exports the subtree to xlsx, masking mobiles for viewers and neutralising formulas', async () => {
    const org = (await mgr.get(`/api/orgs/${t.tree.bc2}`)).json();
    await mgr.patch(`/api/orgs/${t.tree.bc2}`, { version: org.version, name: '=HYPERLINK("http://x")' });
    const read = async (c: Client) => {
      const res = await c.get(`/api/orgs/export?under=${t.tree.bc}`);
      expect(res.statusCode).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      const rows: Record<string, unknown>[] = [];
      const headers = (ws.getRow(1).values as unknown[]).slice(1);
      ws.eachRow((r, n) => { if (n > 1) rows.push(Object.fromEntries(headers.map((h, i) => [String(h), r.getCell(i + 1).value]))); });
      return rows;
    };
    const forMgr = await read(mgr);
    const forViewer = await read(viewer);
    const branchMgr = forMgr.find((r) => r['编码'] === 'IMP-C')!;
    const branchViewer = forViewer.find((r) => r['编码'] === 'IMP-C')!;
    expect(branchMgr['书记手机']).toBe('13700000002');
    expect(branchViewer['书记手机']).toBe('137****0002');
    expect(forMgr.find((r) => r['编码'] === '441403113202')!['名称']).toBe(`'=HYPERLINK("http://x")`);
    expect(forMgr.every((r) => String(r['编码']).startsWith('4414031') || String(r['编码']).startsWith('IMP'))).toBe(true);
  });
});

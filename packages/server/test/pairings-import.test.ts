import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerBuiltinTemplates } from '../src/features/templates/builtin';
import { importDivisions } from '../src/features/orgs/divisions.import';
import { createOrg } from '../src/features/orgs/orgs.service';
import { loadDivisions } from '../src/features/orgs/divisions.source';
import { committeeFor } from '../src/features/orgs/divisions.naming';
import { createDepartment } from '../src/features/people/people.service';
import { SYSTEM_ACTOR, systemContext } from '../src/system-actor';
import { loginAs, seedUser, testApp, type Client, orgIdByCode } from './helpers';

let t: Awaited<ReturnType<typeof testApp>>;
let province: Client;
let huaihua: Client;
let reporter: Client;
const id = (code: string) => orgIdByCode(t.database, code);
const templateId = async (key: string) => (await t.database.query<{ id: number }>('SELECT id FROM program_templates WHERE key = $1', [key]))[0]!.id;

async function xlsx(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名单');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function upload(c: Client, programId: number, file: Buffer, fields: Record<string, string> = {}) {
  const boundary = 'pairing-boundary';
  const parts = Object.entries(fields).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join('');
  const body = Buffer.concat([
    Buffer.from(`${parts}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="roster.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return t.app.inject({ method: 'POST', url: `/api/programs/${programId}/pairings/import`, payload: body,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'x-csrf-token': c.csrfToken }, cookies: { tj_session: c.cookie } });
}

/** 广东 and its 21 real cities, without the 26,000 orgs below them that S3.1 does not need. */
async function guangdongCities() {
  const ctx = systemContext('test');
  const divisions = (await loadDivisions(['44'])).filter((d) => d.level === 'province' || d.level === 'city');
  const ids = new Map<string, number>([['', 1]]);
  for (const d of divisions) {
    const c = committeeFor(d, '广东省');
    const existing = (await t.database.query<{ id: number }>('SELECT id FROM orgs WHERE code = $1', [d.code]))[0]?.id; // the fixture's 广东 and 梅州
    if (existing) { ids.set(d.code, existing); continue; }
    ids.set(d.code, await createOrg(t.database.db, ctx, SYSTEM_ACTOR, { parentId: ids.get(d.parentCode ?? '')!, code: d.code, name: c.name, kind: 'committee', divisionCode: d.code, foundedOn: '2000-01-01' }));
  }
}

const count = async (sql: string, params: unknown[] = []) => (await t.database.query<{ n: number }>(sql, params))[0]!.n;

beforeAll(async () => {
  t = await testApp();
  await registerBuiltinTemplates(t.database.db);
  await importDivisions(t.database, systemContext('test'), ['431202']); // 怀化 鹤城区 (S1) with its townships
  await guangdongCities();
  await seedUser(t.database, 'gd_province', 'manager', await id('44'));
  await seedUser(t.database, 'hh_city', 'manager', await id('4312'));
  await seedUser(t.database, 'hh_reporter', 'reporter', await id('4312'));
  province = await loginAs(t.app, 'gd_province');
  huaihua = await loginAs(t.app, 'hh_city');
  reporter = await loginAs(t.app, 'hh_reporter');
}, 120_000);

describe('S3.1 the assignment table of the template applied to a program', () => {
  let programId: number;
  beforeAll(async () => {
    const gd = await id('44');
    programId = (await province.post('/api/programs', { templateId: await templateId('s3-guangdong-stationing'), issuerOrgId: gd, scopeOrgId: gd, year: 2019 })).json().id;
  });

  it('S3.1 names the departments the registry lacks, row by row, and saves nothing', async () => {
    await createDepartment(t.database.db, systemContext('test'), SYSTEM_ACTOR, await id('44'), '组织部');
    const res = await province.post(`/api/programs/${programId}/assignments/apply`, { dryRun: false });
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report.ok).toBe(false);
    expect(report.errors).toHaveLength(14); // 15 rows, 组织部 exists
    expect(report.errors[0]).toEqual({ row: 2, field: '部门（直属单位）', message: '找不到部室“办公室”，请先在组织详情中添加' });
    expect(report.errors.map((e: { row: number }) => e.row)).not.toContain(3); // 组织部 → 梅州, 清远 resolved
    expect(await count('SELECT count(*)::int AS n FROM pairings WHERE program_id = $1', [programId])).toBe(0);
    expect(await count("SELECT count(*)::int AS n FROM program_roles WHERE program_id = $1", [programId])).toBe(0);
  });

  it('S3.1 a dry run reports success without saving; applying pairs 15 departments with all 21 cities', async () => {
    const dry = (await province.post(`/api/programs/${programId}/assignments/apply`, { dryRun: true, createMissingDepartments: true })).json();
    expect(dry).toMatchObject({ ok: true, dryRun: true, errors: [] });
    expect(await count('SELECT count(*)::int AS n FROM departments WHERE org_id = $1', [await id('44')])).toBe(1);

    const applied = (await province.post(`/api/programs/${programId}/assignments/apply`, { createMissingDepartments: true })).json();
    expect(applied).toMatchObject({ ok: true, dryRun: false, pairings: 15, holdersAssigned: 15 + 21, errors: [] });
    const pairings = (await province.get(`/api/programs/${programId}/pairings`)).json().items;
    const org = pairings.find((p: { sides: Array<{ members: Array<{ name: string }> }> }) => p.sides[0]!.members[0]!.name.endsWith('组织部'));
    expect(org.sides[1].members.map((m: { name: string }) => m.name)).toEqual(['共青团梅州市委员会', '共青团清远市委员会']);
    const cities = new Set(pairings.flatMap((p: { sides: Array<{ members: Array<{ name: string }> }> }) => p.sides[1]!.members.map((m) => m.name)));
    expect(cities.size).toBe(21);
    const audited = await count("SELECT count(*)::int AS n FROM audit_log WHERE action IN ('pairing.create', 'holder.assign', 'department.create')");
    expect(audited).toBe(15 + 36 + 15); // 14 departments created here, 组织部 earlier
  });

  it('S3.1 applying the table twice pairs nobody twice', async () => {
    const again = (await province.post(`/api/programs/${programId}/assignments/apply`, {})).json();
    expect(again.ok).toBe(false);
    expect(again.errors.every((e: { message: string }) => e.message === '相同的结对已存在')).toBe(true);
    expect(await count('SELECT count(*)::int AS n FROM pairings WHERE program_id = $1', [programId])).toBe(15);
  });
});

describe('S1.1 a helper roster uploaded as xlsx', () => {
  let programId: number;
  let units: number[];
  beforeAll(async () => {
    const hh = await id('4312');
    programId = (await huaihua.post('/api/programs', { templateId: await templateId('s1-huaihua-assistance'), issuerOrgId: hh, scopeOrgId: hh, startsOn: '2010-06-01', endsOn: '2011-05-31' })).json().id;
    const ctx = systemContext('test');
    units = [];
    for (const [code, name, sector] of [['HH-E1', '共青团怀化某电力公司委员会', 'state_enterprise'], ['HH-S1', '共青团怀化学院委员会', 'school']] as const) {
      units.push(await createOrg(t.database.db, ctx, SYSTEM_ACTOR, { parentId: hh, code, name, kind: 'committee', sector, foundedOn: '2000-01-01' }));
    }
    await createDepartment(t.database.db, ctx, SYSTEM_ACTOR, hh, '学校部');
  });

  it('S1.1 all or nothing: one unknown township fails its row and nothing is paired', async () => {
    const file = await xlsx([
      ['帮扶单位', '共建乡镇（街道）团委'],
      ['HH-E1', '431202101'],
      ['共青团怀化学院委员会', '不存在镇'],
    ]);
    const report = (await upload(huaihua, programId, file)).json();
    expect(report.ok).toBe(false);
    expect(report.errors).toEqual([{ row: 3, field: '共建乡镇（街道）团委', message: '找不到组织“不存在镇”' }]);
    expect(await count('SELECT count(*)::int AS n FROM pairings WHERE program_id = $1', [programId])).toBe(0);
  });

  it('S1.1 units, a 团市委 department and township committees are named holders and paired one to one', async () => {
    const file = await xlsx([
      ['帮扶单位', '共建乡镇（街道）团委'],
      ['HH-E1', '431202101'],
      ['共青团怀化学院委员会', '431202201'],
      ['学校部', '431202205'],
    ]);
    const report = (await upload(huaihua, programId, file)).json();
    expect(report).toMatchObject({ ok: true, pairings: 3, holdersAssigned: 6, errors: [] });
    const sides = (await huaihua.get(`/api/programs/${programId}/pairings`)).json().items.map((p: { sides: Array<{ members: Array<{ type: string }> }> }) => p.sides.map((s) => s.members[0]!.type));
    expect(sides).toEqual([['org', 'org'], ['org', 'org'], ['department', 'org']]);
  });

  it('S1.1 the mode allows one helper per pairing: two helpers in one cell are refused', async () => {
    const file = await xlsx([['帮扶单位', '共建乡镇（街道）团委'], ['HH-E1、HH-S1', '431202400']]);
    const report = (await upload(huaihua, programId, file)).json();
    expect(report.ok).toBe(false);
    expect(report.errors).toEqual([{ row: 2, field: '帮扶单位', message: '“帮扶单位”最多 1 个，现为 2 个' }]);
  });

  it('a reporter may not import a roster', async () => {
    const file = await xlsx([['帮扶单位', '共建乡镇（街道）团委'], ['HH-E1', '431202400']]);
    expect((await upload(reporter, programId, file)).statusCode).toBe(403);
  });
});

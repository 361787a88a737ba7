import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerBuiltinTemplates } from '../src/features/templates/builtin';
import { importDivisions } from '../src/features/orgs/divisions.import';
import { createOrg } from '../src/features/orgs/orgs.service';
import { SYSTEM_ACTOR, systemContext } from '../src/system-actor';
import { loginAs, seedUser, testApp, testClock, type Client, orgIdByCode, setDay, formTable } from './helpers';

/**
 * The S4.2 progress reports on the real 泉州 (GB/T 2260 3505): each county committee reports, per township,
 * its part of the split S4.1 target, the direct league orgs standing and founded in the period (from the
 * org tree), the rate, the quasi-league orgs, the joint meetings and the linked cadres' visits — weekly
 * (周报周评), half-monthly, and daily from 15 November. 洛江区 (four township committees and two streets)
 * is the reporter; the city approves.
 */
const clock = testClock(new Date('2012-11-11T02:00:00Z'));
let t: Awaited<ReturnType<typeof testApp>>;
let city: Client; // manager at 泉州: the issuer, splits the target, approves
let county: Client; // reporter at 洛江区
let countyManager: Client; // manager at 洛江区: splits its share among its townships
let programId: number;
const ids: Record<string, number> = {};
const org: Record<string, number> = {};
const rec: Record<string, number> = {};
const TARGET = 's4.1-direct-orgs';
const id = (code: string) => orgIdByCode(t.database, code);

async function day(date: string) {
  setDay(clock, date);
  await signIn();
}
async function signIn() {
  city = await loginAs(t.app, 'qz_city');
  county = await loginAs(t.app, 'lj_reporter');
  countyManager = await loginAs(t.app, 'lj_manager');
}
async function record(body: Record<string, unknown>): Promise<number> {
  const res = await county.post(`/api/programs/${programId}/records`, body);
  if (res.statusCode !== 200) throw new Error(`record failed: ${res.body}`);
  return res.json().savedId;
}
const meeting = (town: string, occurredOn: string, status?: 'draft') =>
  record({ kind: 'joint_meeting', orgId: ids[town], occurredOn, ...(status ? { status } : {}), fields: { members: '已建团、拟建团单位负责人', decisions: '部署园区、商圈建团' } });
const visit = (occurredOn: string, towns: string[]) =>
  record({ kind: 'guidance_visit', orgId: ids.lj, occurredOn, partnerOrgIds: towns.map((x) => ids[x]), fields: { content: '指导建团、培训团干' } });

const table = formTable;
const url = (form: string, period: string, reporter = ids.lj) => `/api/programs/${programId}/forms/${form}/periods/${period}/reports/org-${reporter}`;
const weekly = (period: string) => url('s4.2-weekly-report', period);
const halfMonthly = (period: string) => url('s4.2-half-monthly-report', period);
const daily = (period: string) => url('s4.2-daily-report', period);
const COLUMNS = ['target', 'built', 'added', 'rate', 'preparing', 'joint_meetings', 'guidance'] as const;
/** A row as [target, built, added, rate, preparing, joint meetings, guidance]. */
const row = (...v: Array<number | null>) => Object.fromEntries(COLUMNS.map((c, i) => [c, v[i]]));

beforeAll(async () => {
  t = await testApp({ clock });
  const ctx = systemContext('test');
  const db = t.database.db;
  await registerBuiltinTemplates(db);
  await importDivisions(t.database, ctx, ['3505']);
  Object.assign(ids, {
    qz: await id('3505'), lj: await id('350504'), qg: await id('350505'),
    luoxi: await id('350504100'), majia: await id('350504101'), heshi: await id('350504102'), hongshan: await id('350504200'),
    wanan: await id('350504001'), nanpu: await id('350505100'),
  });
  await seedUser(t.database, 'qz_city', 'manager', ids.qz!);
  await seedUser(t.database, 'lj_reporter', 'reporter', ids.lj!);
  await seedUser(t.database, 'lj_manager', 'manager', ids.lj!);
  await signIn();
  const templateId = (await t.database.query<{ id: number }>("SELECT id FROM program_templates WHERE key = 's4-quanzhou-big-committee'"))[0]!.id;
  const created = await city.post('/api/programs', { templateId, issuerOrgId: ids.qz, scopeOrgId: ids.qz, year: 2012 });
  expect(created.json()).toMatchObject({ startsOn: '2012-01-01', endsOn: '2012-12-31' });
  programId = created.json().id;

  // The direct orgs of 洛江区's townships in the org tree, as they were founded.
  const found = (town: string, code: string, foundedOn: string | null, kind: 'direct_org' | 'quasi_org' = 'direct_org') =>
    createOrg(db, ctx, SYSTEM_ACTOR, { parentId: ids[town]!, code, name: `${code}团支部`, kind, ...(foundedOn ? { foundedOn } : { status: 'preparing' as const }) });
  org.lx0 = await found('luoxi', '罗溪镇某茶企', '2012-03-10');
  org.lx1 = await found('luoxi', '罗溪镇某石材厂', '2012-11-06');
  org.lx2 = await found('luoxi', '罗溪镇农民专业合作社', '2012-11-06');
  org.lx3 = await found('luoxi', '罗溪镇卫生院', '2012-11-08');
  org.lx4 = await found('luoxi', '罗溪镇中心小学', '2012-11-14');
  org.lx5 = await found('luoxi', '罗溪镇某商会', '2012-11-20');
  org.lxQuasi = await found('luoxi', '罗溪镇青年志愿者协会', '2012-11-07', 'quasi_org');
  org.lxPreparing = await found('luoxi', '罗溪镇工业园区', null); // 筹建: not founded yet, counts nowhere
  org.mj1 = await found('majia', '马甲镇某鞋厂', '2012-11-12');
  org.mj2 = await found('majia', '马甲镇农贸市场', '2012-11-20');
  org.hs0 = await found('heshi', '河市镇某机械厂', '2011-06-01'); // standing before the program
  org.wanan = await found('wanan', '万安街道某楼宇', '2012-11-06'); // a street is no township row
  org.nanpu = await found('nanpu', '南埔镇某石化企业', '2012-11-06'); // another county
}, 120_000);

describe('S4.1 the target split down to 洛江区’s townships', () => {
  it('S4.1 S4.4 the city gives 洛江区 150 of the 5,000; 洛江区 splits them over its four townships, its key township 罗溪镇 carrying double', async () => {
    const counties = (await city.get(`/api/programs/${programId}/targets/subordinates?target=${TARGET}&among=children`)).json().items as Array<{ orgId: number }>;
    expect(counties).toHaveLength(12);
    const others = counties.filter((c) => c.orgId !== ids.lj);
    const parts = [{ orgId: ids.lj, amount: 150 }, ...others.map((c, i) => ({ orgId: c.orgId, amount: i === 0 ? 450 : 440 }))];
    const byCounty = await city.post(`/api/programs/${programId}/targets/split`, { target: TARGET, method: 'hand', among: 'children', parts });
    expect(byCounty.statusCode, byCounty.body).toBe(200);
    expect((await city.post(`/api/programs/${programId}/holders`, { roleKey: 'key_township', holder: { type: 'org', id: ids.luoxi } })).statusCode).toBe(200);
    const own = await countyManager.post(`/api/programs/${programId}/targets/split`, { target: TARGET, orgId: ids.lj, method: 'key_area', basis: 'equal', keyMultiplier: 2 });
    expect(own.statusCode, own.body).toBe(200);
    expect(Object.fromEntries(own.json().parts.map((p: { orgId: number; amount: number }) => [p.orgId, p.amount]))).toEqual({
      [ids.luoxi!]: 60, [ids.majia!]: 30, [ids.heshi!]: 30, [ids.hongshan!]: 30,
    });
  });
});

describe('S4.2 the three reports of 洛江区, computed from the org tree, the split target and the records', () => {
  it('S4.2 periods: ISO weeks due on their Sunday, half months due on the 15th and the month’s end, days from 15 November', async () => {
    const list = (await county.get(`/api/programs/${programId}/forms`)).json();
    expect(list.items.map((f: { id: string; ref: string; periodType: string }) => [f.id, f.ref, f.periodType])).toEqual([
      ['s4.2-weekly-report', 'S4.2', 'week'], ['s4.2-half-monthly-report', 'S4.2', 'half_month'], ['s4.2-daily-report', 'S4.2', 'day'],
    ]);
    const [week, half, day1] = list.items.map((f: { periods: unknown[] }) => f.periods);
    expect(week.find((p: { key: string }) => p.key === '2012-W45')).toEqual({ key: '2012-W45', start: '2012-11-05', end: '2012-11-11', due: '2012-11-11', locksAfter: null });
    expect(week.at(-1)).toEqual({ key: '2013-W01', start: '2012-12-31', end: '2012-12-31', due: '2013-01-06', locksAfter: null }); // the week that runs into 2013
    expect(half).toHaveLength(24);
    expect(half.slice(20, 22)).toEqual([
      { key: '2012-11-A', start: '2012-11-01', end: '2012-11-15', due: '2012-11-15', locksAfter: null },
      { key: '2012-11-B', start: '2012-11-16', end: '2012-11-30', due: '2012-11-30', locksAfter: null },
    ]);
    expect(day1).toHaveLength(47); // 15 November – 31 December
    expect(day1[0]).toEqual({ key: '2012-11-15', start: '2012-11-15', end: '2012-11-15', due: '2012-11-15', locksAfter: null });
    expect((await county.get(daily('2012-11-14'))).statusCode).toBe(400); // no daily report before 15 November
  });

  it('S4.2 X.2 week 45 (5–11 November): every cell from the registry and records; drafts, streets, other counties and the org in preparation count for nothing', async () => {
    rec.meetLx = await meeting('luoxi', '2012-11-07');
    await meeting('heshi', '2012-11-08', 'draft');
    rec.visitMj = await visit('2012-11-09', ['majia']);
    rec.visitBoth = await visit('2012-11-10', ['luoxi', 'majia']);
    const res = await county.get(weekly('2012-W45'));
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({ status: 'draft', timeliness: 'pending', entryOpen: true, reporter: { name: '共青团洛江区委员会' }, period: { key: '2012-W45', due: '2012-11-11' } });
    expect(r.rows.map((x: { label: string }) => x.label)).toEqual(['罗溪镇团委', '马甲镇团委', '河市镇团委', '虹山乡团委', '合计']);
    expect(table(r)).toEqual({
      罗溪镇团委: row(60, 4, 3, 6.7, 1, 1, 1),
      马甲镇团委: row(30, 0, 0, 0, 0, 0, 2),
      河市镇团委: row(30, 1, 0, 3.3, 0, 0, 0),
      虹山乡团委: row(30, 0, 0, 0, 0, 0, 0),
      合计: row(150, 5, 3, 3.3, 1, 1, 2), // the visit to both towns is one visit
    });
    expect(r.rows.flatMap((x: { cells: Array<{ source: string; editable: boolean }> }) => x.cells).every((c: { source: string; editable: boolean }) => c.source === 'computed' && !c.editable)).toBe(true);
  });

  it('X.2 drill-down: the built orgs, the township’s target part, the visits behind the total', async () => {
    const built = (await city.get(`${weekly('2012-W45')}/cell?row=org:${ids.luoxi}&column=built`)).json();
    expect(built).toMatchObject({ rowLabel: '罗溪镇团委', columnLabel: '已建直属团组织（个）', source: 'computed', value: 4, records: [] });
    expect(built.holders.map((h: { key: string; name: string }) => h.key).sort()).toEqual([org.lx0, org.lx1, org.lx2, org.lx3].map((x) => `org:${x}`).sort());
    expect(built.holders.map((h: { name: string }) => h.name).sort()).toEqual(['罗溪镇某茶企团支部', '罗溪镇某石材厂团支部', '罗溪镇农民专业合作社团支部', '罗溪镇卫生院团支部'].sort());
    const target = (await city.get(`${weekly('2012-W45')}/cell?row=org:${ids.luoxi}&column=target`)).json();
    expect(target).toMatchObject({ value: 60, holders: [{ key: `org:${ids.luoxi}`, name: '罗溪镇团委' }] });
    const guidance = (await city.get(`${weekly('2012-W45')}/cell?row=total&column=guidance`)).json();
    expect(guidance.records.map((x: { id: number; kindName: string; orgName: string }) => [x.id, x.kindName, x.orgName])).toEqual([
      [rec.visitMj, '挂钩联系指导', '共青团洛江区委员会'], [rec.visitBoth, '挂钩联系指导', '共青团洛江区委员会'],
    ]);
  });

  it('S4.2 周报 sent on Sunday 11 November is on time; the city approves', async () => {
    const sent = await county.post(`${weekly('2012-W45')}/submit`, { version: 0 });
    expect(sent.json()).toMatchObject({ status: 'submitted', timeliness: 'on_time' });
    expect((await countyManager.post(`${weekly('2012-W45')}/approve`, { version: 1 })).statusCode).toBe(403); // the issuer approves
    expect((await city.post(`${weekly('2012-W45')}/approve`, { version: 1 })).json()).toMatchObject({ status: 'approved', timeliness: 'on_time', changes: [] });
  });

  it('S4.2 半月报 for 1–15 November sent on the 15th is on time', async () => {
    await day('2012-11-14');
    rec.meetMj = await meeting('majia', '2012-11-14');
    await day('2012-11-15');
    const r = (await county.get(halfMonthly('2012-11-A'))).json();
    expect(r.period).toMatchObject({ key: '2012-11-A', start: '2012-11-01', end: '2012-11-15', due: '2012-11-15' });
    expect(table(r)).toEqual({
      罗溪镇团委: row(60, 5, 4, 8.3, 1, 1, 1),
      马甲镇团委: row(30, 1, 1, 3.3, 0, 1, 2),
      河市镇团委: row(30, 1, 0, 3.3, 0, 0, 0),
      虹山乡团委: row(30, 0, 0, 0, 0, 0, 0),
      合计: row(150, 7, 5, 4.7, 1, 2, 2),
    });
    expect((await county.post(`${halfMonthly('2012-11-A')}/submit`, { version: 0 })).json()).toMatchObject({ status: 'submitted', timeliness: 'on_time' });
  });

  it('S4.2 周报 of week 46 sent on Monday 19 November is late', async () => {
    await day('2012-11-19');
    const r = (await county.get(weekly('2012-W46'))).json();
    expect(r).toMatchObject({ timeliness: 'overdue', period: { due: '2012-11-18' } });
    expect(table(r)).toEqual({
      罗溪镇团委: row(60, 5, 1, 8.3, 1, 0, 0),
      马甲镇团委: row(30, 1, 1, 3.3, 0, 1, 0),
      河市镇团委: row(30, 1, 0, 3.3, 0, 0, 0),
      虹山乡团委: row(30, 0, 0, 0, 0, 0, 0),
      合计: row(150, 7, 2, 4.7, 1, 1, 0),
    });
    expect((await county.post(`${weekly('2012-W46')}/submit`, { version: 0 })).json()).toMatchObject({ status: 'submitted', timeliness: 'late' });
  });

  it('S4.2 日报 of 20 November: every cell, sent the same day on time; 19 November never sent is overdue', async () => {
    await day('2012-11-20');
    rec.visitHs = await visit('2012-11-20', ['heshi']);
    const r = (await county.get(daily('2012-11-20'))).json();
    expect(r.period).toEqual({ key: '2012-11-20', start: '2012-11-20', end: '2012-11-20', due: '2012-11-20', locksAfter: null });
    expect(table(r)).toEqual({
      罗溪镇团委: row(60, 6, 1, 10, 1, 0, 0),
      马甲镇团委: row(30, 2, 1, 6.7, 0, 0, 0),
      河市镇团委: row(30, 1, 0, 3.3, 0, 0, 1),
      虹山乡团委: row(30, 0, 0, 0, 0, 0, 0),
      合计: row(150, 9, 2, 6, 1, 0, 1),
    });
    expect((await county.post(`${daily('2012-11-20')}/submit`, { version: 0 })).json()).toMatchObject({ status: 'submitted', timeliness: 'on_time' });
    expect((await county.get(daily('2012-11-19'))).json()).toMatchObject({ status: 'draft', timeliness: 'overdue' });
  });

  it('X.3 the city sees 12 county committees expected each day; the overdue list names 洛江区’s missing daily report', async () => {
    const s20 = (await city.get(`/api/programs/${programId}/forms/s4.2-daily-report/periods/2012-11-20`)).json();
    expect(s20.rate).toMatchObject({ expected: 12, actual: 1, onTime: 1, overdue: 0 });
    const s19 = (await city.get(`/api/programs/${programId}/forms/s4.2-daily-report/periods/2012-11-19`)).json();
    expect(s19.rate).toMatchObject({ expected: 12, actual: 0, onTime: 0, overdue: 12 });
    const own = (await county.get(`/api/programs/${programId}/forms/overdue`)).json();
    const mine = own.items.filter((x: { formId: string }) => x.formId === 's4.2-daily-report').map((x: { periodKey: string; daysOverdue: number }) => [x.periodKey, x.daysOverdue]);
    expect(mine).toEqual([['2012-11-15', 5], ['2012-11-16', 4], ['2012-11-17', 3], ['2012-11-18', 2], ['2012-11-19', 1]]);
    expect(own.items.some((x: { formId: string; periodKey: string }) => x.formId === 's4.2-weekly-report' && ['2012-W45', '2012-W46'].includes(x.periodKey))).toBe(false);
    expect(own.items.every((x: { reporter: { orgId: number } }) => x.reporter.orgId === ids.lj)).toBe(true);
  });
});

describe('S4.2 xlsx of the three reports', () => {
  async function workbook(res: { statusCode: number; rawPayload: Buffer; headers: Record<string, unknown> }) {
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    return wb.worksheets[0]!;
  }
  const text = (ws: ExcelJS.Worksheet, ref: string) => String(ws.getCell(ref).value ?? '');
  const values = (ws: ExcelJS.Worksheet, r: number) => Array.from({ length: 8 }, (_, i) => ws.getRow(r).getCell(i + 1).value);

  it('S4.2 周报: title with the week, the county’s stamp and the day it was sent, the header, every row and the total', async () => {
    const ws = await workbook(await city.get(`${weekly('2012-W45')}/xlsx`));
    expect([text(ws, 'A1'), text(ws, 'A2'), text(ws, 'E2')]).toEqual(['乡镇实体化“大团委”建设进度周报表（2012年第45周）', '县（市、区）团委（盖章）：共青团洛江区委员会', '填报日期：2012年11月11日']);
    expect(values(ws, 3)).toEqual(['乡镇', '目标数（个）', '已建直属团组织（个）', '本期新建（个）', '完成率（%）', '类团组织（个）', '团建联席会（次）', '挂钩干部指导（次）']);
    expect([4, 5, 6, 7, 8].map((r) => values(ws, r))).toEqual([
      ['罗溪镇团委', 60, 4, 3, 6.7, 1, 1, 1],
      ['马甲镇团委', 30, 0, 0, 0, 0, 0, 2],
      ['河市镇团委', 30, 1, 0, 3.3, 0, 0, 0],
      ['虹山乡团委', 30, 0, 0, 0, 0, 0, 0],
      ['合计', 150, 5, 3, 3.3, 1, 1, 2],
    ]);
    expect(ws.model.merges).toEqual(expect.arrayContaining(['A1:H1', 'A2:D2', 'E2:H2']));
  });

  it('S4.2 半月报 and 日报: the half month and the day in the title', async () => {
    const half = await workbook(await city.get(`${halfMonthly('2012-11-A')}/xlsx`));
    expect([text(half, 'A1'), text(half, 'E2')]).toEqual(['乡镇实体化“大团委”建设进度半月报表（2012年11月上半月）', '填报日期：2012年11月15日']);
    expect(values(half, 8)).toEqual(['合计', 150, 7, 5, 4.7, 1, 2, 2]);
    const day20 = await workbook(await city.get(`${daily('2012-11-20')}/xlsx`));
    expect([text(day20, 'A1'), text(day20, 'A2'), text(day20, 'E2')]).toEqual(['乡镇实体化“大团委”建设进度日报表（2012年11月20日）', '县（市、区）团委（盖章）：共青团洛江区委员会', '填报日期：2012年11月20日']);
    expect(values(day20, 4)).toEqual(['罗溪镇团委', 60, 6, 1, 10, 1, 0, 0]);
    expect(values(day20, 8)).toEqual(['合计', 150, 9, 2, 6, 1, 0, 1]);
  });
});

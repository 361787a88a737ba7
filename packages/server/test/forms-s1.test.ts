import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerBuiltinTemplates } from '../src/features/templates/builtin';
import { importDivisions } from '../src/features/orgs/divisions.import';
import { createOrg } from '../src/features/orgs/orgs.service';
import { SYSTEM_ACTOR, systemContext } from '../src/system-actor';
import { loginAs, seedUser, testApp, testClock, type Client, orgIdByCode, setDay } from './helpers';

/**
 * S1.10 on the real 怀化 (GB/T 2260 4312): each county committee reports its paired townships' progress
 * to the city committee every month, before the 30th. One row per helped township of the county, the
 * duties of S1.2–S1.8 counted from the helpers' records that name the township (X.2); only the
 * problems and next month's plans are typed.
 */
const clock = testClock(new Date('2010-07-10T02:00:00Z'));
let t: Awaited<ReturnType<typeof testApp>>;
let city: Client; // manager at 怀化, the issuer and approver
let county: Client; // manager at 鹤城区: reports, may not approve its own form
let otherCounty: Client; // reporter at 中方县
let programId: number;
const ids: Record<string, number> = {};
const rec: Record<string, number> = {};
const id = (code: string) => orgIdByCode(t.database, code);

async function day(date: string) {
  setDay(clock, date);
  await signIn();
}
async function signIn() {
  city = await loginAs(t.app, 'hh_city');
  county = await loginAs(t.app, 'hc_county');
  otherCounty = await loginAs(t.app, 'zf_reporter');
}

async function record(body: Record<string, unknown>): Promise<number> {
  const res = await city.post(`/api/programs/${programId}/records`, body);
  if (res.statusCode !== 200) throw new Error(`record failed: ${res.body}`);
  return res.json().savedId;
}
/** What a helper did with its township: the helper records it and names the township as partner. */
const withTown = (helper: string, town: string, kind: string, occurredOn: string, fields: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  record({ kind, occurredOn, fields, partnerOrgIds: [ids[town]], ...(helper === 'D1' ? { orgId: ids.hh, departmentId: ids.D1 } : { orgId: ids[helper] }), ...extra });

const s110 = () => `/api/programs/${programId}/forms/s1.10-monthly-progress/periods`;
const report = (period = '2010-07', reporter = ids.hc) => `${s110()}/${period}/reports/org-${reporter}`;

/** Row label → column → value, as a person reads the printed table. */
function table(r: { rows: Array<{ label: string; cells: Array<{ column: string; value: unknown }> }> }) {
  return Object.fromEntries(r.rows.map((row) => [row.label, Object.fromEntries(row.cells.map((c) => [c.column, c.value]))]));
}
const zero = { meetings: 0, funds: 0, election_steps: 0, activities: 0, youths_served: 0, loans: 0, deliverables: 0, problems: null };
const H1 = '国网怀化供电公司团委';
const D1 = '共青团怀化市委员会·组织部';
const T3_HELPERS = '怀化学院团委、怀化市第一人民医院青年文明号集体';

beforeAll(async () => {
  t = await testApp({ clock });
  const ctx = systemContext('test');
  const db = t.database.db;
  await registerBuiltinTemplates(db);
  await importDivisions(t.database, ctx, ['4312']);
  Object.assign(ids, {
    hh: await id('4312'), hc: await id('431202'), zf: await id('431221'),
    T1: await id('431202101'), T2: await id('431202201'), T3: await id('431202205'), // 黄金坳镇, 盈口乡, 凉亭坳乡
    T9: await id('431221100'), // 中方镇 in 中方县
  });
  const unit = (parentId: number, code: string, name: string, kind: 'committee' | 'partner_unit', extra: Record<string, unknown>) =>
    createOrg(db, ctx, SYSTEM_ACTOR, { parentId, code, name, kind, foundedOn: '2005-01-01', ...extra });
  ids.H1 = await unit(ids.hh!, '4312-GD', H1, 'committee', { sector: 'state_enterprise' });
  ids.H2 = await unit(ids.hh!, '4312-HHXY', '怀化学院团委', 'committee', { sector: 'school' });
  ids.H3 = await unit(ids.hh!, '4312-YY', '怀化市第一人民医院青年文明号集体', 'partner_unit', { honors: ['youth_civilization_post'] });
  ids.H4 = await unit(ids.zf!, '431221-DL', '中方县电力公司团委', 'committee', { sector: 'state_enterprise' });
  await seedUser(t.database, 'hh_city', 'manager', ids.hh!);
  await seedUser(t.database, 'hc_county', 'manager', ids.hc!);
  await seedUser(t.database, 'zf_reporter', 'reporter', ids.zf!);
  await signIn();
  ids.D1 = (await city.post(`/api/orgs/${ids.hh}/departments`, { name: '组织部' })).json().departments.find((d: { name: string }) => d.name === '组织部').id;
  const tpl = (await city.get('/api/templates')).json().items.find((x: { key: string }) => x.key === 's1-huaihua-assistance');
  programId = (await city.post('/api/programs', { templateId: tpl.id, issuerOrgId: ids.hh, scopeOrgId: ids.hh, year: 2010 })).json().id;
  const holder = async (roleKey: string, type: string, holderId: number) => {
    const res = await city.post(`/api/programs/${programId}/holders`, { roleKey, holder: { type, id: holderId } });
    if (res.statusCode !== 200) throw new Error(res.body);
  };
  for (const h of ['H1', 'H2', 'H4']) await holder('helper_unit', 'org', ids[h]!);
  await holder('helper_civilization_post', 'org', ids.H3!);
  await holder('helper_department', 'department', ids.D1!);
  for (const tw of ['T1', 'T2', 'T3', 'T9']) await holder('helped_township', 'org', ids[tw]!);
  const pair = async (helper: number | { type: string; id: number }, helped: number) => {
    const res = await city.post(`/api/programs/${programId}/pairings`, { modeKey: 'assistance', members: { helpers: [helper], helped: [helped] } });
    if (res.statusCode !== 200) throw new Error(res.body);
  };
  await pair(ids.H1!, ids.T1!);
  await pair({ type: 'department', id: ids.D1! }, ids.T2!);
  await pair(ids.H2!, ids.T3!);
  await pair(ids.H3!, ids.T3!);
  await pair(ids.H4!, ids.T9!);

  // June: one meeting with 黄金坳镇 and a loan there.
  rec.meetJune = await withTown('H1', 'T1', 'work_meeting', '2010-06-12', { attendees: '鹤城区团委书记、黄金坳镇党委副书记' });
  rec.loanJune = await record({ kind: 'loan', orgId: ids.T1, occurredOn: '2010-06-20', amount: 30000, fields: { borrower: '向东', lender: '鹤城区农村信用合作联社', purpose: '就业' } });
  // July in 黄金坳镇 (国网怀化供电公司团委).
  rec.meetT1 = await withTown('H1', 'T1', 'work_meeting', '2010-07-02', { attendees: '鹤城区团委书记、黄金坳镇党委副书记' });
  rec.fundT1 = await withTown('H1', 'T1', 'fund_transfer', '2010-07-03', { purpose: '乡镇团委活动阵地建设' }, { amount: 3000 });
  rec.step1 = await withTown('H1', 'T1', 'election_step', '2010-07-05', { step: '政策制定' });
  rec.step2 = await withTown('H1', 'T1', 'election_step', '2010-07-06', { step: '政策制定', note: '修订方案' }); // the same step again: one step
  rec.step3 = await withTown('H1', 'T1', 'election_step', '2010-07-07', { step: '宣传发动' });
  rec.trainT1 = await withTown('H1', 'T1', 'training', '2010-07-08', { topic: '农村电商创业培训' }, { peopleReached: 45 });
  rec.delivT1 = await withTown('H1', 'T1', 'deliverable', '2010-07-09', { title: '黄金坳镇青年状况全覆盖调查' });
  rec.loanT1 = await record({ kind: 'loan', orgId: ids.T1, occurredOn: '2010-07-06', amount: 50000, fields: { borrower: '杨志', lender: '鹤城区农村信用合作联社', purpose: '创业' } });
  await withTown('H1', 'T1', 'fund_transfer', '2010-07-10', { purpose: '草稿' }, { amount: 5000, status: 'draft' }); // a draft counts for nothing
  rec.meetAugust = await withTown('H1', 'T1', 'work_meeting', '2010-08-03', { attendees: '八月见面' });
  // July in 盈口乡 (团市委组织部).
  rec.meetT2 = await withTown('D1', 'T2', 'work_meeting', '2010-07-04', { attendees: '盈口乡党委书记' });
  rec.stepT2 = await withTown('D1', 'T2', 'election_step', '2010-07-05', { step: '政策制定' }); // the same step as 黄金坳镇's: another township's step
  rec.serviceT2 = await withTown('D1', 'T2', 'countryside_service', '2010-07-09', { services: '送医疗、送法律', content: '义诊和法律咨询' }, { peopleReached: 120 });
  rec.leadersT2 = await withTown('D1', 'T2', 'leader_exchange', '2010-07-10', { leaders: '团市委副书记、盈口乡乡长' });
  // July in 凉亭坳乡: two helpers.
  rec.meetH2 = await withTown('H2', 'T3', 'work_meeting', '2010-07-03', { attendees: '凉亭坳乡党委副书记' });
  rec.trainH2 = await withTown('H2', 'T3', 'training', '2010-07-07', { topic: '大学生村官创业经验交流' }, { peopleReached: 60 });
  rec.meetH3 = await withTown('H3', 'T3', 'work_meeting', '2010-07-08', { attendees: '凉亭坳乡乡长' });
  rec.fundH3 = await withTown('H3', 'T3', 'fund_transfer', '2010-07-09', { purpose: '青年卫生室设备' }, { amount: 2000 });
  // 中方县's township: never in 鹤城区's form.
  rec.meetT9 = await withTown('H4', 'T9', 'work_meeting', '2010-07-06', { attendees: '中方镇党委副书记' });
}, 120_000);

const JULY = {
  黄金坳镇团委: { helpers: H1, meetings: 1, funds: 3000, election_steps: 2, activities: 1, youths_served: 45, loans: 5, deliverables: 1, problems: null },
  盈口乡团委: { helpers: D1, meetings: 1, funds: 0, election_steps: 1, activities: 2, youths_served: 120, loans: 0, deliverables: 0, problems: null },
  凉亭坳乡团委: { helpers: T3_HELPERS, meetings: 2, funds: 2000, election_steps: 0, activities: 1, youths_served: 60, loans: 0, deliverables: 0, problems: null },
  合计: { helpers: null, meetings: 4, funds: 5000, election_steps: 3, activities: 4, youths_served: 225, loans: 5, deliverables: 1, problems: null },
};

describe('S1.10 共建工作开展情况月报 computed from the helpers’ records', () => {
  it('S1.10 X.3 a form per program month, due before the 30th: the 29th, the 28th in February', async () => {
    const list = (await county.get(`/api/programs/${programId}/forms`)).json().items as Array<{ id: string; periods: Array<{ key: string; due: string; locksAfter: string }>; columns: Array<{ id: string; source: string; typedReason: string | null }> }>;
    expect(list.map((f) => f.id)).toEqual(['s1.10-monthly-progress']);
    const periods = list[0]!.periods;
    expect(periods.map((p) => p.key)).toEqual(['2010-06', '2010-07', '2010-08', '2010-09', '2010-10', '2010-11', '2010-12', '2011-01', '2011-02', '2011-03', '2011-04', '2011-05']);
    expect(periods.slice(0, 2)).toEqual([
      { key: '2010-06', start: '2010-06-01', end: '2010-06-30', due: '2010-06-29', locksAfter: '2010-07-14' },
      { key: '2010-07', start: '2010-07-01', end: '2010-07-31', due: '2010-07-29', locksAfter: '2010-08-13' },
    ]);
    expect(periods[8]).toMatchObject({ key: '2011-02', due: '2011-02-28' });
    expect(list[0]!.columns.map((c) => [c.id, c.source])).toEqual([
      ['helpers', 'attribute'], ['meetings', 'computed'], ['funds', 'computed'], ['election_steps', 'computed'], ['activities', 'computed'],
      ['youths_served', 'computed'], ['loans', 'computed'], ['deliverables', 'computed'], ['problems', 'typed'],
    ]);
    expect(list[0]!.columns.at(-1)!.typedReason).toBe('问题的判断和下月打算是县团委的意见，没有记录可以计算');
  });

  it('S1.10 X.2 July: every cell of each township and the total comes from the records before anyone types', async () => {
    const res = await county.get(report());
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({ status: 'draft', timeliness: 'pending', reporter: { name: '共青团鹤城区委员会' }, period: { key: '2010-07', due: '2010-07-29' } });
    expect(table(r)).toEqual(JULY);
    // Only the problems are typed, on each township and in the total.
    const editable = r.rows.flatMap((row: { cells: Array<{ key: string; editable: boolean }> }) => row.cells).filter((c: { editable: boolean }) => c.editable).map((c: { key: string }) => c.key);
    expect(editable).toEqual([`org:${ids.T1}/problems`, `org:${ids.T2}/problems`, `org:${ids.T3}/problems`, 'total/problems']);
  });

  it('S1.10 June counts June’s meeting and loan only; 中方县 reports its own township', async () => {
    expect(table((await county.get(report('2010-06'))).json())).toEqual({
      黄金坳镇团委: { ...zero, helpers: H1, meetings: 1, loans: 3 },
      盈口乡团委: { ...zero, helpers: D1 },
      凉亭坳乡团委: { ...zero, helpers: T3_HELPERS },
      合计: { ...zero, helpers: null, meetings: 1, loans: 3 },
    });
    expect(table((await county.get(report('2010-08'))).json())['黄金坳镇团委']).toMatchObject({ meetings: 1 });
    expect(table((await otherCounty.get(report('2010-07', ids.zf))).json())).toEqual({
      中方镇团委: { ...zero, helpers: '中方县电力公司团委', meetings: 1 },
      合计: { ...zero, helpers: null, meetings: 1 },
    });
    expect((await otherCounty.get(report())).statusCode).toBe(404);
  });

  it('X.2 a cell opens its records: both helpers’ meetings, each township’s election steps, the helpers behind a name', async () => {
    const meetings = (await city.get(`${report()}/cell?row=org:${ids.T3}&column=meetings`)).json();
    expect(meetings).toMatchObject({ rowLabel: '凉亭坳乡团委', columnLabel: '与团县委和乡镇党政负责人见面（次）', value: 2 });
    expect(meetings.records.map((x: { id: number; kindName: string; orgName: string }) => [x.id, x.kindName, x.orgName])).toEqual([
      [rec.meetH2, '与团县委和乡镇党政负责人见面', '怀化学院团委'], [rec.meetH3, '与团县委和乡镇党政负责人见面', '怀化市第一人民医院青年文明号集体'],
    ]);
    const steps = (await city.get(`${report()}/cell?row=total&column=election_steps`)).json();
    expect(steps.value).toBe(3);
    expect(steps.records.map((x: { id: number }) => x.id)).toEqual([rec.step1, rec.stepT2, rec.step2, rec.step3]);
    const loans = (await city.get(`${report()}/cell?row=org:${ids.T1}&column=loans`)).json();
    expect(loans).toMatchObject({ value: 5, figures: { reported: 5, verified: 0, spotChecked: 0 } });
    expect(loans.records.map((x: { id: number; amount: number }) => [x.id, x.amount])).toEqual([[rec.loanT1, 50000]]);
    const helpers = (await city.get(`${report()}/cell?row=org:${ids.T3}&column=helpers`)).json();
    expect(helpers).toMatchObject({ source: 'attribute', records: [] });
    expect(helpers.holders.map((h: { name: string }) => h.name)).toEqual(['怀化学院团委', '怀化市第一人民医院青年文明号集体']);
  });

  it('S1.10 the county types its problems and plans; a computed cell cannot be typed', async () => {
    const computed = await county.patch(report(), { version: 0, cells: { [`org:${ids.T1}/loans`]: 9 } });
    expect(computed.statusCode).toBe(400);
    expect(computed.json().fields[0]).toEqual({ path: `body.cells.org:${ids.T1}/loans`, message: '该单元格由记录计算，不能填写' });
    const res = await county.patch(report(), {
      version: 0,
      cells: { [`org:${ids.T1}/problems`]: '贷款担保难，下月协调信用社简化手续', [`org:${ids.T3}/problems`]: '两家帮扶单位分工待明确', 'total/problems': '8月底前完成各乡镇团委班子调整' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(table(r)).toEqual({
      黄金坳镇团委: { ...JULY.黄金坳镇团委, problems: '贷款担保难，下月协调信用社简化手续' },
      盈口乡团委: JULY.盈口乡团委,
      凉亭坳乡团委: { ...JULY.凉亭坳乡团委, problems: '两家帮扶单位分工待明确' },
      合计: { ...JULY.合计, problems: '8月底前完成各乡镇团委班子调整' },
    });
    expect(r.rows[0].cells.at(-1)).toMatchObject({ source: 'typed', typedBy: 'hc_county', typedAt: '2010-07-10T02:00:00.000Z' });
  });
});

describe('S1.10 X.3 before the 30th: late, on time, overdue', () => {
  it('S1.10 June handed in on 10 July is late', async () => {
    const res = await county.post(`${report('2010-06')}/submit`, { version: 0 });
    expect(res.json()).toMatchObject({ status: 'submitted', timeliness: 'late' });
  });

  it('S1.10 July handed in on the 29th is on time; only the city committee approves', async () => {
    await day('2010-07-29');
    expect((await county.post(`${report()}/submit`, { version: 1 })).json()).toMatchObject({ status: 'submitted', timeliness: 'on_time' });
    const own = await county.post(`${report()}/approve`, { version: 2 });
    expect(own.statusCode).toBe(403);
    expect(own.json().message).toContain('共青团怀化市委员会');
    expect((await city.post(`${report()}/approve`, { version: 2 })).json()).toMatchObject({ status: 'approved', timeliness: 'on_time' });
  });

  it('X.3 on 30 July 中方县 is overdue for July; the rate counts every county committee of 怀化', async () => {
    await day('2010-07-30');
    const s = (await city.get(`${s110()}/2010-07`)).json();
    const n = s.reporters.length;
    expect(n).toBeGreaterThanOrEqual(12);
    expect(s.reporters.find((x: { orgId: number }) => x.orgId === ids.hc)).toMatchObject({ status: 'approved', timeliness: 'on_time' });
    expect(s.reporters.find((x: { orgId: number }) => x.orgId === ids.zf)).toMatchObject({ status: 'draft', timeliness: 'overdue' });
    expect(s.rate).toEqual({ expected: n, actual: 1, onTime: 1, overdue: n - 1, completeness: 1 / n, onTimeRate: 1 / n });
    const overdue = (await otherCounty.get(`/api/programs/${programId}/forms/overdue`)).json().items as Array<{ periodKey: string; due: string; daysOverdue: number }>;
    expect(overdue.map((x) => [x.periodKey, x.due, x.daysOverdue])).toEqual([['2010-06', '2010-06-29', 31], ['2010-07', '2010-07-29', 1]]);
  });
});

describe('S1.10 xlsx and docx', () => {
  it('S1.10 xlsx: title with the month, stamp and date line, headers, every cell with the typed problems', async () => {
    const res = await city.get(`${report()}/xlsx`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    const ws = wb.worksheets[0]!;
    const text = (ref: string) => String(ws.getCell(ref).value ?? '');
    const row = (r: number) => Array.from({ length: 10 }, (_, i) => ws.getRow(r).getCell(i + 1).value);
    expect(text('A1')).toBe('“牵手帮扶、助推基层”共建工作开展情况月报表（2010年7月）');
    expect(text('A2')).toBe('县（市、区）团委（盖章）：共青团鹤城区委员会');
    expect(text('F2')).toBe('填报日期：2010年7月29日');
    expect(row(3)).toEqual(['共建乡镇（街道）团委', '帮扶单位', '与团县委和乡镇党政负责人见面（次）', '资金支持（元）', '参与班子调整环节（个）', '开展“四项活动”（次）', '服务青年（人次）', '小额贷款发放（万元）', '“七个一”成果（项）', '存在问题及下步打算']);
    expect([4, 5, 6, 7].map(row)).toEqual([
      ['黄金坳镇团委', H1, 1, 3000, 2, 1, 45, 5, 1, '贷款担保难，下月协调信用社简化手续'],
      ['盈口乡团委', D1, 1, 0, 1, 2, 120, 0, 0, null],
      ['凉亭坳乡团委', T3_HELPERS, 2, 2000, 0, 1, 60, 0, 0, '两家帮扶单位分工待明确'],
      ['合计', null, 4, 5000, 3, 4, 225, 5, 1, '8月底前完成各乡镇团委班子调整'],
    ]);
    expect(ws.model.merges).toEqual(expect.arrayContaining(['A1:J1', 'A2:E2', 'F2:J2']));
  });

  it('S1.10 prints no record sheets: its docx is a 400 in Chinese', async () => {
    const res = await city.get(`${report()}/docx`);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ message: '“共建工作开展情况月报”不是逐条记录的报表，没有可导出的报告单', fields: [{ path: 'params.formKey', message: '该报表没有报告单' }] });
  });
});

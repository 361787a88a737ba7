import ExcelJS from 'exceljs';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerBuiltinTemplates } from '../src/features/templates/builtin';
import { importDivisions } from '../src/features/orgs/divisions.import';
import { createOrg } from '../src/features/orgs/orgs.service';
import { assignHolder } from '../src/features/programs/holders.service';
import { nominate } from '../src/features/programs/nominations.service';
import { SYSTEM_ACTOR, systemContext } from '../src/system-actor';
import { auditorOf, loginAs, seedUser, testApp, testClock, type Client, orgIdByCode, setDay, formTable } from './helpers';

/**
 * S0 on the real 梅州 (GB/T 2260 4414): the county committees report the quarterly 结对共建信息统计表
 * (Attachment 1, S0.10) and the once-only 结对共建表 (Attachment 2, S0.11) to the city committee.
 * Every cell comes from records and the registry (X.2); the workflow runs 梅县区 → 梅州.
 */
const clock = testClock(new Date('2014-03-10T02:00:00Z'));
let t: Awaited<ReturnType<typeof testApp>>;
let city: Client; // manager at 梅州, the issuer and approver
let cityViewer: Client; // may read, may not see mobiles
let county: Client; // reporter at 梅县区
let countyManager: Client; // manager at 梅县区: above its towns, not above itself
let otherCounty: Client; // reporter at 兴宁市
let programId: number;
const ids: Record<string, number> = {};
const id = (code: string) => orgIdByCode(t.database, code);
/** Moves the clock to 10:00 Beijing time of a day; sessions do not last days, so everyone signs in again. */
async function day(date: string) {
  setDay(clock, date);
  await signIn();
}
async function signIn() {
  city = await loginAs(t.app, 'mz_city');
  cityViewer = await loginAs(t.app, 'mz_viewer');
  county = await loginAs(t.app, 'mx_reporter');
  countyManager = await loginAs(t.app, 'mx_manager');
  otherCounty = await loginAs(t.app, 'xn_reporter');
}

const s010 = () => `/api/programs/${programId}/forms/s0.10-statistics/periods`;
const report010 = (period = '2014-Q1', reporter = ids.mx!) => `${s010()}/${period}/reports/org-${reporter}`;
const report011 = (reporter = ids.mx!) => `/api/programs/${programId}/forms/s0.11-pairing-table/periods/program/reports/org-${reporter}`;

async function record(body: Record<string, unknown>, as: Client = county): Promise<number> {
  const res = await as.post(`/api/programs/${programId}/records`, body);
  if (res.statusCode !== 200) throw new Error(`record failed: ${res.body}`);
  return res.json().savedId;
}

const table = formTable;

async function setLeader(code: string, name: string, mobile: string) {
  const org = (await city.get(`/api/orgs/${await id(code)}`)).json();
  const res = await city.patch(`/api/orgs/${org.id}`, { version: org.version, leaders: [{ position: 'secretary', name, mobile }] });
  if (res.statusCode !== 200) throw new Error(res.body);
}

beforeAll(async () => {
  t = await testApp({ clock });
  const ctx = systemContext('test');
  const db = t.database.db;
  await registerBuiltinTemplates(db);
  await importDivisions(t.database, ctx, ['4414']);
  Object.assign(ids, {
    mz: await id('4414'), mx: await id('441403'), xn: await id('441481'),
    town: await id('441403113'), town2: await id('441403114'), village: await id('441403113201'), village2: await id('441403113202'), cobuild: await id('441403114201'),
  });
  ids.post = await createOrg(db, ctx, SYSTEM_ACTOR, { parentId: ids.mx!, code: '441403-QNWMH', name: '梅县区人民医院青年文明号集体', kind: 'partner_unit', honors: ['youth_civilization_post'], foundedOn: '2010-01-01' });
  ids.flag = await createOrg(db, ctx, SYSTEM_ACTOR, { parentId: ids.mx!, code: '441403-WSHQ', name: '梅县区高级中学五四红旗团委', kind: 'committee', honors: ['may_fourth_red_flag'], foundedOn: '2010-01-01' });
  await seedUser(t.database, 'mz_city', 'manager', ids.mz!);
  await seedUser(t.database, 'mz_viewer', 'viewer', ids.mz!);
  await seedUser(t.database, 'mx_reporter', 'reporter', ids.mx!);
  await seedUser(t.database, 'mx_manager', 'manager', ids.mx!);
  await seedUser(t.database, 'xn_reporter', 'reporter', ids.xn!);
  await signIn();
  const tpl = (await city.get('/api/templates')).json().items.find((x: { key: string }) => x.key === 's0-meizhou-pairing');
  programId = (await city.post('/api/programs', { templateId: tpl.id, issuerOrgId: ids.mz, scopeOrgId: ids.mz, year: 2014 })).json().id;
  const assign = (roleKey: string, orgId: number) => assignHolder(db, ctx, SYSTEM_ACTOR, programId, { roleKey, holder: { type: 'org', id: orgId } });
  await assign('demo_town', ids.town!);
  await assign('demo_village', ids.village!);
  await assign('cobuild_village', ids.cobuild!);
  await assign('civilization_post_partner', ids.post!);
  await assign('red_flag_partner', ids.flag!);
  // S0.11 lists the nominations still waiting for the city's decision too: a second demo town and village.
  await nominate(db, ctx, SYSTEM_ACTOR, programId, { roleKey: 'demo_town', orgId: ids.town2! });
  await nominate(db, ctx, SYSTEM_ACTOR, programId, { roleKey: 'demo_village', orgId: ids.village2! });
  await setLeader('441403', '李明', '13800001111');
  await setLeader('441403113', '张三', '13912345678');
  await setLeader('441403114', '王五', '13700002222');
  await setLeader('441403114201', '钱七', '13600003333');

  // The first quarter of 2014 in 梅县区.
  ids.studyTown1 = await record({ kind: 'study_exchange', orgId: ids.town, occurredOn: '2014-01-15', fields: { topic: '乡镇团委格局创新' } });
  ids.studyTown2 = await record({ kind: 'study_exchange', orgId: ids.town, occurredOn: '2014-03-31', fields: { topic: '农村青年服务' } }); // last day of Q1
  ids.studyVillage = await record({ kind: 'study_exchange', orgId: ids.village, occurredOn: '2014-02-10', fields: { topic: '团支部活动' } });
  ids.studyQ2 = await record({ kind: 'study_exchange', orgId: ids.village, occurredOn: '2014-04-01', fields: { topic: '第二季度' } }); // first day of Q2
  await record({ kind: 'study_exchange', orgId: ids.town, occurredOn: '2014-02-11', status: 'draft', fields: { topic: '草稿' } }); // a draft counts for nothing
  ids.meetTown = await record({ kind: 'work_meeting', orgId: ids.town, occurredOn: '2014-01-08', partnerOrgIds: [ids.cobuild], fields: { topic: '共建例会' } });
  ids.meetCobuild = await record({ kind: 'work_meeting', orgId: ids.cobuild, occurredOn: '2014-01-22', partnerOrgIds: [ids.town], fields: { topic: '共建例会' } });
  ids.meetVillage = await record({ kind: 'work_meeting', orgId: ids.village, occurredOn: '2014-02-12', partnerOrgIds: [ids.cobuild], fields: { topic: '村级例会' } });
  ids.fundTown = await record({ kind: 'fund_transfer', orgId: ids.town, occurredOn: '2014-02-01', amount: 20000, fields: { purpose: '乡镇团委工作经费' } });
  ids.fundCobuild = await record({ kind: 'fund_transfer', orgId: ids.cobuild, occurredOn: '2014-03-01', amount: 5000, fields: { purpose: '共建村活动经费' } });
  ids.lecture = await record({ kind: 'lecture_tour', orgId: ids.cobuild, occurredOn: '2014-03-10', fields: { topic: '团的基本知识', lecturer: '李明', lecturer_level: '县' } });
  ids.partyReport = await record({ kind: 'report_to_party', orgId: ids.town, occurredOn: '2014-02-20', fields: { party_committee: '乡镇党委', content: '共建工作进展' } });
  ids.problem = await record({ kind: 'problem_solved', orgId: ids.village, occurredOn: '2014-03-12', fields: { problem: '村团支部无活动场地', solution: '借用村委会议室' } });
  ids.honor = await record({ kind: 'joint_activity', orgId: ids.post, occurredOn: '2014-03-15', partnerOrgIds: [ids.village], fields: { title: '义诊进乡村', content: '青年文明号集体与示范村联合开展义诊' } });
  // 兴宁市's records never appear in 梅县区's form.
  await record({ kind: 'report_to_party', orgId: await id('441481'), occurredOn: '2014-02-20', fields: { party_committee: '县（市、区）党委', content: '兴宁' } }, city);
}, 120_000);

const EXPECTED_Q1 = {
  优秀示范乡镇团委: { study_exchanges: 2, meetings: 2, funds: 2, lectures: 0, party_reports: 1, problems_solved: 0, honor_activities: 0 },
  优秀示范村团委: { study_exchanges: 1, meetings: 1, funds: 0, lectures: 0, party_reports: 0, problems_solved: 1, honor_activities: 1 },
  共建村团委: { study_exchanges: 0, meetings: 3, funds: 0.5, lectures: 1, party_reports: 0, problems_solved: 0, honor_activities: 0 },
  '合  计': { study_exchanges: 3, meetings: 3, funds: 2.5, lectures: 1, party_reports: 1, problems_solved: 1, honor_activities: 1 },
};

describe('S0.10 结对共建信息统计表 computed from records', () => {
  it('S0.10 lists the forms of the program with their periods and due dates (X.3)', async () => {
    const list = (await county.get(`/api/programs/${programId}/forms`)).json();
    expect(list.items.map((f: { id: string }) => f.id)).toEqual(['s0.10-statistics', 's0.11-pairing-table']);
    expect(list.items[0].periods.map((p: { key: string; due: string }) => [p.key, p.due])).toEqual([
      ['2014-Q1', '2014-03-20'], ['2014-Q2', '2014-06-20'], ['2014-Q3', '2014-09-20'], ['2014-Q4', '2014-12-20'],
    ]);
    expect(list.items[1].periods).toEqual([{ key: 'program', start: '2014-01-01', end: '2014-12-31', due: '2014-03-27', locksAfter: '2014-04-26' }]);
  });

  it('S0.10 X.2 every cell of the first quarter is filled from records before anyone types anything', async () => {
    const res = await county.get(report010());
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({ status: 'draft', version: 0, timeliness: 'pending', entryOpen: true, period: { key: '2014-Q1', due: '2014-03-20', locksAfter: '2014-04-19' } });
    expect(r.reporter).toMatchObject({ name: '共青团梅县区委员会', param: `org-${ids.mx}` });
    expect(table(r)).toEqual(EXPECTED_Q1);
    expect(r.footer.map((c: { column: string; value: unknown }) => [c.column, c.value])).toEqual([
      ['problems', '村团支部无活动场地'],
      ['partner_orgs', '梅县区人民医院青年文明号集体\n梅县区高级中学五四红旗团委'],
    ]);
    expect(r.rows.flatMap((row: { cells: Array<{ editable: boolean }> }) => row.cells).some((c: { editable: boolean }) => c.editable)).toBe(false); // nothing to type
  });

  it('X.2 each computed cell names its records: the partner’s meeting counts for both, the total once', async () => {
    const r = (await county.get(report010())).json();
    const cell = (row: string, column: string) => r.rows.find((x: { key: string }) => x.key === row).cells.find((c: { column: string }) => c.column === column);
    expect(cell('role:demo_town', 'study_exchanges').recordIds).toEqual([ids.studyTown1, ids.studyTown2]);
    expect(cell('role:demo_town', 'meetings').recordIds).toEqual([ids.meetTown, ids.meetCobuild]);
    expect(cell('role:cobuild_village', 'meetings').recordIds).toEqual([ids.meetTown, ids.meetCobuild, ids.meetVillage]);
    expect(cell('total', 'meetings').recordIds).toEqual([ids.meetTown, ids.meetCobuild, ids.meetVillage]);
    expect(cell('role:demo_village', 'honor_activities').recordIds).toEqual([ids.honor]);
    expect(cell('role:demo_town', 'funds')).toMatchObject({ value: 2, counts: 'reported', figures: { reported: 2, verified: 0, spotChecked: 0 } });
  });

  it('S0.10 the second quarter starts on 1 April', async () => {
    const q2 = table((await county.get(report010('2014-Q2'))).json());
    expect(q2['优秀示范村团委']!.study_exchanges).toBe(1);
    expect(q2['合  计']).toMatchObject({ study_exchanges: 1, meetings: 0, funds: 0 });
  });

  it('X.2 drill-down: a cell opens its records and their evidence', async () => {
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#c00' } }).png().toBuffer();
    const boundary = 'x-evidence';
    const payload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="meeting.png"\r\nContent-Type: image/png\r\n\r\n`), png, Buffer.from(`\r\n--${boundary}--\r\n`)]);
    const up = await t.app.inject({ method: 'POST', url: `/api/records/${ids.meetTown}/evidence`, payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'x-csrf-token': county.csrfToken }, cookies: { tj_session: county.cookie } });
    expect(up.statusCode).toBe(200);
    const res = await city.get(`${report010()}/cell?row=role:demo_town&column=meetings`);
    expect(res.statusCode).toBe(200);
    const detail = res.json();
    expect(detail).toMatchObject({ rowLabel: '优秀示范乡镇团委', columnLabel: '共建会议（次）', source: 'computed', value: 2 });
    expect(detail.records.map((x: { id: number; kindName: string; orgName: string }) => [x.id, x.kindName, x.orgName])).toEqual([
      [ids.meetTown, '共建工作例会', '丙村镇团委'], [ids.meetCobuild, '共建工作例会', expect.any(String)],
    ]);
    expect(detail.records[0].evidenceIds).toEqual([up.json().id]);
    const evidence = await city.get(`/api/records/${ids.meetTown}/evidence`);
    expect(evidence.json().items.map((e: { id: number }) => e.id)).toEqual(detail.records[0].evidenceIds);
    const partners = (await city.get(`${report010()}/cell?row=footer&column=partner_orgs`)).json();
    expect(partners.holders.map((h: { name: string }) => h.name)).toEqual(['梅县区人民医院青年文明号集体', '梅县区高级中学五四红旗团委']);
    expect((await city.get(`${report010()}/cell?row=role:nowhere&column=meetings`)).statusCode).toBe(400);
  });

  it('S0.10 a computed cell cannot be typed; notes can', async () => {
    const typed = await county.patch(report010(), { version: 0, cells: { 'role:demo_town/study_exchanges': 5 } });
    expect(typed.statusCode).toBe(400);
    expect(typed.json().fields[0]).toEqual({ path: 'body.cells.role:demo_town/study_exchanges', message: '该单元格由记录计算，不能填写' });
    const notes = await county.patch(report010(), { version: 0, notes: '示范村一季度新建活动阵地' });
    expect(notes.statusCode).toBe(200);
    expect(notes.json()).toMatchObject({ version: 1, notes: '示范村一季度新建活动阵地', status: 'draft' });
    expect((await county.patch(report010(), { version: 0, notes: '旧版本' })).statusCode).toBe(409);
  });
});

describe('S0.10 submit, approve, return and reopen up the tree', () => {
  it('S0.10 submitted on 18 March is on time for the 20 March deadline', async () => {
    await day('2014-03-18');
    expect((await county.post(`${report010()}/submit`, { version: 0 })).statusCode).toBe(409);
    const res = await county.post(`${report010()}/submit`, { version: 1 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'submitted', version: 2, timeliness: 'on_time', abilities: { edit: false, submit: false } });
    expect((await county.patch(report010(), { version: 2, notes: '改' })).json().message).toContain('已上报');
  });

  it('only the issuing city approves: not the reporter, not the county’s own manager', async () => {
    expect((await county.post(`${report010()}/approve`, { version: 2 })).statusCode).toBe(403);
    const own = await countyManager.post(`${report010()}/approve`, { version: 2 });
    expect(own.statusCode).toBe(403);
    expect(own.json().message).toContain('共青团梅州市委员会');
    expect((await otherCounty.get(report010())).statusCode).toBe(404); // 兴宁 cannot see 梅县区's form
  });

  it('the city returns it with a reason; the county sends it again, still on time by its first submission', async () => {
    await day('2014-03-21');
    expect((await city.post(`${report010()}/return`, { version: 2 })).json().fields[0].path).toBe('body.reason');
    const returned = await city.post(`${report010()}/return`, { version: 2, reason: '请补充共建会议纪要' });
    expect(returned.json()).toMatchObject({ status: 'returned', returnReason: '请补充共建会议纪要', timeliness: 'overdue' });
    const again = await county.post(`${report010()}/submit`, { version: 3 });
    expect(again.json()).toMatchObject({ status: 'submitted', timeliness: 'on_time', returnReason: null });
    expect(again.json().firstSubmittedAt).toBe('2014-03-18T02:00:00.000Z');
  });

  it('S0.10 approval locks the form and keeps a snapshot; a later record shows as a difference', async () => {
    const approved = await city.post(`${report010()}/approve`, { version: 4 });
    expect(approved.json()).toMatchObject({ status: 'approved', changes: [], abilities: { reopen: true, approve: false } });
    const late = await record({ kind: 'study_exchange', orgId: ids.cobuild, occurredOn: '2014-03-20', fields: { topic: '补记的学习交流' } });
    const r = (await city.get(report010())).json();
    expect(table(r)['共建村团委']!.study_exchanges).toBe(1); // computed on read: the new record counts at once
    expect(r.changes).toEqual([
      { cellKey: 'role:cobuild_village/study_exchanges', rowKey: 'role:cobuild_village', column: 'study_exchanges', before: 0, after: 1, addedRecordIds: [late], removedRecordIds: [] },
      { cellKey: 'total/study_exchanges', rowKey: 'total', column: 'study_exchanges', before: 3, after: 4, addedRecordIds: [late], removedRecordIds: [] },
    ]);
    expect((await county.patch(report010(), { version: 5, notes: 'x' })).json().message).toContain('锁定');
  });

  it('the approver reopens it with a reason; the county submits and the city approves the new figures', async () => {
    expect((await county.post(`${report010()}/reopen`, { version: 5, reason: '补记' })).statusCode).toBe(403);
    const reopened = await city.post(`${report010()}/reopen`, { version: 5, reason: '共建村补记一次学习交流' });
    expect(reopened.json()).toMatchObject({ status: 'returned', returnReason: '共建村补记一次学习交流', changes: [] });
    await county.post(`${report010()}/submit`, { version: 6 });
    const approved = (await city.post(`${report010()}/approve`, { version: 7 })).json();
    expect(approved).toMatchObject({ status: 'approved', changes: [] });
    expect(table(approved)['合  计']!.study_exchanges).toBe(4);
  });

  it('every step is audited with the form as its object', async () => {
    const log = (await (await auditorOf(t)).get('/api/audit?objectType=form_report&pageSize=50')).json();
    expect(log.items.map((e: { action: string }) => e.action).reverse()).toEqual([
      'form.update', 'form.submit', 'form.return', 'form.submit', 'form.approve', 'form.reopen', 'form.submit', 'form.approve',
    ]);
  });
});

describe('S0.10 on-time and completeness rates, overdue list, entry lock (X.3)', () => {
  it('expected are the county committees of 梅州 that exist during the quarter; actual and on time', async () => {
    const res = await city.get(`${s010()}/2014-Q1`);
    expect(res.statusCode).toBe(200);
    const s = res.json();
    expect(s.under).toEqual({ id: ids.mz, name: '共青团梅州市委员会' });
    const n = s.reporters.length;
    expect(n).toBeGreaterThanOrEqual(7);
    expect(s.reporters.map((x: { name: string }) => x.name)).toEqual(expect.arrayContaining(['共青团梅县区委员会', '共青团兴宁市委员会']));
    expect(s.rate).toEqual({ expected: n, actual: 1, onTime: 1, overdue: n - 1, completeness: 1 / n, onTimeRate: 1 / n });
    const mx = s.groups.find((g: { orgId: number }) => g.orgId === ids.mx);
    expect(mx.rate).toMatchObject({ expected: 1, actual: 1, onTime: 1 });
    expect(s.reporters.find((x: { orgId: number }) => x.orgId === ids.mx)).toMatchObject({ status: 'approved', timeliness: 'on_time' });
    const own = (await county.get(`${s010()}/2014-Q1`)).json();
    expect(own.rate).toMatchObject({ expected: 1, actual: 1, onTime: 1 });
    expect((await county.get(`${s010()}/2014-Q1?under=${ids.mz}`)).statusCode).toBe(404);
  });

  it('X.3 an org counts as expected only while it exists: a county founded in May reports from Q2', async () => {
    const fresh = await createOrg(t.database.db, systemContext('test'), SYSTEM_ACTOR, { parentId: ids.mz!, code: '441499', name: '共青团梅州新区委员会', kind: 'committee', foundedOn: '2014-05-01' });
    const q1 = (await city.get(`${s010()}/2014-Q1`)).json();
    const q2 = (await city.get(`${s010()}/2014-Q2`)).json();
    expect(q1.reporters.some((x: { orgId: number }) => x.orgId === fresh)).toBe(false);
    expect(q2.reporters.some((x: { orgId: number }) => x.orgId === fresh)).toBe(true);
    expect(q2.rate.expected).toBe(q1.rate.expected + 1);
    expect((await city.get(report010('2014-Q1', fresh))).statusCode).toBe(400);
  });

  it('X.3 the overdue list names every county that missed 20 March, longest first', async () => {
    const list = (await city.get(`/api/programs/${programId}/forms/overdue`)).json();
    expect(list.today).toBe('2014-03-21');
    const q1 = list.items.filter((x: { formId: string; periodKey: string }) => x.formId === 's0.10-statistics' && x.periodKey === '2014-Q1');
    expect(q1.some((x: { reporter: { orgId: number } }) => x.reporter.orgId === ids.xn)).toBe(true);
    expect(q1.some((x: { reporter: { orgId: number } }) => x.reporter.orgId === ids.mx)).toBe(false);
    expect(q1[0]).toMatchObject({ due: '2014-03-20', daysOverdue: 1, ref: 'S0.10', status: 'draft' });
    expect(list.items.some((x: { formId: string }) => x.formId === 's0.11-pairing-table')).toBe(false); // due 27 March
    const own = (await otherCounty.get(`/api/programs/${programId}/forms/overdue`)).json();
    expect(own.items.map((x: { reporter: { orgId: number } }) => x.reporter.orgId)).toEqual([ids.xn]);
  });

  it('entry locks after the expiry; the city grants 兴宁市 a dated exception and its report arrives late', async () => {
    await day('2014-04-20');
    const locked = await otherCounty.post(`${report010('2014-Q1', ids.xn)}/submit`, { version: 0 });
    expect(locked.statusCode).toBe(400);
    expect(locked.json().message).toContain('2014-04-19');
    expect((await otherCounty.post(`${report010('2014-Q1', ids.xn)}/exceptions`, { until: '2014-04-25', reason: '系统故障' })).statusCode).toBe(403);
    expect((await city.post(`${report010('2014-Q1', ids.xn)}/exceptions`, { until: '2014-04-19', reason: '早于今天' })).statusCode).toBe(400);
    const granted = await city.post(`${report010('2014-Q1', ids.xn)}/exceptions`, { until: '2014-04-25', reason: '系统故障，延期补报' });
    expect(granted.json()).toMatchObject({ entryOpen: true, exceptionUntil: '2014-04-25' });
    await day('2014-04-22');
    const sent = await otherCounty.post(`${report010('2014-Q1', ids.xn)}/submit`, { version: 0 });
    expect(sent.json()).toMatchObject({ status: 'submitted', timeliness: 'late' });
    const rate = (await city.get(`${s010()}/2014-Q1`)).json().rate;
    expect(rate).toMatchObject({ actual: 2, onTime: 1 });
    await day('2014-04-26');
    expect((await county.get(report010('2014-Q1'))).json().entryOpen).toBe(false);
  });

  it('whoever hands a form in for a reporter cannot also approve it', async () => {
    const sent = await city.post(`${report010('2014-Q2', ids.xn)}/submit`, { version: 0 });
    expect(sent.json()).toMatchObject({ status: 'submitted' });
    const own = await city.post(`${report010('2014-Q2', ids.xn)}/approve`, { version: sent.json().version });
    expect(own.statusCode).toBe(403);
    expect(own.json().message).toBe('不能审核自己上报的报表，请由本级其他审核人审核');
  });
});

describe('S0.11 结对共建表 from the registry', () => {
  it('S0.11 names, leaders and mobiles of the county and its nominations; due 27 March', async () => {
    const r = (await city.get(report011())).json();
    expect(r.period).toMatchObject({ key: 'program', due: '2014-03-27' });
    expect(r.form.columns.map((c: { group: string | null; label: string }) => [c.group, c.label])).toEqual([
      [null, '团县委共建工作负责人及联系方式'], ['优秀示范镇团委', '名称'], ['优秀示范镇团委', '负责人及联系方式'], ['优秀示范村团委', '名称'], ['优秀示范村团委', '负责人及联系方式'],
      ['共建村团委', '名称'], ['共建村团委', '负责人及联系方式'], [null, '备注'],
    ]);
    const names = Object.fromEntries(await Promise.all(['441403113', '441403114', '441403113201', '441403113202', '441403114201'].map(async (c) => [c, (await city.get(`/api/orgs/${await id(c)}`)).json().name])));
    expect(table(r)['共青团梅县区委员会']).toEqual({
      county_contact: '李明 13800001111',
      demo_town_name: `${names['441403113']}\n${names['441403114']}`,
      demo_town_contact: '张三 13912345678\n王五 13700002222',
      demo_village_name: `${names['441403113201']}\n${names['441403113202']}`,
      demo_village_contact: null, // neither village has a leader on record
      cobuild_village_name: names['441403114201'],
      cobuild_village_contact: '钱七 13600003333',
      remarks: null,
    });
  });

  it('S0.11 readers without the right to see mobiles get them masked', async () => {
    const r = (await cityViewer.get(report011())).json();
    expect(table(r)['共青团梅县区委员会']).toMatchObject({ county_contact: '李明 138****1111', demo_town_contact: '张三 139****5678\n王五 137****2222' });
  });

  it('S0.11 the remarks are typed, with who typed them and when', async () => {
    await day('2014-04-22');
    const res = await county.patch(report011(), { version: 0, cells: { [`org:${ids.mx}/remarks`]: '示范镇待团市委确定' } });
    expect(res.statusCode).toBe(200);
    const cell = res.json().rows[0].cells.find((c: { column: string }) => c.column === 'remarks');
    expect(cell).toMatchObject({ source: 'typed', value: '示范镇待团市委确定', editable: true, typedBy: 'mx_reporter', typedAt: '2014-04-22T02:00:00.000Z' });
    const detail = (await city.get(`${report011()}/cell?row=org:${ids.mx}&column=remarks`)).json();
    expect(detail).toMatchObject({ source: 'typed', typedBy: 'mx_reporter', typedAt: '2014-04-22T02:00:00.000Z', records: [] });
    const bad = await county.patch(report011(), { version: 1, cells: { [`org:${ids.mx}/remarks`]: 12 } });
    expect(bad.json().fields[0]).toEqual({ path: `body.cells.org:${ids.mx}/remarks`, message: '应为文字' });
  });
});

describe('xlsx in the attachment’s layout', () => {
  async function workbook(res: { statusCode: number; rawPayload: Buffer; headers: Record<string, unknown> }) {
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    return wb.worksheets[0]!;
  }
  const text = (ws: ExcelJS.Worksheet, ref: string) => String(ws.getCell(ref).value ?? '');

  it('S0.10 Attachment 1: title, stamp and date line, headers, every cell, notes and merged ranges', async () => {
    const ws = await workbook(await city.get(`${report010()}/xlsx`));
    expect(text(ws, 'A1')).toBe('附件1');
    expect(text(ws, 'A2')).toBe('全市基层团组织“联手结对，共促发展”结对共建信息统计表（2014年第1季度）');
    expect(text(ws, 'A3')).toBe('县（市、区）团委（盖章）：共青团梅县区委员会');
    expect(text(ws, 'E3')).toBe('时间：2014年3月21日'); // the day of the submission that was approved
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((c) => String(ws.getRow(4).getCell(c).value))).toEqual([
      '共建对象', '学习交流活动（次）', '共建会议（次）', '共建经费（万）', '团课下乡（课）', '向县、乡镇党委汇报（次）', '解决问题（个）', '与青年文明号、五四红旗团组织开展活动（次）',
    ]);
    const rows = [5, 6, 7, 8].map((r) => [1, 2, 3, 4, 5, 6, 7, 8].map((c) => ws.getRow(r).getCell(c).value));
    expect(rows).toEqual([
      ['优秀示范乡镇团委', 2, 2, 2, 0, 1, 0, 0],
      ['优秀示范村团委', 1, 1, 0, 0, 0, 1, 1],
      ['共建村团委', 1, 3, 0.5, 1, 0, 0, 0],
      ['合  计', 4, 3, 2.5, 1, 1, 1, 1],
    ]);
    expect(text(ws, 'A9')).toBe('解决问题具体内容：村团支部无活动场地');
    expect(text(ws, 'A10')).toBe('结对的青年文明号集体、五四红旗团组织：梅县区人民医院青年文明号集体；梅县区高级中学五四红旗团委');
    expect(text(ws, 'A11')).toBe('说明：示范村一季度新建活动阵地');
    expect(text(ws, 'A13')).toMatch(/^注：1\.上述表格内容除解决问题数/);
    expect(text(ws, 'A15')).toBe('3.此表每季度末20日上报。');
    expect(ws.model.merges).toEqual(expect.arrayContaining(['A1:H1', 'A2:H2', 'A3:D3', 'E3:H3', 'A9:H9', 'A13:H13']));
  });

  it('S0.11 Attachment 2: group headers merged over 名称 and 负责人及联系方式; mobiles masked for a viewer', async () => {
    const ws = await workbook(await cityViewer.get(`${report011()}/xlsx`));
    expect(text(ws, 'A2')).toBe('全市基层团组织“联手结对，共促发展”结对共建表');
    expect(text(ws, 'A3')).toBe('团委（盖章）：共青团梅县区委员会');
    expect(text(ws, 'A4')).toBe('团县委共建工作负责人及联系方式');
    expect([text(ws, 'B4'), text(ws, 'D4'), text(ws, 'F4'), text(ws, 'H4')]).toEqual(['优秀示范镇团委', '优秀示范村团委', '共建村团委', '备注']);
    expect([text(ws, 'B5'), text(ws, 'C5'), text(ws, 'D5'), text(ws, 'E5'), text(ws, 'F5'), text(ws, 'G5')]).toEqual(['名称', '负责人及联系方式', '名称', '负责人及联系方式', '名称', '负责人及联系方式']);
    expect(ws.model.merges).toEqual(expect.arrayContaining(['A4:A5', 'B4:C4', 'D4:E4', 'F4:G4', 'H4:H5']));
    expect(text(ws, 'A6')).toBe('李明 138****1111');
    expect(text(ws, 'G6')).toBe('钱七 136****3333');
    expect(text(ws, 'H6')).toBe('示范镇待团市委确定');
    const all = ws.getSheetValues().flat().map(String).join(' ');
    expect(all).not.toContain('13800001111');
    const full = await workbook(await city.get(`${report011()}/xlsx`));
    expect(text(full, 'A6')).toBe('李明 13800001111');
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { registerBuiltinTemplates } from '../src/features/templates/builtin';
import { importDivisions } from '../src/features/orgs/divisions.import';
import { createOrg } from '../src/features/orgs/orgs.service';
import { createCadre, createDepartment } from '../src/features/people/people.service';
import { SYSTEM_ACTOR, systemContext } from '../src/system-actor';
import { loginAs, seedUser, testApp, testClock, type Client, orgIdByCode, setDay } from './helpers';

/**
 * S2 per requirement on the real 漯河 (GB/T 2260 4111), template s2-luohe-vital: the city committee runs
 * the 2020 活力团建 plan with three of its departments and two county committees. The clock only moves
 * forward, so the tests run in the order the year runs. tasks.test.ts holds the S2.1 cards (yellow, red,
 * progress notes); this file checks the plan on the real tree.
 */
const clock = testClock(new Date('2020-01-20T02:00:00Z'));
let t: Awaited<ReturnType<typeof testApp>>;
let city: Client; // manager at 漯河, the issuer
let county: Client; // manager at 源汇区
let programId: number;
const ids: Record<string, number> = {};
const dept: Record<string, number> = {};
const cadre: Record<string, number> = {};
const id = (code: string) => orgIdByCode(t.database, code);

/** 10:00 Beijing time of a day; sessions do not last days, so everyone signs in again. */
async function day(date: string) {
  setDay(clock, date);
  await signIn();
}
async function signIn() {
  city = await loginAs(t.app, 'lh_city');
  county = await loginAs(t.app, 'yh_county');
}

async function record(body: Record<string, unknown>, as: Client = city): Promise<number> {
  const res = await as.post(`/api/programs/${programId}/records`, body);
  if (res.statusCode !== 200) throw new Error(`record failed: ${res.body}`);
  return res.json().savedId;
}

/** One 走基层 visit of a department, as the 团干部走基层情况报告单 (Attachment 1) asks for it. */
const visit = (department: string, people: string[], occurredOn: string, extra: Record<string, unknown> = {}) => record({
  kind: 'grassroots_visit', orgId: ids.luohe, occurredOn, departmentId: dept[department], cadreIds: people.map((p) => cadre[p]), days: 1, peopleReached: 12,
  placeOrgId: ids.daliu,
  fields: { name: people[0], position: `${department}干部`, leader: '辛光辉', visited_org: '大刘镇团委', form: '实地走访、座谈', cadres_met: 3, youths_met: 9, org_work: '按月开展主题团日，台账基本完整' },
  ...extra,
});

/** A sheet or report handed in: the hand-in day is the day the system receives it, not the date typed. */
const handIn = (deliverableKey: string, occurredOn: string, who: { department?: string; orgId?: number }, as: Client = city) => record({
  kind: 'deliverable', orgId: who.orgId ?? ids.luohe, departmentId: who.department ? dept[who.department] : undefined, occurredOn, deliverableKey,
  fields: { title: deliverableKey.startsWith('s2.5') ? '关于乡镇团组织活力的调研报告' : '团干部走基层情况报告单' },
}, as);

type Cell = { periodKey: string; state: string; done: number; required: number; recordIds: string[] };
async function matrix(obligation: string) {
  const res = await city.get(`/api/programs/${programId}/compliance?obligation=${obligation}`);
  expect(res.statusCode, res.body).toBe(200);
  const rows = (res.json() as { rows: Array<{ subjectKey: string; cells: Cell[] }> }).rows;
  const row = (key: string) => rows.find((r) => r.subjectKey === key)!;
  return { subjects: rows.map((r) => r.subjectKey), cell: (key: string, period: string) => row(key).cells.find((c) => c.periodKey === period)!, states: (key: string) => Object.fromEntries(row(key).cells.map((c) => [c.periodKey, c.state])) };
}

type DCell = { periodKey: string; due: string | null; state: string; done: number; daysLate: number; recordIds: string[] };
async function deliverables() {
  const res = await city.get(`/api/programs/${programId}/deliverables`);
  expect(res.statusCode, res.body).toBe(200);
  const items = res.json().items as Array<{ deliverable: { id: string }; rows: Array<{ subjectKey: string; cells: DCell[] }> }>;
  return (key: string, subjectKey: string, period: string) =>
    items.find((i) => i.deliverable.id === key)!.rows.find((r) => r.subjectKey === subjectKey)!.cells.find((c) => c.periodKey === period)!;
}
const D = (name: string) => `department:${dept[name]}`;

beforeAll(async () => {
  t = await testApp({ clock });
  const ctx = systemContext('test');
  const db = t.database.db;
  await registerBuiltinTemplates(db);
  await importDivisions(t.database, ctx, ['4111']); // 漯河 with its counties, townships and villages
  Object.assign(ids, { luohe: await id('4111'), yuanhui: await id('411102'), yancheng: await id('411103'), daliu: await id('411102100') });
  const people: Record<string, string[]> = { 组织部: ['辛光辉', '刘畅'], 学校部: ['封亚村'], 宣传部: ['王蕾'] };
  for (const [name, members] of Object.entries(people)) {
    dept[name] = await createDepartment(db, ctx, SYSTEM_ACTOR, ids.luohe!, name);
    for (const p of members) cadre[p] = await createCadre(db, ctx, SYSTEM_ACTOR, ids.luohe!, { name: p, position: `${name}干部`, departmentId: dept[name] });
  }
  await seedUser(t.database, 'lh_city', 'manager', ids.luohe!);
  await seedUser(t.database, 'yh_county', 'manager', ids.yuanhui!);
  await signIn();
  const templateId = (await t.database.query<{ id: number }>("SELECT id FROM program_templates WHERE key = 's2-luohe-vital'"))[0]!.id;
  const created = await city.post('/api/programs', { templateId, issuerOrgId: ids.luohe, scopeOrgId: ids.luohe, year: 2020, docNumber: '漯团〔2020〕15号' });
  expect(created.json()).toMatchObject({ startsOn: '2020-01-01', endsOn: '2020-12-31' });
  programId = created.json().id;
  const assign = async (roleKey: string, holder: { type: string; id: number }) => {
    const res = await city.post(`/api/programs/${programId}/holders`, { roleKey, holder });
    expect(res.statusCode, res.body).toBe(200);
  };
  for (const name of Object.keys(people)) await assign('city_department', { type: 'department', id: dept[name]! });
  for (const c of [ids.yuanhui!, ids.yancheng!]) await assign('county_committee', { type: 'org', id: c });
}, 120_000);

describe('S2 the plan on 漯河 (January 2020)', () => {
  it('S2.1 15 numbered tasks in four projects and one activity, each with its responsible department and person; owners in the registry are linked', async () => {
    const res = await city.get(`/api/programs/${programId}/tasks`);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as Array<{ number: number; project: string; department: string; person: string; departmentId: number | null; cadreId: number | null; dueOn: string }>;
    expect(items.map((x) => x.number)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    expect(new Set(items.map((x) => x.project))).toEqual(new Set(['强基扩面工程', '团建品牌提升工程', '团建心连心工程', '素质提升工程', '观摩交流活动']));
    expect(items.every((x) => x.department.length > 0 && x.person.length > 0)).toBe(true);
    // 学校部 / 封亚村 and 组织部 / 辛光辉 are in 漯河's registry; 青发部 is not, so task 3 names it without a link.
    expect(items[0]).toMatchObject({ department: '学校部', person: '封亚村', departmentId: dept['学校部'], cadreId: cadre['封亚村'], dueOn: '2020-11-30' });
    expect(items[1]).toMatchObject({ department: '组织部', person: '辛光辉', departmentId: dept['组织部'], cadreId: cadre['辛光辉'], dueOn: '2020-12-31' });
    expect(items[2]).toMatchObject({ department: '青发部', person: '赵博', departmentId: null, cadreId: null });
    expect(items[10]).toMatchObject({ project: '团建心连心工程', department: '各部室' }); // the 走基层周 of S2.3–S2.5
  });

  it('S2.2 quantitative targets with their 2020 deadlines; the activity-room targets bind each county, zone and school committee', async () => {
    const res = await city.get(`/api/programs/${programId}/targets`);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as Array<{ key: string; target: number | null; unit: string; deadline: string; perSubject: boolean; subjectName: string | null; countsKind: string | null; actual: number | null }>;
    const of = (key: string) => items.find((i) => i.key === key)!;
    expect(items).toHaveLength(14);
    expect(of('s2.2-school-elections')).toMatchObject({ target: 100, unit: '%', deadline: '2020-11-30', perSubject: false });
    expect(of('s2.2-non-public')).toMatchObject({ target: 40, unit: '%', deadline: '2020-12-31' });
    expect(of('s2.2-youth-home')).toMatchObject({ target: 20, unit: '%' });
    expect(of('s2.2-rooms-county')).toMatchObject({ target: 3, unit: '个', deadline: '2020-12-31', perSubject: true, subjectName: '县区团委' });
    expect(of('s2.2-rooms-zone')).toMatchObject({ target: 1, perSubject: true, subjectName: '功能区团工委' });
    expect(of('s2.2-rooms-school')).toMatchObject({ target: 1, perSubject: true, subjectName: '中职中学、高校团委' });
    // No record or registry figure answers these metrics yet: the targets carry no actual to judge.
    expect(items.every((i) => i.countsKind === null && i.actual === null)).toBe(true);

    // Who the room targets bind: a zone's working committee and a school committee may hold their roles, a county may not.
    const ctx = systemContext('test');
    const zone = await createOrg(t.database.db, ctx, SYSTEM_ACTOR, { parentId: ids.luohe!, code: '4111-CXYTH', name: '漯河市城乡一体化示范区团工委', kind: 'working_committee', level: 'county', foundedOn: '2012-01-01' });
    const school = await createOrg(t.database.db, ctx, SYSTEM_ACTOR, { parentId: ids.luohe!, code: '4111-LHZY', name: '共青团漯河职业技术学院委员会', kind: 'committee', sector: 'school', foundedOn: '2002-01-01' });
    const assign = (roleKey: string, orgId: number) => city.post(`/api/programs/${programId}/holders`, { roleKey, holder: { type: 'org', id: orgId } });
    expect((await assign('zone_committee', zone)).statusCode).toBe(200);
    expect((await assign('school_committee', school)).statusCode).toBe(200);
    const countyAsZone = await assign('zone_committee', ids.yuanhui!);
    expect(countyAsZone.statusCode).toBe(400);
    expect(countyAsZone.json().fields[0].path).toBe('body.holder.id');
    expect((await assign('school_committee', ids.daliu!)).statusCode).toBe(400); // a township is no school
    expect((await assign('county_committee', ids.daliu!)).statusCode).toBe(400);
  });
});

describe('S2.4 visit sheets handed in (January – April 2020)', () => {
  it('S2.4 department sheets by the 28th and county sheets by the 10th of the next month: met, late, missed, by the day the system received them', async () => {
    await handIn('s2.4-visit-sheets-department', '2020-01-08', { department: '组织部' }); // 20 January
    await day('2020-02-08');
    await handIn('s2.4-visit-sheets-county', '2020-01-07', { orgId: ids.yuanhui }, county);
    await day('2020-02-29');
    // typed as 7 February, received on the 29th: one day after the 28th
    const lateFeb = await handIn('s2.4-visit-sheets-department', '2020-02-07', { department: '组织部' });
    await handIn('s2.4-visit-sheets-department', '2020-02-07', { department: '学校部' });
    await day('2020-03-12');
    // 源汇区's February sheet comes after 10 March: February is missed, the sheet serves March
    const march = await handIn('s2.4-visit-sheets-county', '2020-02-07', { orgId: ids.yuanhui }, county);
    const wrongOrg = await county.post(`/api/programs/${programId}/records`, { kind: 'deliverable', orgId: ids.yancheng, occurredOn: '2020-03-05', deliverableKey: 's2.4-visit-sheets-county', fields: { title: '代报' } });
    expect(wrongOrg.statusCode).toBe(404); // a county hands in its own sheet only

    await day('2020-04-15');
    const d = await deliverables();
    expect(d('s2.4-visit-sheets-department', D('组织部'), '2020-01')).toMatchObject({ due: '2020-01-28', state: 'met', daysLate: 0 });
    expect(d('s2.4-visit-sheets-department', D('组织部'), '2020-02')).toMatchObject({ due: '2020-02-28', state: 'late', daysLate: 1, recordIds: [String(lateFeb)] });
    expect(d('s2.4-visit-sheets-department', D('组织部'), '2020-03')).toMatchObject({ state: 'missed', done: 0, daysLate: 18 });
    expect(d('s2.4-visit-sheets-department', D('组织部'), '2020-04')).toMatchObject({ due: '2020-04-28', state: 'upcoming' });
    expect(d('s2.4-visit-sheets-department', D('学校部'), '2020-01')).toMatchObject({ state: 'missed' });
    expect(d('s2.4-visit-sheets-department', D('学校部'), '2020-02')).toMatchObject({ state: 'late', daysLate: 1 });
    expect(d('s2.4-visit-sheets-department', D('宣传部'), '2020-02')).toMatchObject({ state: 'missed', recordIds: [] });
    const c = (orgId: number, period: string) => d('s2.4-visit-sheets-county', `org:${orgId}`, period);
    expect(c(ids.yuanhui!, '2020-01')).toMatchObject({ due: '2020-02-10', state: 'met' });
    expect(c(ids.yuanhui!, '2020-02')).toMatchObject({ due: '2020-03-10', state: 'missed', done: 0 });
    expect(c(ids.yuanhui!, '2020-03')).toMatchObject({ due: '2020-04-10', state: 'met', recordIds: [String(march)] });
    expect(c(ids.yancheng!, '2020-01')).toMatchObject({ state: 'missed' });
    expect(c(ids.yancheng!, '2020-03')).toMatchObject({ state: 'missed', daysLate: 5 });
    const overdue = (await county.get(`/api/programs/${programId}/risks?soonDays=7`)).json().items as Array<{ itemId: string; subjectKey: string; periodKey: string; risk: string }>;
    expect(overdue.filter((r) => r.itemId === 's2.4-visit-sheets-county').map((r) => [r.subjectKey, r.periodKey, r.risk])).toEqual([[`org:${ids.yuanhui}`, '2020-02', 'overdue']]);
  });
});

describe('S2.3 the 走基层周 (April – May 2020)', () => {
  it('S2.3 each department one day in days 1–7 of every month: met, missed, upcoming; two cadres on one day make one day; the 12th is too late', async () => {
    const noLeader = await city.post(`/api/programs/${programId}/records`, {
      kind: 'grassroots_visit', orgId: ids.luohe, occurredOn: '2020-01-03', departmentId: dept['组织部'], fields: { name: '辛光辉', position: '组织部部长', visited_org: '大刘镇团委', form: '座谈', cadres_met: 1, youths_met: 5, org_work: '正常' },
    });
    expect(noLeader.statusCode).toBe(400); // S2.3 led by the department's leader
    expect(noLeader.json().fields.map((f: { path: string }) => f.path)).toEqual(['body.fields.leader']);

    const jan1 = await visit('组织部', ['辛光辉'], '2020-01-03');
    const jan2 = await visit('组织部', ['刘畅'], '2020-01-03'); // the same day: one department-day
    await visit('组织部', ['辛光辉'], '2020-02-05');
    await visit('组织部', ['刘畅'], '2020-03-12'); // after the week
    await visit('组织部', ['辛光辉', '刘畅'], '2020-04-02', { days: 2 });
    await visit('学校部', ['封亚村'], '2020-02-07'); // the week's last day
    await visit('学校部', ['封亚村'], '2020-04-01');
    await visit('宣传部', ['王蕾'], '2020-03-04', { status: 'draft' }); // a draft counts for nothing

    const m = await matrix('s2.3-visit-week');
    expect(m.subjects).toEqual([D('组织部'), D('学校部'), D('宣传部')]);
    expect(m.cell(D('组织部'), '2020-01')).toMatchObject({ state: 'met', done: 1, required: 1, recordIds: [String(jan1), String(jan2)].sort() });
    expect(m.states(D('组织部'))).toMatchObject({ '2020-01': 'met', '2020-02': 'met', '2020-03': 'missed', '2020-04': 'met', '2020-05': 'upcoming', '2020-12': 'upcoming' });
    expect(m.cell(D('组织部'), '2020-03')).toMatchObject({ done: 0, recordIds: [] });
    expect(m.cell(D('组织部'), '2020-04')).toMatchObject({ done: 2 });
    expect(m.states(D('学校部'))).toMatchObject({ '2020-01': 'missed', '2020-02': 'met', '2020-03': 'missed', '2020-04': 'met' });
    expect(m.states(D('宣传部'))).toMatchObject({ '2020-01': 'missed', '2020-02': 'missed', '2020-03': 'missed', '2020-04': 'missed' });
  });

  it('S2.3 on 2 May the week closing without a visit is at risk for the department; closed weeks unvisited are overdue', async () => {
    await day('2020-05-02');
    await visit('组织部', ['辛光辉'], '2020-05-01');
    const risks = (await city.get(`/api/programs/${programId}/risks?soonDays=7`)).json().items as Array<{ itemId: string; subjectKey: string; periodKey: string; risk: string }>;
    const week = risks.filter((r) => r.itemId === 's2.3-visit-week');
    expect(week.filter((r) => r.periodKey === '2020-05').map((r) => [r.subjectKey, r.risk])).toEqual([[D('学校部'), 'at_risk'], [D('宣传部'), 'at_risk']]);
    expect(week).toContainEqual(expect.objectContaining({ subjectKey: D('组织部'), periodKey: '2020-03', risk: 'overdue' }));
    expect(week.filter((r) => r.subjectKey === D('宣传部') && r.risk === 'overdue')).toHaveLength(4);
  });
});

describe('S2.5 the yearly research report (December 2020 – January 2021)', () => {
  it('S2.5 at least one research report per department a year: on time, late, missed; only a 调研报告 record counts', async () => {
    await day('2020-12-20');
    // a visit sheet is not the report, even with the report's key
    await expect(visit('组织部', ['辛光辉'], '2020-12-18', { deliverableKey: 's2.5-research-report' })).rejects.toThrow('"path":"body.kind"');
    const onTime = await handIn('s2.5-research-report', '2020-12-18', { department: '组织部' });

    await day('2020-12-26');
    const soon = (await city.get(`/api/programs/${programId}/risks?soonDays=7`)).json().items as Array<{ itemId: string; subjectKey: string; risk: string }>;
    expect(soon.filter((r) => r.itemId === 's2.5-research-report').map((r) => [r.subjectKey, r.risk])).toEqual([[D('学校部'), 'at_risk'], [D('宣传部'), 'at_risk']]);

    await day('2021-01-05');
    const late = await handIn('s2.5-research-report', '2020-12-31', { department: '学校部' }); // dated in the year, received on 5 January
    const d = await deliverables();
    expect(d('s2.5-research-report', D('组织部'), '2020')).toMatchObject({ due: '2020-12-31', state: 'met', daysLate: 0, recordIds: [String(onTime)] });
    expect(d('s2.5-research-report', D('学校部'), '2020')).toMatchObject({ state: 'late', daysLate: 5, recordIds: [String(late)] });
    expect(d('s2.5-research-report', D('宣传部'), '2020')).toMatchObject({ state: 'missed', done: 0, daysLate: 5 });
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { registerBuiltinTemplates } from '../src/features/templates/builtin';
import { importDivisions } from '../src/features/orgs/divisions.import';
import { createOrg } from '../src/features/orgs/orgs.service';
import { SYSTEM_ACTOR, systemContext } from '../src/system-actor';
import { loginAs, seedUser, testApp, testClock, type Client, orgIdByCode, setDay } from './helpers';

/**
 * S0 per requirement on the real 梅州 (GB/T 2260 4414), template s0-meizhou-pairing: the city committee
 * runs the 2014 program, 梅县区 nominates and records, 兴宁市 is the county that does nothing. The clock
 * only moves forward, so the tests run in the order the year runs; programs.test.ts holds the S0 cases
 * not repeated here (demo-town slate of 2, item 4 with 18 direct orgs, the demo town's supervision).
 */
const clock = testClock(new Date('2014-03-10T02:00:00Z'));
let t: Awaited<ReturnType<typeof testApp>>;
let city: Client; // manager at 梅州, the issuer
let county: Client; // manager at 梅县区
let xnCounty: Client; // manager at 兴宁市
let programId: number;
const ids: Record<string, number> = {};
const id = (code: string) => orgIdByCode(t.database, code);
const MANDATORY = ['team', 'institutions', 'ledger', 'direct_orgs', 'activities'];
const pass = (...items: string[]) => Object.fromEntries(items.map((k) => [k, { passed: true }]));

/** 10:00 Beijing time of a day; sessions do not last days, so everyone signs in again. */
async function day(date: string) {
  setDay(clock, date);
  await signIn();
}
async function signIn() {
  city = await loginAs(t.app, 'mz_city');
  county = await loginAs(t.app, 'mx_county');
  xnCounty = await loginAs(t.app, 'xn_county');
}

async function addDirectOrgs(townshipCode: string, n: number) {
  const parentId = await id(townshipCode);
  for (let i = 0; i < n; i++) {
    await createOrg(t.database.db, systemContext('test'), SYSTEM_ACTOR, { parentId, code: `${townshipCode}-D${i}`, name: `直属团支部${i}`, kind: 'direct_org' });
  }
}

async function record(body: Record<string, unknown>, as: Client = county): Promise<number> {
  const res = await as.post(`/api/programs/${programId}/records`, body);
  if (res.statusCode !== 200) throw new Error(`record failed: ${res.body}`);
  return res.json().savedId;
}

type Nomination = { id: number; roleKey: string; orgId: number; status: string; version: number; standard: { approvable: boolean; mandatoryFailed: string[]; items: Array<{ id: string; mandatory: boolean; passed: boolean | null; reason: string }> } | null };
async function nominate(as: Client, roleKey: string, orgId: number, reviews?: Record<string, unknown>) {
  const res = await as.post(`/api/programs/${programId}/nominations`, { roleKey, orgId, reviews });
  const n = res.statusCode === 200 ? (res.json().items as Nomination[]).find((x) => x.roleKey === roleKey && x.orgId === orgId) : undefined;
  return { res, n };
}
const decide = (as: Client, n: Nomination, decision: 'approve' | 'return', extra: Record<string, unknown> = {}) =>
  as.post(`/api/programs/${programId}/nominations/${n.id}/decision`, { decision, version: n.version, ...extra });

type Cell = { periodKey: string; state: string; done: number; required: number; recordIds: string[] };
async function matrix(obligation: string, as?: Client) {
  const res = await (as ?? city).get(`/api/programs/${programId}/compliance?obligation=${obligation}`);
  expect(res.statusCode).toBe(200);
  const m = res.json() as { rows: Array<{ subjectKey: string; cells: Cell[] }> };
  const cell = (orgId: number, periodKey: string) => {
    const row = m.rows.find((r) => r.subjectKey === `org:${orgId}`);
    if (!row) throw new Error(`no row org:${orgId} in ${obligation}`);
    return row.cells.find((c) => c.periodKey === periodKey)!;
  };
  return { rows: m.rows, cell, subjects: m.rows.map((r) => r.subjectKey) };
}
/** The states of one subject's periods, as a person reads a row of the matrix. */
const states = (cells: Cell[]) => Object.fromEntries(cells.map((c) => [c.periodKey, c.state]));

beforeAll(async () => {
  t = await testApp({ clock });
  const ctx = systemContext('test');
  await registerBuiltinTemplates(t.database.db);
  await importDivisions(t.database, ctx, ['4414']); // 梅州 with its counties, townships and villages
  Object.assign(ids, {
    mz: await id('4414'), mx: await id('441403'), xn: await id('441481'),
    bingcun: await id('441403113'), // 丙村镇: the demo town
    yanyang: await id('441403111'), // 雁洋镇: a candidate failing a mandatory item
    leifeng: await id('441403113200'), // 雷丰村: the demo village
    hengshi: await id('441403113201'), // 横石村: the second demo village proposed
    hengzhuang: await id('441403114201'), // 横庄村 (隆文镇): the co-build village
    liankeng: await id('441403114202'), // 联坑村: a second co-build village, not allowed
  });
  ids.xnVillage = (await t.database.query<{ id: number }>("SELECT id FROM orgs WHERE code LIKE '441481%' AND level = 'village' ORDER BY code LIMIT 1"))[0]!.id;
  const partner = (code: string, name: string, kind: 'partner_unit' | 'committee', honors: Array<'youth_civilization_post' | 'may_fourth_red_flag'>) =>
    createOrg(t.database.db, ctx, SYSTEM_ACTOR, { parentId: ids.mx!, code, name, kind, honors, foundedOn: '2010-01-01' });
  ids.post = await partner('441403-QNWMH', '梅县区人民医院青年文明号集体', 'partner_unit', ['youth_civilization_post']);
  ids.post2 = await partner('441403-QNWMH2', '梅县区供电局青年文明号集体', 'partner_unit', ['youth_civilization_post']);
  ids.flag = await partner('441403-WSHQ', '梅县区高级中学五四红旗团委', 'committee', ['may_fourth_red_flag']);
  ids.plain = await partner('441403-PT', '梅县区某企业团支部', 'partner_unit', []);
  await addDirectOrgs('441403113', 21);
  await addDirectOrgs('441403111', 21);
  await seedUser(t.database, 'mz_city', 'manager', ids.mz!);
  await seedUser(t.database, 'mx_county', 'manager', ids.mx!);
  await seedUser(t.database, 'xn_county', 'manager', ids.xn!);
  await signIn();
  const tpl = (await city.get('/api/templates')).json().items.find((x: { key: string }) => x.key === 's0-meizhou-pairing');
  const created = await city.post('/api/programs', { templateId: tpl.id, issuerOrgId: ids.mz, scopeOrgId: ids.mz, year: 2014, docNumber: '梅团联〔2014〕3号' });
  expect(created.json()).toMatchObject({ startsOn: '2014-01-01', endsOn: '2014-12-31' });
  programId = created.json().id;
  for (const county of [ids.mx!, ids.xn!]) {
    const res = await city.post(`/api/programs/${programId}/holders`, { roleKey: 'county_committee', holder: { type: 'org', id: county } });
    expect(res.statusCode).toBe(200);
  }
}, 120_000);

describe('S0 roles and standards on 梅州 (March 2014)', () => {
  it('S0.1 each county: 2 demo villages proposed, the city keeps 1; only 1 co-build village may be proposed, per county', async () => {
    const a = await nominate(county, 'demo_village', ids.leifeng!);
    const b = await nominate(county, 'demo_village', ids.hengshi!);
    expect([a.res.statusCode, b.res.statusCode]).toEqual([200, 200]);
    expect(a.n).toMatchObject({ status: 'nominated', standard: null }); // the demo standard binds demo towns only
    expect((await decide(county, a.n!, 'approve')).statusCode).toBe(403); // the city decides, not the county
    expect((await decide(city, a.n!, 'approve')).statusCode).toBe(200);
    const second = await decide(city, b.n!, 'approve');
    expect(second.statusCode).toBe(400);
    expect(second.json().message).toContain('优秀示范村团委');
    expect((await decide(city, b.n!, 'return', { reason: '每县只确定1个示范村' })).statusCode).toBe(200);

    const cobuild = await nominate(county, 'cobuild_village', ids.hengzhuang!);
    expect(cobuild.res.statusCode).toBe(200);
    const another = await nominate(county, 'cobuild_village', ids.liankeng!);
    expect(another.res.statusCode).toBe(400); // Attachment 2 note 3: 共建村只报一个
    expect(another.res.json().fields[0]).toMatchObject({ path: 'body.orgId', message: '超出推荐名额' });
    expect((await decide(city, cobuild.n!, 'approve')).statusCode).toBe(200);
    // The quota is counted per county: 兴宁市 still has its own co-build place.
    const xn = await nominate(xnCounty, 'cobuild_village', ids.xnVillage!);
    expect(xn.res.statusCode).toBe(200);
    // A county proposes only inside its own subtree.
    expect((await nominate(xnCounty, 'cobuild_village', ids.liankeng!)).res.statusCode).toBe(404);

    const list = (await city.get(`/api/programs/${programId}/nominations`)).json().items as Array<{ roleKey: string; orgId: number; status: string; quotaParentId: number }>;
    const of = (roleKey: string) => list.filter((n) => n.roleKey === roleKey).map((n) => [n.orgId, n.status, n.quotaParentId]);
    expect(of('demo_village')).toEqual([[ids.leifeng, 'approved', ids.mx], [ids.hengshi, 'returned', ids.mx]]);
    expect(of('cobuild_village')).toEqual([[ids.hengzhuang, 'approved', ids.mx], [ids.xnVillage, 'nominated', ids.xn]]);
  });

  it('S0.3 8 items, 1–5 mandatory: item 4 counted from the registry still needs the fund reviewed; a failed optional item does not block, a failed mandatory one does', async () => {
    // 丙村镇: 21 direct orgs, items 1–3 and 5 pass, the optional publicity item fails, the fund is not reviewed yet.
    const { n: bingcun } = await nominate(county, 'demo_town', ids.bingcun!, { ...pass('team', 'institutions', 'ledger', 'activities'), publicity: { passed: false, reason: '宣传报道偏少' } });
    expect(bingcun!.standard!.items.map((i) => [i.id, i.mandatory])).toEqual([
      ['team', true], ['institutions', true], ['ledger', true], ['direct_orgs', true], ['activities', true],
      ['publicity', false], ['party_reporting', false], ['county_base', false],
    ]);
    const item4 = bingcun!.standard!.items.find((i) => i.id === 'direct_orgs')!;
    expect(item4.passed).toBeNull(); // numbers met, the 20,000-yuan fund still to be confirmed
    expect(item4.reason).toContain('达到：21个，要求 > 20个');
    expect(item4.reason).toContain('待审核');
    expect(bingcun!.standard).toMatchObject({ approvable: false, mandatoryFailed: ['direct_orgs'] });
    const early = await decide(city, bingcun!, 'approve');
    expect(early.statusCode).toBe(400);
    expect(early.json().message).toContain('必备条件');

    // 雁洋镇 has the numbers too, but its ledger fails: a mandatory review item blocks approval.
    const { n: yanyang } = await nominate(county, 'demo_town', ids.yanyang!, { ...pass(...MANDATORY), ledger: { passed: false, reason: '台账不全' } });
    expect(yanyang!.standard).toMatchObject({ approvable: false, mandatoryFailed: ['ledger'] });
    expect((await decide(city, yanyang!, 'approve')).statusCode).toBe(400);
    expect((await decide(city, yanyang!, 'return', { reason: '台账录入不完整' })).statusCode).toBe(200);

    // The city confirms the fund at its decision: 丙村镇 is approved although the optional publicity item failed.
    const ok = await decide(city, bingcun!, 'approve', { reviews: pass('direct_orgs') });
    expect(ok.statusCode).toBe(200);
    const approved = (ok.json().items as Nomination[]).find((x) => x.id === bingcun!.id)!;
    expect(approved.status).toBe('approved');
    expect(approved.standard).toMatchObject({ approvable: true, mandatoryFailed: [] });
    expect(approved.standard!.items.find((i) => i.id === 'publicity')).toMatchObject({ passed: false, reason: '宣传报道偏少' });
  });
});

describe('S0 partners and pairings (March 2014)', () => {
  it('S0.6 the county picks 1 city-level 青年文明号 collective and 1 五四红旗 org and decides itself; no honour, no place', async () => {
    const plain = await nominate(county, 'civilization_post_partner', ids.plain!);
    expect(plain.res.statusCode).toBe(400);
    expect(plain.res.json().fields[0].path).toBe('body.orgId');
    const post = await nominate(county, 'civilization_post_partner', ids.post!);
    expect(post.res.statusCode).toBe(200);
    expect((await nominate(county, 'civilization_post_partner', ids.post2!)).res.statusCode).toBe(400); // one per county
    expect((await nominate(county, 'red_flag_partner', ids.post!)).res.statusCode).toBe(400); // a 青年文明号 is not a 五四红旗 org
    const flag = await nominate(county, 'red_flag_partner', ids.flag!);
    expect(flag.res.statusCode).toBe(200);
    // decidedBy: parent — 梅县区 confirms its own partners; 兴宁市 cannot.
    expect((await decide(xnCounty, post.n!, 'approve')).statusCode).toBe(403);
    expect((await decide(county, post.n!, 'approve')).statusCode).toBe(200);
    expect((await decide(county, flag.n!, 'approve')).statusCode).toBe(200);
    const list = (await county.get(`/api/programs/${programId}/nominations`)).json().items as Nomination[];
    expect(list.filter((n) => n.roleKey.endsWith('_partner')).map((n) => [n.roleKey, n.orgId, n.status])).toEqual([
      ['civilization_post_partner', ids.post, 'approved'], ['red_flag_partner', ids.flag, 'approved'],
    ]);
  });

  it('S0.2 "2+2": the two partner units with the demo and co-build villages; "2+3": the county committee with demo town, demo village and co-build village', async () => {
    const pair = (modeKey: string, members: Record<string, number[]>) => city.post(`/api/programs/${programId}/pairings`, { modeKey, members });
    const short = await pair('2+2', { partner_units: [ids.post!], paired_villages: [ids.leifeng!, ids.hengzhuang!] });
    expect(short.statusCode).toBe(400);
    expect(short.json().fields[0]).toMatchObject({ path: 'body.members.partner_units', message: expect.stringContaining('至少 2 个') });
    // 横石村 was proposed but returned: not an approved demo village.
    const unapproved = await pair('2+2', { partner_units: [ids.post!, ids.flag!], paired_villages: [ids.hengshi!, ids.hengzhuang!] });
    expect(unapproved.json().fields.map((f: { path: string }) => f.path)).toEqual(['body.members.paired_villages.0']);
    const countyPair = await county.post(`/api/programs/${programId}/pairings`, { modeKey: '2+2', members: { partner_units: [ids.post, ids.flag], paired_villages: [ids.leifeng, ids.hengzhuang] } });
    expect(countyPair.statusCode).toBe(404); // pairings are formed by the issuing city committee
    expect((await pair('2+2', { partner_units: [ids.post!, ids.flag!], paired_villages: [ids.leifeng!, ids.hengzhuang!] })).statusCode).toBe(200);
    const badThree = await pair('2+3', { county_side: [ids.mx!], paired_units: [ids.bingcun!, ids.leifeng!] });
    expect(badThree.json().fields[0].path).toBe('body.members.paired_units');
    expect((await pair('2+3', { county_side: [ids.mx!], paired_units: [ids.bingcun!, ids.leifeng!, ids.hengzhuang!] })).statusCode).toBe(200);
    expect((await pair('demo_cobuild', { demo_units: [ids.bingcun!, ids.leifeng!], cobuild_unit: [ids.hengzhuang!] })).statusCode).toBe(200);
    expect((await pair('village_pair', { demo_village_side: [ids.leifeng!], cobuild_village_side: [ids.hengzhuang!] })).statusCode).toBe(200);
    const again = await pair('2+3', { county_side: [ids.mx!], paired_units: [ids.bingcun!, ids.leifeng!, ids.hengzhuang!] });
    expect(again.json().fields[0]).toMatchObject({ path: 'body.members', message: '相同的结对已存在' });

    const seenByCounty = (await county.get(`/api/programs/${programId}/pairings`)).json().items as Array<{ modeKey: string; sides: Array<{ sideKey: string; members: Array<{ id: number }> }> }>;
    const byMode = Object.fromEntries(seenByCounty.map((p) => [p.modeKey, Object.fromEntries(p.sides.map((s) => [s.sideKey, s.members.map((m) => m.id)]))]));
    expect(byMode['2+2']).toEqual({ partner_units: [ids.post, ids.flag], paired_villages: [ids.leifeng, ids.hengzhuang] }); // by code
    expect(byMode['2+3']).toEqual({ county_side: [ids.mx], paired_units: [ids.bingcun, ids.leifeng, ids.hengzhuang] });
  });
});

describe('S0 obligations computed from records', () => {
  it('S0.4 one study-exchange session per quarter for each paired township/village: met, missed and upcoming (10 July)', async () => {
    await day('2014-07-10');
    const study = (orgId: number, occurredOn: string) => record({ kind: 'study_exchange', orgId, occurredOn, peopleReached: 30, fields: { topic: '结对共建学习交流', leaders: '梅县区团委书记' } });
    const q1Town = await study(ids.bingcun!, '2014-03-20');
    await study(ids.leifeng!, '2014-05-06');
    await study(ids.hengzhuang!, '2014-01-15');
    await study(ids.hengzhuang!, '2014-02-20');
    await study(ids.yanyang!, '2014-02-20'); // 雁洋镇 is not paired: it has no such duty
    const m = await matrix('s0.4-study-exchange');
    expect(m.subjects).toEqual([`org:${ids.bingcun}`, `org:${ids.leifeng}`, `org:${ids.hengzhuang}`]); // the "3" of "2+3"
    expect(states(m.rows[0]!.cells)).toEqual({ '2014-Q1': 'met', '2014-Q2': 'missed', '2014-Q3': 'upcoming', '2014-Q4': 'upcoming' });
    expect(m.cell(ids.bingcun!, '2014-Q1')).toMatchObject({ done: 1, required: 1, recordIds: [String(q1Town)] });
    expect(states(m.rows[1]!.cells)).toMatchObject({ '2014-Q1': 'missed', '2014-Q2': 'met' });
    expect(m.cell(ids.hengzhuang!, '2014-Q1')).toMatchObject({ state: 'met', done: 2 });
    expect(m.cell(ids.hengzhuang!, '2014-Q2')).toMatchObject({ state: 'missed', done: 0 });
  });

  it('S0.5 one 团课下乡 per quarter, each naming its lecturer and level: met, missed and upcoming (10 October)', async () => {
    await day('2014-10-10');
    const base = { kind: 'lecture_tour', orgId: ids.bingcun, occurredOn: '2014-02-15' };
    const incomplete = await county.post(`/api/programs/${programId}/records`, { ...base, fields: { topic: '团的基本知识' } });
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.json().fields.map((f: { path: string }) => f.path)).toEqual(['body.fields.lecturer', 'body.fields.lecturer_level']);
    await record({ ...base, peopleReached: 60, fields: { topic: '团的基本知识', lecturer: '李明', lecturer_level: '县' } });
    await record({ kind: 'lecture_tour', orgId: ids.hengzhuang, occurredOn: '2014-08-08', fields: { topic: '青年创业', lecturer: '王五', lecturer_level: '村' } });
    const m = await matrix('s0.5-lecture-tour');
    expect(states(m.rows[0]!.cells)).toEqual({ '2014-Q1': 'met', '2014-Q2': 'missed', '2014-Q3': 'missed', '2014-Q4': 'upcoming' });
    expect(states(m.rows[1]!.cells)).toEqual({ '2014-Q1': 'missed', '2014-Q2': 'missed', '2014-Q3': 'missed', '2014-Q4': 'upcoming' }); // 雷丰村 gave none
    expect(m.cell(ids.hengzhuang!, '2014-Q3')).toMatchObject({ state: 'met', done: 1 });
  });

  it('S0.7 county duties: monthly on-site supervision, quarterly bulletin, the work plan and the WeChat/Weibo groups — met, late, missed', async () => {
    for (const occurredOn of ['2014-01-15', '2014-02-12', '2014-03-05', '2014-03-25']) {
      await record({ kind: 'site_supervision', orgId: ids.mx, occurredOn, fields: { visited_org: '丙村镇团委', findings: '例会记录不全' } });
    }
    await record({ kind: 'bulletin', orgId: ids.mx, occurredOn: '2014-03-28', fields: { summary: '一季度共建总结', progress: '丙村镇、雷丰村、横庄村进展' } });
    await record({ kind: 'deliverable', orgId: ids.mx, occurredOn: '2014-10-10', deliverableKey: 's0.7-work-plan', fields: { title: '梅县区结对帮扶共建工作方案' } });
    const wrongKind = await county.post(`/api/programs/${programId}/records`, { kind: 'bulletin', orgId: ids.mx, occurredOn: '2014-10-10', deliverableKey: 's0.7-work-plan', fields: { summary: 'x', progress: 'x' } });
    expect(wrongKind.json().fields[0].path).toBe('body.kind');

    const supervision = await matrix('s0.7-county-supervision');
    expect(supervision.subjects).toEqual([`org:${ids.mx}`, `org:${ids.xn}`]);
    expect(supervision.cell(ids.mx!, '2014-03')).toMatchObject({ state: 'met', done: 2 });
    expect(supervision.cell(ids.mx!, '2014-04')).toMatchObject({ state: 'missed', done: 0 });
    expect(supervision.cell(ids.mx!, '2014-10')).toMatchObject({ state: 'upcoming' });
    expect(Object.values(states(supervision.rows[1]!.cells)).filter((s) => s === 'missed')).toHaveLength(9); // 兴宁市: January–September
    const bulletin = await matrix('s0.7-county-bulletin');
    expect(states(bulletin.rows[0]!.cells)).toEqual({ '2014-Q1': 'met', '2014-Q2': 'missed', '2014-Q3': 'missed', '2014-Q4': 'upcoming' });

    type Row = { subjectKey: string; cells: Array<{ periodKey: string; due: string | null; state: string; daysLate: number; recordIds: string[] }> };
    const deliverables = async () => {
      const items = (await city.get(`/api/programs/${programId}/deliverables`)).json().items as Array<{ deliverable: { id: string }; rows: Row[] }>;
      return (key: string, orgId: number) => items.find((i) => i.deliverable.id === key)!.rows.find((r) => r.subjectKey === `org:${orgId}`)!.cells[0]!;
    };
    let d = await deliverables();
    expect(d('s0.7-work-plan', ids.mx!)).toMatchObject({ due: null, state: 'met', daysLate: 0 }); // no date of its own: the year's end closes it
    expect(d('s0.7-media-groups', ids.mx!)).toMatchObject({ state: 'upcoming' });
    expect(d('s0.7-work-plan', ids.xn!)).toMatchObject({ state: 'upcoming' });

    await day('2014-12-26');
    const soon = (await city.get(`/api/programs/${programId}/risks?soonDays=7`)).json().items as Array<{ itemId: string; subjectKey: string; risk: string }>;
    expect(soon).toContainEqual(expect.objectContaining({ itemId: 's0.7-media-groups', subjectKey: `org:${ids.mx}`, risk: 'at_risk' }));

    // Handed in on 5 January for 30 December: the hand-in day is when the system received it.
    await day('2015-01-05');
    await record({ kind: 'deliverable', orgId: ids.mx, occurredOn: '2014-12-30', deliverableKey: 's0.7-media-groups', fields: { title: '结对共建微信群、微博圈' } });
    d = await deliverables();
    expect(d('s0.7-work-plan', ids.mx!)).toMatchObject({ state: 'met' });
    expect(d('s0.7-media-groups', ids.mx!)).toMatchObject({ state: 'late', daysLate: 5 });
    expect(d('s0.7-work-plan', ids.xn!)).toMatchObject({ state: 'missed', daysLate: 5, recordIds: [] });
    const overdue = (await xnCounty.get(`/api/programs/${programId}/risks?soonDays=7`)).json().items as Array<{ itemId: string; subjectKey: string; risk: string }>;
    expect(new Set(overdue.map((r) => r.subjectKey))).toEqual(new Set([`org:${ids.xn}`])); // 兴宁市 sees its own list only
    expect(overdue).toContainEqual(expect.objectContaining({ itemId: 's0.7-work-plan', risk: 'overdue' }));
    expect(overdue).toContainEqual(expect.objectContaining({ itemId: 's0.7-county-supervision', risk: 'overdue' }));
  });

  it('S0.8 work meetings twice a month, one meeting counting for both sides: partly for each demo unit, met for the co-build village, missed', async () => {
    const meeting = (orgId: number, partners: number[], occurredOn: string) =>
      record({ kind: 'work_meeting', orgId, occurredOn, partnerOrgIds: partners, fields: { topic: '共建工作例会' } });
    await meeting(ids.leifeng!, [], '2014-08-05'); // names no partner: not a joint meeting
    await meeting(ids.leifeng!, [ids.hengzhuang!], '2014-08-12');
    await meeting(ids.bingcun!, [ids.hengzhuang!], '2014-08-20');
    await meeting(ids.hengzhuang!, [ids.leifeng!], '2014-09-03');
    await meeting(ids.hengzhuang!, [ids.leifeng!], '2014-09-17');
    await meeting(ids.hengzhuang!, [ids.yanyang!], '2014-10-09'); // 雁洋镇 is not its partner
    const demo = await matrix('s0.8-work-meeting-demo');
    expect(demo.cell(ids.leifeng!, '2014-08')).toMatchObject({ state: 'partly', done: 1, required: 2 });
    expect(demo.cell(ids.bingcun!, '2014-08')).toMatchObject({ state: 'partly', done: 1 });
    expect(demo.cell(ids.leifeng!, '2014-09')).toMatchObject({ state: 'met', done: 2 });
    expect(demo.cell(ids.bingcun!, '2014-09')).toMatchObject({ state: 'missed', done: 0 });
    const cobuild = await matrix('s0.8-work-meeting-cobuild');
    expect(cobuild.subjects).toEqual([`org:${ids.hengzhuang}`]);
    expect(cobuild.cell(ids.hengzhuang!, '2014-08')).toMatchObject({ state: 'met', done: 2 });
    expect(cobuild.cell(ids.hengzhuang!, '2014-08').recordIds).toHaveLength(2);
    expect(cobuild.cell(ids.hengzhuang!, '2014-10')).toMatchObject({ state: 'missed', done: 0 });
  });

  it('S0.9 the demo village and the co-build village run one joint activity a month, whichever records it; other partners do not count', async () => {
    const activity = (orgId: number, partner: number, occurredOn: string) =>
      record({ kind: 'joint_activity', orgId, occurredOn, partnerOrgIds: [partner], peopleReached: 40, fields: { title: '联合开展活动', content: '两村团组织联合开展志愿服务' } });
    const jan = await activity(ids.leifeng!, ids.hengzhuang!, '2014-01-18');
    const feb = await activity(ids.hengzhuang!, ids.leifeng!, '2014-02-22');
    await activity(ids.hengzhuang!, ids.bingcun!, '2014-03-15'); // with the demo town: not the village pair's activity
    await activity(ids.post!, ids.leifeng!, '2014-04-10'); // the 青年文明号 with the demo village: a "2+2" activity, not S0.9
    const demo = await matrix('s0.9-joint-activity-demo');
    const cobuild = await matrix('s0.9-joint-activity-cobuild');
    expect(demo.subjects).toEqual([`org:${ids.leifeng}`]);
    expect(cobuild.subjects).toEqual([`org:${ids.hengzhuang}`]);
    for (const [m, orgId] of [[demo, ids.leifeng!], [cobuild, ids.hengzhuang!]] as const) {
      expect(m.cell(orgId, '2014-01')).toMatchObject({ state: 'met', done: 1, recordIds: [String(jan)] });
      expect(m.cell(orgId, '2014-02')).toMatchObject({ state: 'met', done: 1, recordIds: [String(feb)] });
      expect(m.cell(orgId, '2014-03')).toMatchObject({ state: 'missed', done: 0 });
      expect(m.cell(orgId, '2014-04')).toMatchObject({ state: 'missed', done: 0 });
      expect(Object.values(states(m.rows[0]!.cells)).filter((s) => s === 'met')).toHaveLength(2);
    }
  });

  it('S0.9 a county reads its own pairs only, selected in the query: 梅县区 the same rows and cells as the city, 兴宁市 none', async () => {
    for (const obligation of ['s0.9-joint-activity-demo', 's0.8-work-meeting-demo']) {
      const all = await matrix(obligation);
      const mine = await matrix(obligation, county);
      expect(mine.rows, obligation).toEqual(all.rows.filter((r) => ['leifeng', 'hengzhuang', 'bingcun'].some((k) => r.subjectKey === `org:${ids[k]}`)));
      expect(mine.rows.length, obligation).toBeGreaterThan(0);
      expect((await matrix(obligation, xnCounty)).rows, obligation).toEqual([]);
    }
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { registerBuiltinTemplates } from '../src/features/templates/builtin';
import { importDivisions } from '../src/features/orgs/divisions.import';
import { createOrg } from '../src/features/orgs/orgs.service';
import { SYSTEM_ACTOR, systemContext } from '../src/system-actor';
import { loginAs, seedUser, testApp, testClock, type Client, orgIdByCode, setDay } from './helpers';

/**
 * S1 per requirement on the real 怀化 (GB/T 2260 4312), template s1-huaihua-assistance: the city committee
 * pairs helper units — an enterprise, a university, a 青年文明号 unit and one of its own departments —
 * with township committees of 鹤城区 for June 2010 – May 2011. The clock only moves forward, so the tests
 * run in the order the program year runs.
 */
const clock = testClock(new Date('2010-06-10T02:00:00Z'));
let t: Awaited<ReturnType<typeof testApp>>;
let city: Client; // manager at 怀化, the issuer
let county: Client; // manager at 鹤城区
let programId: number;
const ids: Record<string, number> = {};
const id = (code: string) => orgIdByCode(t.database, code);
const org = (n: number) => `org:${n}`;
const dept = (n: number) => `department:${n}`;

/** 10:00 Beijing time of a day; sessions do not last days, so everyone signs in again. */
async function day(date: string) {
  setDay(clock, date);
  await signIn();
}
async function signIn() {
  city = await loginAs(t.app, 'hh_city');
  county = await loginAs(t.app, 'hc_county');
}

async function record(body: Record<string, unknown>, as: Client = city): Promise<number> {
  const res = await as.post(`/api/programs/${programId}/records`, body);
  if (res.statusCode !== 200) throw new Error(`record failed: ${res.body}`);
  return res.json().savedId;
}
/** A record of a helper: an org helps as itself, the city committee's department through the committee. */
const byHelper = (helper: string, body: Record<string, unknown>) =>
  record(helper === 'D1' ? { ...body, orgId: ids.hh, departmentId: ids.D1 } : { ...body, orgId: ids[helper] });

const holder = (roleKey: string, type: 'org' | 'department' | 'cadre', holderId: number) =>
  city.post(`/api/programs/${programId}/holders`, { roleKey, holder: { type, id: holderId } });

type Cell = { periodKey: string; state: string; done: number; required: number; recordIds: string[] };
async function matrix(obligation: string) {
  const res = await city.get(`/api/programs/${programId}/compliance?obligation=${obligation}`);
  expect(res.statusCode).toBe(200);
  const m = res.json() as { periods: Array<{ key: string }>; rows: Array<{ subjectKey: string; cells: Cell[] }> };
  const row = (key: string) => {
    const r = m.rows.find((x) => x.subjectKey === key);
    if (!r) throw new Error(`no row ${key} in ${obligation}`);
    return r.cells;
  };
  return { periods: m.periods.map((p) => p.key), subjects: m.rows.map((r) => r.subjectKey), row, cell: (key: string, period = 'program') => row(key).find((c) => c.periodKey === period)! };
}
const states = (cells: Cell[]) => Object.fromEntries(cells.map((c) => [c.periodKey, c.state]));

async function setLeaders(orgId: number, deputies: number) {
  const current = (await city.get(`/api/orgs/${orgId}`)).json();
  const leaders = [{ position: 'secretary', name: '书记' }, ...Array.from({ length: deputies }, (_, i) => ({ position: 'deputy_secretary', name: `副书记${i + 1}` }))];
  const res = await city.patch(`/api/orgs/${orgId}`, { version: current.version, leaders });
  expect(res.statusCode).toBe(200);
}

type Nomination = { id: number; roleKey: string; orgId: number | null; status: string; version: number; quotaParentId: number | null; holder: { type: string; id: number; name: string };
  standard: { approvable: boolean; mandatoryFailed: string[]; items: Array<{ id: string; passed: boolean | null; reason: string }> } | null };
const S16_ITEMS = ['duties', 'job_targets', 'regular_meetings', 'archive', 'planning', 'publicity', 'information_system', 'mobile_members'];
const S14_ITEMS = ['pilot_plan', 'election_steps', 'deputy_secretaries', 'deputy_secretaries_max', 'no_direct_election'];
const pass = (...items: string[]) => Object.fromEntries(items.map((k) => [k, { passed: true }]));

beforeAll(async () => {
  t = await testApp({ clock });
  const ctx = systemContext('test');
  await registerBuiltinTemplates(t.database.db);
  await importDivisions(t.database, ctx, ['4312']); // 怀化 with its counties, townships and villages
  Object.assign(ids, {
    hh: await id('4312'), hc: await id('431202'),
    T1: await id('431202101'), // 黄金坳镇
    T2: await id('431202201'), // 盈口乡
    T3: await id('431202205'), // 凉亭坳乡
    T4: await id('431202001'), // 城中街道: proposed, short of the "五个好"
    T5: await id('431202002'), // 城北街道: proposed, short of deputy secretaries at first
  });
  const unit = (code: string, name: string, kind: 'committee' | 'partner_unit' | 'branch', extra: { sector?: 'state_enterprise' | 'school' | 'rural'; honors?: Array<'youth_civilization_post'> }) =>
    createOrg(t.database.db, ctx, SYSTEM_ACTOR, { parentId: ids.hh!, code, name, kind, foundedOn: '2005-01-01', ...extra });
  ids.H1 = await unit('4312-GD', '国网怀化供电公司团委', 'committee', { sector: 'state_enterprise' });
  ids.H2 = await unit('4312-HHXY', '怀化学院团委', 'committee', { sector: 'school' });
  ids.H3 = await unit('4312-YY', '怀化市第一人民医院青年文明号集体', 'partner_unit', { honors: ['youth_civilization_post'] });
  ids.coop = await unit('4312-HZS', '怀化市某农民专业合作社团支部', 'branch', { sector: 'rural' });
  await seedUser(t.database, 'hh_city', 'manager', ids.hh!);
  await seedUser(t.database, 'hc_county', 'manager', ids.hc!);
  await signIn();
  const people = (await city.post(`/api/orgs/${ids.hh}/departments`, { name: '组织部' })).json();
  ids.D1 = people.departments.find((d: { name: string }) => d.name === '组织部').id;
  ids.countyDept = (await city.post(`/api/orgs/${ids.hc}/departments`, { name: '鹤城区团委办公室' })).json().departments[0].id;
  const tpl = (await city.get('/api/templates')).json().items.find((x: { key: string }) => x.key === 's1-huaihua-assistance');
  const created = await city.post('/api/programs', { templateId: tpl.id, issuerOrgId: ids.hh, scopeOrgId: ids.hh, year: 2010, docNumber: '怀团发[2010]19号' });
  expect(created.statusCode).toBe(200);
  programId = created.json().id;
}, 120_000);

describe('S1 roster and roles (June 2010)', () => {
  it('S1.1 helper units of each type pair one-to-one with township committees for one year, June 2010 – May 2011', async () => {
    expect((await city.get(`/api/programs/${programId}`)).json()).toMatchObject({ startsOn: '2010-06-01', endsOn: '2011-05-31', docNumber: '怀团发[2010]19号' });
    for (const [roleKey, h] of [['helper_unit', 'H1'], ['helper_unit', 'H2'], ['helper_civilization_post', 'H3']] as const) {
      expect((await holder(roleKey, 'org', ids[h]!)).statusCode).toBe(200);
    }
    const coop = await holder('helper_unit', 'org', ids.coop!); // a rural co-operative is none of the listed helper types
    expect(coop.statusCode).toBe(400);
    expect(coop.json().fields[0]).toMatchObject({ path: 'body.holder.id', message: expect.stringContaining('须属于以下领域') });
    expect((await holder('helper_department', 'department', ids.D1!)).statusCode).toBe(200);
    const countyDept = await holder('helper_department', 'department', ids.countyDept!); // 团市委各部室 only
    expect(countyDept.json().fields[0].message).toContain('市级');
    expect((await holder('helper_department', 'org', ids.H1!)).json().fields[0].path).toBe('body.holder.type');
    for (const tw of ['T1', 'T2', 'T3']) expect((await holder('helped_township', 'org', ids[tw]!)).statusCode).toBe(200);
    expect((await holder('helped_township', 'org', ids.hc!)).statusCode).toBe(400); // a county is not a township committee

    const pair = (helper: number | { type: string; id: number }, helped: number[]) =>
      city.post(`/api/programs/${programId}/pairings`, { modeKey: 'assistance', members: { helpers: [helper], helped } });
    const two = await pair(ids.H1!, [ids.T1!, ids.T2!]);
    expect(two.json().fields[0]).toMatchObject({ path: 'body.members.helped', message: expect.stringContaining('最多 1 个') });
    expect((await pair(ids.H1!, [ids.T4!])).json().fields[0].path).toBe('body.members.helped.0'); // not on the roster
    expect((await pair(ids.H1!, [ids.T1!])).statusCode).toBe(200);
    expect((await pair({ type: 'department', id: ids.D1! }, [ids.T2!])).statusCode).toBe(200);
    expect((await pair(ids.H2!, [ids.T3!])).statusCode).toBe(200);
    expect((await pair(ids.H3!, [ids.T3!])).statusCode).toBe(200);
    const roster = (await county.get(`/api/programs/${programId}/pairings`)).json().items as Array<{ sides: Array<{ members: Array<{ name: string }> }> }>;
    expect(roster.map((p) => p.sides.map((s) => s.members[0]!.name).join(' → '))).toEqual([
      '国网怀化供电公司团委 → 黄金坳镇团委', '共青团怀化市委员会·组织部 → 盈口乡团委', '怀化学院团委 → 凉亭坳乡团委', '怀化市第一人民医院青年文明号集体 → 凉亭坳乡团委',
    ]);
    // Outside the program year nothing can be recorded.
    for (const occurredOn of ['2010-05-31', '2011-06-01']) {
      const res = await city.post(`/api/programs/${programId}/records`, { kind: 'report_to_party', orgId: ids.H1, occurredOn, fields: { content: '共建进展' } });
      expect(res.json().fields[0].path).toBe('body.occurredOn');
    }
  });

  it('S1.9 each paired township names exactly one party/government leader in charge', async () => {
    const cadre = async (orgId: number, name: string) => {
      const res = await city.post(`/api/orgs/${orgId}/cadres`, { name, position: '党委副书记' });
      return (res.json().cadres as Array<{ id: number; name: string }>).find((c) => c.name === name)!.id;
    };
    expect((await holder('township_leader', 'cadre', await cadre(ids.T1!, '向阳'))).statusCode).toBe(200);
    const second = await holder('township_leader', 'cadre', await cadre(ids.T1!, '杨帆'));
    expect(second.statusCode).toBe(400);
    expect(second.json().fields[0]).toMatchObject({ path: 'body.holder.id', message: '超出名额' });
    expect((await holder('township_leader', 'cadre', await cadre(ids.T2!, '舒琴'))).statusCode).toBe(200);
    const countyCadre = await holder('township_leader', 'cadre', await cadre(ids.hc!, '滕飞')); // a county cadre is no township's leader
    expect(countyCadre.statusCode).toBe(400);
    expect(countyCadre.json().message).toContain('按乡镇级分配名额');
    expect((await holder('township_leader', 'org', ids.T3!)).json().fields[0].path).toBe('body.holder.type');
    const list = (await county.get(`/api/programs/${programId}/nominations`)).json().items as Nomination[];
    const leaders = list.filter((n) => n.roleKey === 'township_leader');
    expect(leaders.map((n) => [n.quotaParentId, n.holder.type, n.holder.name, n.status])).toEqual([
      [ids.T1, 'cadre', '黄金坳镇团委·向阳', 'approved'], [ids.T2, 'cadre', '盈口乡团委·舒琴', 'approved'],
    ]);
    // 凉亭坳乡 has named nobody yet: it has no leader on the list.
    expect(leaders.some((n) => n.quotaParentId === ids.T3)).toBe(false);
  });
});

describe('S1 duties of the helpers, computed from records', () => {
  it('S1.2 monthly meeting with the county committee and township leaders, quarterly reports to the own party org and the city committee (8 October)', async () => {
    await day('2010-10-08');
    const meet = (body: Record<string, unknown>) => ({ kind: 'work_meeting', ...body, fields: { attendees: '鹤城区团委书记、乡镇党委副书记' } });
    await byHelper('H1', meet({ occurredOn: '2010-06-15', partnerOrgIds: [ids.T1] }));
    await record({ ...meet({ occurredOn: '2010-08-10', partnerOrgIds: [ids.H1] }), orgId: ids.T1 }, county); // the township records it: one meeting for both
    await byHelper('H1', meet({ occurredOn: '2010-09-14', partnerOrgIds: [ids.T2] })); // met someone else's township
    await byHelper('D1', meet({ occurredOn: '2010-06-20', partnerOrgIds: [ids.T2] }));
    const m = await matrix('s1.2-monthly-meeting');
    expect(m.periods).toHaveLength(12);
    expect([m.periods[0], m.periods[11]]).toEqual(['2010-06', '2011-05']);
    expect(new Set(m.subjects)).toEqual(new Set([org(ids.H1!), org(ids.H2!), org(ids.H3!), dept(ids.D1!)]));
    expect(states(m.row(org(ids.H1!)).slice(0, 5))).toEqual({ '2010-06': 'met', '2010-07': 'missed', '2010-08': 'met', '2010-09': 'missed', '2010-10': 'upcoming' });
    expect(m.cell(dept(ids.D1!), '2010-06')).toMatchObject({ state: 'met', done: 1 }); // the department's own record, not the committee's
    expect(m.cell(dept(ids.D1!), '2010-07')).toMatchObject({ state: 'missed' });
    expect(m.cell(org(ids.H2!), '2010-06')).toMatchObject({ state: 'missed', done: 0 });

    await byHelper('H1', { kind: 'report_to_party', occurredOn: '2010-07-20', fields: { content: '向公司党委汇报共建进展' } });
    await byHelper('D1', { kind: 'report_to_superior', occurredOn: '2010-06-28', fields: { content: '向团市委汇报共建进展' } });
    const party = await matrix('s1.2-report-party');
    expect(party.periods).toEqual(['2010-Q2', '2010-Q3', '2010-Q4', '2011-Q1', '2011-Q2']); // June alone is the first quarter
    expect(states(party.row(org(ids.H1!)))).toEqual({ '2010-Q2': 'missed', '2010-Q3': 'met', '2010-Q4': 'upcoming', '2011-Q1': 'upcoming', '2011-Q2': 'upcoming' });
    const toCity = await matrix('s1.2-report-city');
    expect(toCity.cell(dept(ids.D1!), '2010-Q2')).toMatchObject({ state: 'met', done: 1 });
    expect(toCity.cell(org(ids.H1!), '2010-Q2')).toMatchObject({ state: 'missed' });
    expect(toCity.cell(org(ids.H1!), '2010-Q3')).toMatchObject({ state: 'missed' }); // reported to its party org only
  });

  it('S1.8 "七个一": seven deliverables per helper due at the end of the year — met, due soon, late and missed', async () => {
    const handIn = (helper: string, key: string, occurredOn: string, partner: number) =>
      byHelper(helper, { kind: 'deliverable', occurredOn, deliverableKey: key, partnerOrgIds: [partner], fields: { title: key } });
    await handIn('H1', 's1.8-survey', '2010-10-08', ids.T1!);
    await handIn('D1', 's1.8-development-plan', '2010-10-08', ids.T2!);
    type Row = { subjectKey: string; cells: Array<{ due: string | null; state: string; daysLate: number; recordIds: string[] }> };
    const seven = async () => {
      const items = (await city.get(`/api/programs/${programId}/deliverables`)).json().items as Array<{ deliverable: { id: string; ref: string }; rows: Row[] }>;
      const s18 = items.filter((i) => i.deliverable.ref === 'S1.8');
      expect(s18).toHaveLength(7);
      return (subject: string) => Object.fromEntries(s18.map((i) => [i.deliverable.id, i.rows.find((r) => r.subjectKey === subject)!.cells[0]!]));
    };
    let of = await seven();
    expect(of(org(ids.H1!))['s1.8-survey']).toMatchObject({ due: '2011-05-31', state: 'met' });
    expect(of(org(ids.H1!))['s1.8-research-report']).toMatchObject({ state: 'upcoming' });
    expect(of(dept(ids.D1!))['s1.8-development-plan']).toMatchObject({ state: 'met' });
    expect(of(dept(ids.D1!))['s1.8-survey']).toMatchObject({ state: 'upcoming' });

    await day('2011-05-27');
    expect((await seven())(org(ids.H1!))['s1.8-research-report']).toMatchObject({ state: 'due_soon' });
    const risks = (await city.get(`/api/programs/${programId}/risks?soonDays=7`)).json().items as Array<{ itemId: string; subjectKey: string; risk: string }>;
    expect(risks).toContainEqual(expect.objectContaining({ itemId: 's1.8-research-report', subjectKey: org(ids.H1!), risk: 'at_risk' }));

    // Dated 30 May, received 5 June: late by the day the system received it.
    await day('2011-06-05');
    await handIn('H1', 's1.8-research-report', '2011-05-30', ids.T1!);
    of = await seven();
    const h1 = of(org(ids.H1!));
    expect(h1['s1.8-research-report']).toMatchObject({ state: 'late', daysLate: 5 });
    expect(Object.values(h1).map((c) => c.state).sort()).toEqual(['late', 'met', 'missed', 'missed', 'missed', 'missed', 'missed']); // partly: 2 of 7
    expect(Object.values(of(org(ids.H2!))).every((c) => c.state === 'missed' && c.daysLate === 5)).toBe(true);
  });

  it('S1.3 each helper gives its township at least 5,000 yuan in the program year: met across the new year, partly, missed', async () => {
    const fund = (helper: string, occurredOn: string, amount: number, partner: number) =>
      byHelper(helper, { kind: 'fund_transfer', occurredOn, amount, partnerOrgIds: [partner], fields: { purpose: '乡镇团委活动经费' } });
    const dec = await fund('H1', '2010-12-20', 3000, ids.T1!);
    const mar = await fund('H1', '2011-03-01', 2000, ids.T1!);
    await fund('D1', '2010-08-01', 3000, ids.T2!);
    await fund('H2', '2010-09-01', 5000, ids.T1!); // given to a township it is not paired with
    const m = await matrix('s1.3-funds');
    expect(m.periods).toEqual(['program']);
    expect(m.cell(org(ids.H1!))).toMatchObject({ state: 'met', done: 5000, required: 5000, recordIds: [String(dec), String(mar)] });
    expect(m.cell(dept(ids.D1!))).toMatchObject({ state: 'partly', done: 3000 });
    expect(m.cell(org(ids.H2!))).toMatchObject({ state: 'missed', done: 0 });
    expect(m.cell(org(ids.H3!))).toMatchObject({ state: 'missed', done: 0 });
  });

  it('S1.4 the helper takes part in the nine steps of the election; 4–5 deputy secretaries counted from the registry', async () => {
    const STEPS = ['政策制定', '成立组织机构', '宣传发动', '人选推荐', '确定正式候选人', '民主投票', '组织研究', '任前考察和公示', '正式聘任'];
    const step = (helper: string, partner: number, s: string, i: number) =>
      byHelper(helper, { kind: 'election_step', occurredOn: `2010-07-${String(1 + i * 3).padStart(2, '0')}`, partnerOrgIds: [partner], fields: { step: s } });
    const noStep = await city.post(`/api/programs/${programId}/records`, { kind: 'election_step', orgId: ids.H1, occurredOn: '2010-07-01', partnerOrgIds: [ids.T1], fields: {} });
    expect(noStep.json().fields[0].path).toBe('body.fields.step');
    for (const [i, s] of STEPS.entries()) await step('H1', ids.T1!, s, i);
    for (const [i, s] of STEPS.slice(0, 4).entries()) await step('D1', ids.T2!, s, i);
    const m = await matrix('s1.4-election');
    expect(m.cell(org(ids.H1!))).toMatchObject({ state: 'met', done: 9, required: 9 });
    expect(m.cell(dept(ids.D1!))).toMatchObject({ state: 'partly', done: 4 });
    expect(m.cell(org(ids.H2!))).toMatchObject({ state: 'missed', done: 0 });

    // 城北街道 is proposed with every item reviewed, but the registry shows only 3 deputy secretaries.
    await setLeaders(ids.T5!, 3);
    const proposed = await county.post(`/api/programs/${programId}/nominations`, { roleKey: 'helped_township', orgId: ids.T5, reviews: pass(...S16_ITEMS, ...S14_ITEMS) });
    expect(proposed.statusCode).toBe(200); // a street's working committee (街道团工委) is eligible too
    const n = (proposed.json().items as Nomination[]).find((x) => x.orgId === ids.T5)!;
    expect(n.standard).toMatchObject({ approvable: false, mandatoryFailed: ['deputy_secretaries'] });
    expect(n.standard!.items.find((i) => i.id === 'deputy_secretaries')).toMatchObject({ passed: false, reason: '未达到：3人，要求 >= 4人' });
    const refused = await city.post(`/api/programs/${programId}/nominations/${n.id}/decision`, { decision: 'approve', version: n.version });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toContain('必备条件');
    // A fourth deputy secretary is elected: the decision judges the registry as it is now.
    await setLeaders(ids.T5!, 4);
    const ok = await city.post(`/api/programs/${programId}/nominations/${n.id}/decision`, { decision: 'approve', version: n.version });
    expect(ok.statusCode).toBe(200);
    const approved = (ok.json().items as Nomination[]).find((x) => x.id === n.id)!;
    expect(approved.status).toBe('approved');
    expect(approved.standard!.items.find((i) => i.id === 'deputy_secretaries')!.reason).toContain('达到：4人');
  });

  it('S1.5 at least 500,000 yuan of micro-loans per paired township: met, partly, missed', async () => {
    const loan = (orgId: number, occurredOn: string, amount: number) =>
      record({ kind: 'loan', orgId, occurredOn, amount, fields: { borrower: '返乡青年', lender: '鹤城区农村信用合作联社', purpose: '创业' } }, county);
    await loan(ids.T1!, '2010-09-01', 300_000);
    await loan(ids.T1!, '2011-04-01', 200_000);
    await loan(ids.T2!, '2010-11-15', 300_000);
    const m = await matrix('s1.5-loans');
    expect(m.subjects).toHaveLength(3); // 凉亭坳乡 has two helpers and counts once
    expect(new Set(m.subjects)).toEqual(new Set([org(ids.T1!), org(ids.T2!), org(ids.T3!)]));
    expect(m.cell(org(ids.T1!))).toMatchObject({ state: 'met', done: 500_000, required: 500_000 });
    expect(m.cell(org(ids.T2!))).toMatchObject({ state: 'partly', done: 300_000 });
    expect(m.cell(org(ids.T3!))).toMatchObject({ state: 'missed', done: 0 });
  });

  it('S1.6 the "五个好" standard: a township short of two mandatory items cannot be approved, one meeting all of them can', async () => {
    await setLeaders(ids.T4!, 4);
    const reviews = { ...pass(...S14_ITEMS, ...S16_ITEMS.filter((i) => i !== 'information_system' && i !== 'mobile_members')), information_system: { passed: false, reason: '尚未使用乡镇共青团信息系统' } };
    const proposed = await county.post(`/api/programs/${programId}/nominations`, { roleKey: 'helped_township', orgId: ids.T4, reviews });
    expect(proposed.statusCode).toBe(200);
    const n = (proposed.json().items as Nomination[]).find((x) => x.orgId === ids.T4)!;
    expect(n.standard).toMatchObject({ approvable: false, mandatoryFailed: ['information_system', 'mobile_members'] });
    const s16 = n.standard!.items.filter((i) => S16_ITEMS.includes(i.id));
    expect(s16.filter((i) => i.passed === true)).toHaveLength(6); // six of the eight institutions in place
    expect(s16.find((i) => i.id === 'mobile_members')).toMatchObject({ passed: null, reason: '尚未审核' });
    expect((await city.post(`/api/programs/${programId}/nominations/${n.id}/decision`, { decision: 'approve', version: n.version, reviews: pass('mobile_members') })).statusCode).toBe(400);
    const returned = await city.post(`/api/programs/${programId}/nominations/${n.id}/decision`, { decision: 'return', reason: '未使用乡镇共青团信息系统', version: n.version });
    expect((returned.json().items as Nomination[]).find((x) => x.id === n.id)).toMatchObject({ status: 'returned' });
    // 城北街道 (S1.4) met every item of the standard.
    const t5 = (returned.json().items as Nomination[]).find((x) => x.orgId === ids.T5)!;
    expect(t5.standard!.items.filter((i) => S16_ITEMS.includes(i.id)).every((i) => i.passed === true)).toBe(true);
  });

  it('S1.7 four activities, each at least once in the year, one event for both sides: met, partly and missed', async () => {
    const act = (kind: string, fields: Record<string, string>) => (helper: string, occurredOn: string, partner: number) =>
      byHelper(helper, { kind, occurredOn, partnerOrgIds: [partner], peopleReached: kind === 'leader_exchange' ? undefined : 50, fields });
    const mayFourth = act('friendship_exchange', { content: '“五四”青年联谊' });
    const service = act('countryside_service', { services: '送科技' });
    const training = act('training', { topic: '青年创业培训' });
    const leaders = act('leader_exchange', { leaders: '公司党委书记、镇党委书记' });
    await mayFourth('H1', '2011-05-04', ids.T1!);
    await service('H1', '2010-07-15', ids.T1!);
    await training('H1', '2010-11-11', ids.T1!);
    await leaders('H1', '2010-12-01', ids.T1!);
    await training('D1', '2010-09-09', ids.T2!);
    await record({ kind: 'countryside_service', orgId: ids.T3, occurredOn: '2010-08-08', partnerOrgIds: [ids.H2], peopleReached: 80, fields: { services: '送医疗' } }, county);
    const outcome = async (subject: string) => {
      const out: Record<string, string> = {};
      for (const o of ['s1.7-may-fourth', 's1.7-countryside-service', 's1.7-training', 's1.7-leader-exchange']) out[o] = (await matrix(o)).cell(subject).state;
      return out;
    };
    expect(await outcome(org(ids.H1!))).toEqual({ 's1.7-may-fourth': 'met', 's1.7-countryside-service': 'met', 's1.7-training': 'met', 's1.7-leader-exchange': 'met' });
    expect(await outcome(dept(ids.D1!))).toEqual({ 's1.7-may-fourth': 'missed', 's1.7-countryside-service': 'missed', 's1.7-training': 'met', 's1.7-leader-exchange': 'missed' });
    // The township recorded the service with 怀化学院 as its partner: it counts for the university.
    expect(await outcome(org(ids.H2!))).toEqual({ 's1.7-may-fourth': 'missed', 's1.7-countryside-service': 'met', 's1.7-training': 'missed', 's1.7-leader-exchange': 'missed' });
    expect(Object.values(await outcome(org(ids.H3!))).every((s) => s === 'missed')).toBe(true);
  });
});

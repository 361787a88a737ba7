import { beforeAll, describe, expect, it } from 'vitest';
import { registerBuiltinTemplates } from '../src/features/templates/builtin';
import { importDivisions } from '../src/features/orgs/divisions.import';
import { createOrg } from '../src/features/orgs/orgs.service';
import { SYSTEM_ACTOR, systemContext } from '../src/system-actor';
import { auditorOf, loginAs, seedUser, testApp, type Client, orgIdByCode } from './helpers';

let t: Awaited<ReturnType<typeof testApp>>;
let city: Client;
let county: Client;
let outsider: Client;
let admin: Client;
let programId: number;
let strongId: number; // 丙村镇, 21 direct orgs
let weakId: number; // 441403114, 18 direct orgs
const id = (code: string) => orgIdByCode(t.database, code);
const ALL_PASS = Object.fromEntries(['team', 'institutions', 'ledger', 'direct_orgs', 'activities'].map((k) => [k, { passed: true }]));

async function addDirectOrgs(townshipCode: string, n: number) {
  const parentId = await id(townshipCode);
  for (let i = 0; i < n; i++) {
    await createOrg(t.database.db, systemContext('test'), SYSTEM_ACTOR, { parentId, code: `${townshipCode}-D${i}`, name: `直属团支部${i}`, kind: 'direct_org' });
  }
}

beforeAll(async () => {
  t = await testApp();
  await registerBuiltinTemplates(t.database.db);
  await importDivisions(t.database, systemContext('test'), ['4414']); // 梅州, the real S0 region
  await seedUser(t.database, 'mz_city', 'manager', await id('4414'));
  await seedUser(t.database, 'mx_county', 'manager', await id('441403'));
  await seedUser(t.database, 'qz_other', 'manager', t.tree.qz);
  await seedUser(t.database, 'tpl_admin', 'administrator', 1);
  city = await loginAs(t.app, 'mz_city');
  county = await loginAs(t.app, 'mx_county');
  outsider = await loginAs(t.app, 'qz_other');
  admin = await loginAs(t.app, 'tpl_admin');
  await addDirectOrgs('441403113', 21); // 丙村镇: more than 20 direct orgs
  strongId = await id('441403113');
  weakId = await id('441403114');
  await addDirectOrgs('441403114', 18); // 雁洋镇: only 18
});

describe('program templates', () => {
  it('registers the built-in templates once: the five seeds and 对标定级', async () => {
    expect(await registerBuiltinTemplates(t.database.db)).toBe(0);
    const list = (await city.get('/api/templates')).json();
    expect(list.items.map((x: { key: string }) => x.key).sort()).toEqual([
      's0-meizhou-pairing', 's1-huaihua-assistance', 's2-luohe-vital', 's3-guangdong-stationing', 's4-quanzhou-big-committee', 'x-branch-star-rating']);
  });

  it('validates an uploaded template with line numbers before publishing', async () => {
    const s0 = (await admin.get('/api/templates')).json().items.find((x: { key: string }) => x.key === 's0-meizhou-pairing');
    const source: string = (await admin.get(`/api/templates/${s0.id}`)).json().source;
    const broken = source.replace(/period: month/, 'period: fortnight');
    const report = (await admin.post('/api/templates/validate', { yaml: broken })).json();
    expect(report.ok).toBe(false);
    const line = broken.split('\n').findIndex((l) => l.includes('fortnight')) + 1;
    expect(report.errors.some((e: { line: number; path: string }) => e.line === line && e.path.endsWith('period'))).toBe(true);
    expect((await admin.post('/api/templates', { yaml: broken })).statusCode).toBe(400);
    expect((await admin.post('/api/templates', { yaml: source })).statusCode).toBe(400); // same version exists
    const builtinVersion = Number(/^version: (\d+)$/m.exec(source)![1]);
    const next = await admin.post('/api/templates', { yaml: source.replace(/^version: \d+$/m, `version: ${builtinVersion + 1}`) });
    expect(next.statusCode).toBe(200);
    expect(next.json()).toMatchObject({ key: 's0-meizhou-pairing', version: builtinVersion + 1, builtin: false });
    expect((await city.post('/api/templates/validate', { yaml: source })).statusCode).toBe(403);
  });
});

describe('S0 on 梅州: nominations, standards, quotas', () => {
  it('S0.1 the city committee instantiates the yearly program for its subtree', async () => {
    const tpl = (await city.get('/api/templates')).json().items.find((x: { key: string; builtin: boolean }) => x.key === 's0-meizhou-pairing' && x.builtin);
    const res = await city.post('/api/programs', { templateId: tpl.id, issuerOrgId: await id('4414'), scopeOrgId: await id('4414'), year: 2014, docNumber: '梅团联〔2014〕3号' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ startsOn: '2014-01-01', endsOn: '2014-12-31', issuerOrgName: '共青团梅州市委员会' });
    programId = res.json().id;
    expect((await county.get(`/api/programs/${programId}`)).statusCode).toBe(200); // counties it covers see it
    expect((await outsider.get(`/api/programs/${programId}`)).statusCode).toBe(404);
  });

  it('S0.1 a county proposes at most 2 demo towns; a village is not eligible', async () => {
    const first = await county.post(`/api/programs/${programId}/nominations`, { roleKey: 'demo_town', orgId: await id('441403113'), reviews: ALL_PASS });
    expect(first.statusCode).toBe(200);
    const second = await county.post(`/api/programs/${programId}/nominations`, { roleKey: 'demo_town', orgId: await id('441403114'), reviews: ALL_PASS });
    expect(second.statusCode).toBe(200);
    const third = await county.post(`/api/programs/${programId}/nominations`, { roleKey: 'demo_town', orgId: await id('441403100') });
    expect(third.statusCode).toBe(400);
    expect(third.json().message).toContain('优秀示范镇团委');
    const village = await county.post(`/api/programs/${programId}/nominations`, { roleKey: 'demo_town', orgId: await id('441403113200') });
    expect(village.statusCode).toBe(400);
    expect(village.json().fields[0].path).toBe('body.orgId');
  });

  it('S0.3 a candidate failing the mandatory item 4 (≤ 20 direct orgs) cannot be approved', async () => {
    const list = (await city.get(`/api/programs/${programId}/nominations`)).json().items;
    const yanyang = list.find((n: { orgId: number }) => n.orgId === weakId);
    expect(yanyang.standard.approvable).toBe(false);
    expect(yanyang.standard.mandatoryFailed).toContain('direct_orgs');
    const res = await city.post(`/api/programs/${programId}/nominations/${yanyang.id}/decision`, { decision: 'approve', version: yanyang.version });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('必备条件');
  });

  it('S0.1 the city decides: the county cannot, the city approves one demo town and no second', async () => {
    const list = (await city.get(`/api/programs/${programId}/nominations`)).json().items;
    const bingcun = list.find((n: { orgId: number }) => n.orgId === strongId);
    expect(bingcun.standard.approvable).toBe(true);
    expect((await county.post(`/api/programs/${programId}/nominations/${bingcun.id}/decision`, { decision: 'approve', version: bingcun.version })).statusCode).toBe(403);
    const ok = await city.post(`/api/programs/${programId}/nominations/${bingcun.id}/decision`, { decision: 'approve', version: bingcun.version });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().items.find((n: { id: number }) => n.id === bingcun.id).status).toBe('approved');
    const yanyang = ok.json().items.find((n: { orgId: number }) => n.orgId === weakId);
    const noReason = await city.post(`/api/programs/${programId}/nominations/${yanyang.id}/decision`, { decision: 'return', version: yanyang.version });
    expect(noReason.statusCode).toBe(400);
    const returned = await city.post(`/api/programs/${programId}/nominations/${yanyang.id}/decision`, { decision: 'return', reason: '直属团组织不足 20 个', version: yanyang.version });
    expect(returned.json().items.find((n: { id: number }) => n.id === yanyang.id)).toMatchObject({ status: 'returned', reason: '直属团组织不足 20 个' });
  });

  it('every step is audited and visible to both sides', async () => {
    const audit = (await (await auditorOf(t)).get('/api/audit?objectType=program_role')).json();
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['nomination.create', 'nomination.approve', 'nomination.return']));
    const seenByCounty = (await county.get(`/api/programs/${programId}/nominations`)).json().items;
    expect(seenByCounty.map((n: { status: string }) => n.status).sort()).toEqual(['approved', 'returned']);
  });
});

describe('S0.8 compliance of the approved demo town, computed from records', () => {
  const obligation = 's0.8-demo-town-supervision';

  it('S0.8 a record must fit its kind: required fields, period, quantities', async () => {
    const base = { kind: 'site_supervision', orgId: strongId, occurredOn: '2014-03-05' };
    const missing = await county.post(`/api/programs/${programId}/records`, base);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().fields[0].path).toBe('body.fields.visited_org');
    const outside = await county.post(`/api/programs/${programId}/records`, { ...base, occurredOn: '2015-01-02', fields: { visited_org: '横石村团支部' } });
    expect(outside.json().fields[0].path).toBe('body.occurredOn');
    const days = await county.post(`/api/programs/${programId}/records`, { ...base, days: 2, fields: { visited_org: '横石村团支部' } });
    expect(days.json().fields[0].path).toBe('body.days');
  });

  it('S0.8 demo town does on-site supervision once per month: met where recorded, missed where not', async () => {
    for (const occurredOn of ['2014-03-05', '2014-05-10', '2014-05-20']) {
      const res = await county.post(`/api/programs/${programId}/records`, { kind: 'site_supervision', orgId: strongId, occurredOn, fields: { visited_org: '横石村团支部' } });
      expect(res.statusCode).toBe(200);
    }
    const m = (await city.get(`/api/programs/${programId}/compliance?obligation=${obligation}`)).json();
    expect(m.obligation).toMatchObject({ ref: 'S0.8', min: 1, period: 'month' });
    expect(m.periods).toHaveLength(12);
    expect(m.rows.map((r: { subjectKey: string }) => r.subjectKey)).toEqual([`org:${strongId}`]); // only the approved holder
    const cell = (key: string) => m.rows[0].cells.find((c: { periodKey: string }) => c.periodKey === key);
    expect(cell('2014-03')).toMatchObject({ state: 'met', done: 1, required: 1 });
    expect(cell('2014-05')).toMatchObject({ state: 'met', done: 2 });
    expect(cell('2014-05').recordIds).toHaveLength(2);
    expect(cell('2014-04')).toMatchObject({ state: 'missed', done: 0 });
  });

  it('an obligation of a pairing side has no subjects until a pairing is formed', async () => {
    const res = await city.get(`/api/programs/${programId}/compliance?obligation=s0.4-study-exchange`);
    expect(res.statusCode).toBe(200);
    expect(res.json().rows).toEqual([]);
  });
});

describe('S0.2/S0.8 pairings and joint obligations', () => {
  let villageA: number; // demo village
  let villageB: number; // co-build village

  it('S0.2 a pairing holds only approved role holders, in the numbers the mode states', async () => {
    villageA = await id('441403113200');
    villageB = await id('441403113201');
    for (const [roleKey, orgId] of [['demo_village', villageA], ['cobuild_village', villageB]] as const) {
      const list = (await county.post(`/api/programs/${programId}/nominations`, { roleKey, orgId })).json().items;
      const n = list.find((x: { orgId: number; roleKey: string }) => x.orgId === orgId && x.roleKey === roleKey);
      expect((await city.post(`/api/programs/${programId}/nominations/${n.id}/decision`, { decision: 'approve', version: n.version })).statusCode).toBe(200);
    }
    const wrong = await city.post(`/api/programs/${programId}/pairings`, { modeKey: 'demo_cobuild', members: { demo_units: [strongId, villageA], cobuild_unit: [weakId] } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().fields.map((f: { path: string }) => f.path)).toContain('body.members.cobuild_unit.0');
    const short = await city.post(`/api/programs/${programId}/pairings`, { modeKey: 'demo_cobuild', members: { demo_units: [strongId], cobuild_unit: [villageB] } });
    expect(short.json().fields[0]).toMatchObject({ path: 'body.members.demo_units' });
    const ok = await city.post(`/api/programs/${programId}/pairings`, { modeKey: 'demo_cobuild', members: { demo_units: [strongId, villageA], cobuild_unit: [villageB] } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().items[0].sides.map((s: { members: unknown[] }) => s.members.length)).toEqual([2, 1]);
  });

  it('S0.8 work meetings twice per month, joint with the partner: met, partly and missed', async () => {
    const meeting = (orgId: number, partner: number, occurredOn: string) =>
      county.post(`/api/programs/${programId}/records`, { kind: 'work_meeting', orgId, occurredOn, partnerOrgIds: [partner], fields: { topic: '共建例会' } });
    expect((await meeting(strongId, villageB, '2014-06-03')).statusCode).toBe(200);
    expect((await meeting(strongId, villageB, '2014-06-17')).statusCode).toBe(200);
    expect((await meeting(villageB, strongId, '2014-07-08')).statusCode).toBe(200);
    const demo = (await city.get(`/api/programs/${programId}/compliance?obligation=s0.8-work-meeting-demo`)).json();
    const cell = (m: typeof demo, subject: number, key: string) =>
      m.rows.find((r: { subjectKey: string }) => r.subjectKey === `org:${subject}`).cells.find((c: { periodKey: string }) => c.periodKey === key);
    expect(cell(demo, strongId, '2014-06')).toMatchObject({ state: 'met', done: 2, required: 2 });
    expect(cell(demo, strongId, '2014-07')).toMatchObject({ state: 'partly', done: 1 }); // the partner's record counts for both
    expect(cell(demo, villageA, '2014-06')).toMatchObject({ state: 'missed', done: 0 });
    const cobuild = (await city.get(`/api/programs/${programId}/compliance?obligation=s0.8-work-meeting-cobuild`)).json();
    expect(cell(cobuild, villageB, '2014-06')).toMatchObject({ state: 'met', done: 2 });
    expect(cell(cobuild, villageB, '2014-07')).toMatchObject({ state: 'partly', done: 1 });
  });
});

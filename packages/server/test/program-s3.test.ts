import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerBuiltinTemplates } from '../src/features/templates/builtin';
import { importDivisions } from '../src/features/orgs/divisions.import';
import { committeeFor } from '../src/features/orgs/divisions.naming';
import { loadDivisions } from '../src/features/orgs/divisions.source';
import { createOrg } from '../src/features/orgs/orgs.service';
import { createCadre } from '../src/features/people/people.service';
import { SYSTEM_ACTOR, systemContext } from '../src/system-actor';
import { loginAs, seedUser, testApp, testClock, type Client, orgIdByCode, setDay } from './helpers';

/**
 * S3 per requirement on the real 广东 (GB/T 2260 44), template s3-guangdong-stationing: the provincial
 * committee runs the 2019 stationing program (April – November). 梅州 and 清远 (组织部's cities) and 汕尾
 * (权益与社会工作部's) are built down to their villages; the other 18 cities as committees only, which is
 * all the assignment table needs. Only verified records count (S3.8): the province's records are verified
 * by the level above it, the national root; the cities' by the province. The clock only moves forward.
 */
const clock = testClock(new Date('2019-04-15T02:00:00Z'));
let t: Awaited<ReturnType<typeof testApp>>;
let province: Client; // manager at 广东, the issuer
let above: Client; // manager at the national root: verifies the province's records
let meizhou: Client; // manager at 梅州
let qingyuan: Client; // manager at 清远
let programId: number;
const ids: Record<string, number> = {};
const dept: Record<string, number> = {};
const cadre: Record<string, number> = {};
const id = (code: string) => orgIdByCode(t.database, code);
let photo: Buffer;

async function day(date: string) {
  setDay(clock, date);
  await signIn();
}
async function signIn() {
  province = await loginAs(t.app, 'gd_province');
  above = await loginAs(t.app, 'national');
  meizhou = await loginAs(t.app, 'mz_city');
  qingyuan = await loginAs(t.app, 'qy_city');
}

type Saved = { id: number; version: number };
async function record(body: Record<string, unknown>, as: Client = province): Promise<Saved> {
  const res = await as.post(`/api/programs/${programId}/records`, body);
  if (res.statusCode !== 200) throw new Error(`record failed: ${res.body}`);
  const savedId = res.json().savedId as number;
  return { id: savedId, version: res.json().items.find((r: { id: number }) => r.id === savedId).version };
}
async function attachPhoto(r: Saved, as: Client = province) {
  const boundary = 's3-boundary';
  const payload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="p.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`), photo, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  const res = await t.app.inject({ method: 'POST', url: `/api/records/${r.id}/evidence`, payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'x-csrf-token': as.csrfToken }, cookies: { tj_session: as.cookie } });
  expect(res.statusCode, res.body).toBe(200);
}
async function review(r: Saved, decision: 'verify' | 'return', as: Client = above, reason?: string) {
  const res = await as.post(`/api/records/${r.id}/review`, { decision, version: r.version, reason });
  expect(res.statusCode, res.body).toBe(200);
}

/** A stay of a department's cadres at a place, verified by the level above unless told otherwise. */
async function station(department: string, people: string[], occurredOn: string, placeCode: string, opts: { days?: number; verify?: boolean } = {}) {
  const place = await id(placeCode);
  const r = await record({
    kind: 'stationing_day', orgId: ids.gd, occurredOn, days: opts.days ?? 1, peopleReached: 8, placeOrgId: place, departmentId: dept[department], cadreIds: people.map((p) => cadre[p]),
    fields: { place: placeCode, content: '走访团支部、召开小型座谈会', meeting_size: 8 },
  });
  if (opts.verify !== false) await review(r, 'verify');
  return r.id;
}

/** A report or material with its file; verified unless told otherwise. The hand-in day is the day it was received. */
async function handIn(deliverableKey: string, who: { department?: string; orgId?: number }, opts: { as?: Client; reviewer?: Client; verify?: boolean } = {}) {
  const as = opts.as ?? province;
  const r = await record({ kind: 'deliverable', orgId: who.orgId ?? ids.gd, departmentId: who.department ? dept[who.department] : undefined, occurredOn: '2019-11-30', deliverableKey, fields: { title: deliverableKey } }, as);
  await attachPhoto(r, as);
  if (opts.verify !== false) await review(r, 'verify', opts.reviewer ?? above);
  return r.id;
}

type Cell = { periodKey: string; state: string; done: number; required: number; recordIds: string[] };
async function matrix(obligation: string) {
  const res = await province.get(`/api/programs/${programId}/compliance?obligation=${obligation}`);
  expect(res.statusCode, res.body).toBe(200);
  const rows = (res.json() as { rows: Array<{ subjectKey: string; cells: Cell[] }> }).rows;
  const row = (key: string) => rows.find((r) => r.subjectKey === key)!;
  return { subjects: rows.map((r) => r.subjectKey), cell: (key: string, period: string) => row(key).cells.find((c) => c.periodKey === period)!, states: (key: string) => Object.fromEntries(row(key).cells.map((c) => [c.periodKey, c.state])) };
}
type DCell = { periodKey: string; due: string | null; state: string; done: number; daysLate: number; recordIds: string[] };
async function deliverable(key: string) {
  const res = await province.get(`/api/programs/${programId}/deliverables`);
  expect(res.statusCode, res.body).toBe(200);
  const item = (res.json().items as Array<{ deliverable: { id: string }; rows: Array<{ subjectKey: string; cells: DCell[] }> }>).find((i) => i.deliverable.id === key)!;
  return (subjectKey: string) => item.rows.find((r) => r.subjectKey === subjectKey)!.cells[0]!;
}
const D = (name: string) => `department:${dept[name]}`;
const C = (name: string) => `cadre:${cadre[name]}`;
/** Row label → column → value, as a person reads the printed table. */
const table = (report: { rows: Array<{ label: string; cells: Array<{ column: string; value: unknown }> }> }) =>
  Object.fromEntries(report.rows.map((r) => [r.label, Object.fromEntries(r.cells.map((c) => [c.column, c.value]))]));

beforeAll(async () => {
  t = await testApp({ clock });
  const ctx = systemContext('test');
  const db = t.database.db;
  await registerBuiltinTemplates(db);
  await importDivisions(t.database, ctx, ['4414', '4418', '4415']);
  // The other 18 cities as committees only: the assignment table names all 21.
  for (const d of (await loadDivisions(['44'])).filter((x) => x.level === 'city')) {
    if ((await t.database.query('SELECT 1 FROM orgs WHERE code = $1', [d.code])).length) continue;
    await createOrg(db, ctx, SYSTEM_ACTOR, { parentId: t.tree.gd, code: d.code, name: committeeFor(d, '广东省').name, kind: 'committee', divisionCode: d.code });
  }
  ids.gd = t.tree.gd;
  ids.mz = await id('4414');
  ids.qy = await id('4418');
  ids.sw = await id('4415');
  await seedUser(t.database, 'gd_province', 'manager', ids.gd);
  await seedUser(t.database, 'national', 'manager', 1);
  await seedUser(t.database, 'mz_city', 'manager', ids.mz);
  await seedUser(t.database, 'qy_city', 'manager', ids.qy);
  await signIn();
  photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 30, b: 30 } } }).jpeg().toBuffer();
  const templateId = (await t.database.query<{ id: number }>("SELECT id FROM program_templates WHERE key = 's3-guangdong-stationing'"))[0]!.id;
  const created = await province.post('/api/programs', { templateId, issuerOrgId: ids.gd, scopeOrgId: ids.gd, year: 2019, docNumber: '团粤办发〔2019〕16号' });
  expect(created.json()).toMatchObject({ startsOn: '2019-04-01', endsOn: '2019-11-30', verifiedOnly: true });
  programId = created.json().id;
}, 120_000);

describe('S3.1 the assignment table (April 2019)', () => {
  it('S3.1 applying Attachment 1 names 15 departments and 21 cities as holders and pairs each department with its cities', async () => {
    const applied = await province.post(`/api/programs/${programId}/assignments/apply`, { createMissingDepartments: true });
    expect(applied.statusCode, applied.body).toBe(200);
    expect(applied.json()).toMatchObject({ ok: true, pairings: 15, holdersAssigned: 15 + 21, errors: [] });
    for (const d of await t.database.query<{ id: number; name: string }>('SELECT id, name FROM departments WHERE org_id = $1', [ids.gd])) dept[d.name] = d.id;

    const pairings = (await province.get(`/api/programs/${programId}/pairings`)).json().items as Array<{ modeKey: string; sides: Array<{ sideKey: string; members: Array<{ type: string; id: number; name: string }> }> }>;
    const citiesOf = (name: string) => pairings.find((p) => p.sides[0]!.members[0]!.id === dept[name])!.sides[1]!.members.map((m) => m.name);
    expect(pairings.every((p) => p.modeKey === 'liaison' && p.sides[0]!.members.length === 1 && p.sides[0]!.members[0]!.type === 'department')).toBe(true);
    expect(citiesOf('组织部')).toEqual(['共青团梅州市委员会', '共青团清远市委员会']);
    expect(citiesOf('权益与社会工作部')).toEqual(['共青团汕尾市委员会']);
    expect(citiesOf('基层组织建设部')).toEqual(['共青团韶关市委员会', '共青团深圳市委员会', '共青团惠州市委员会']); // by division code
    expect(new Set(pairings.flatMap((p) => p.sides[1]!.members.map((m) => m.id))).size).toBe(21);

    const holders = (await province.get(`/api/programs/${programId}/nominations`)).json().items as Array<{ roleKey: string; status: string }>;
    expect(holders.filter((h) => h.roleKey === 'liaison_department' && h.status === 'approved')).toHaveLength(15);
    expect(holders.filter((h) => h.roleKey === 'liaison_city' && h.status === 'approved')).toHaveLength(21);

    // The table as the form Attachment 1 reads it back from the pairings.
    const form = await province.get(`/api/programs/${programId}/forms/s3.1-assignment-table/periods/program/reports/org-${ids.gd}`);
    expect(form.statusCode, form.body).toBe(200);
    const rows = table(form.json());
    expect(Object.keys(rows)).toHaveLength(15);
    expect(rows['共青团广东省委员会·权益与社会工作部']).toEqual({ cities: '共青团汕尾市委员会' });
    expect(rows['共青团广东省委员会·组织部']).toEqual({ cities: '共青团梅州市委员会、共青团清远市委员会' }); // in division-code order, as Attachment 1 lists them
  });

  it('S3.2 S3.6 the stationing cadres are the provincial committee\'s own, named one by one; a cadre may join later', async () => {
    const ctx = systemContext('test');
    const people: Array<[string, string]> = [['甲', '组织部'], ['乙', '组织部'], ['丙', '组织部'], ['丁', '权益与社会工作部'], ['戊', '宣传部']];
    for (const [name, d] of people) cadre[name] = await createCadre(t.database.db, ctx, SYSTEM_ACTOR, ids.gd!, { name, position: '专职干部', departmentId: dept[d] });
    for (const [name] of people) {
      const res = await province.post(`/api/programs/${programId}/holders`, { roleKey: 'stationing_cadre', holder: { type: 'cadre', id: cadre[name] }, ...(name === '丙' ? { activeFrom: '2019-06-01' } : {}) });
      expect(res.statusCode, res.body).toBe(200);
    }
    cadre['梅州干部'] = await createCadre(t.database.db, ctx, SYSTEM_ACTOR, ids.mz!, { name: '梅州干部', position: '专职干部' });
    const cityCadre = await province.post(`/api/programs/${programId}/holders`, { roleKey: 'stationing_cadre', holder: { type: 'cadre', id: cadre['梅州干部'] } });
    expect(cityCadre.statusCode).toBe(400); // the program's stationing cadres are the provincial committee's
    expect(cityCadre.json().fields[0].path).toBe('body.holder.id');
  });

  it('S3.2 each paired city hands in its local plan by 10 May: on time, late, missed', async () => {
    await day('2019-05-06');
    await handIn('s3.2-city-plan', { orgId: ids.mz }, { as: meizhou, reviewer: province });
    await day('2019-05-12');
    await handIn('s3.2-city-plan', { orgId: ids.qy }, { as: qingyuan, reviewer: province });
    const plan = await deliverable('s3.2-city-plan');
    expect(plan(`org:${ids.mz}`)).toMatchObject({ due: '2019-05-10', state: 'met', daysLate: 0 });
    expect(plan(`org:${ids.qy}`)).toMatchObject({ state: 'late', daysLate: 2 });
    expect(plan(`org:${ids.sw}`)).toMatchObject({ state: 'missed', done: 0, daysLate: 2 });
  });
});

describe('S3.3 S3.4 S3.5 what the stationed cadres check and push', () => {
  it('S3.3 the branch secretaries whose duties are checked are cadres of branches; a township committee\'s cadre is not', async () => {
    const ctx = systemContext('test');
    const branch = await id('441403113200'); // 雷丰村团支部, 丙村镇
    const secretary = await createCadre(t.database.db, ctx, SYSTEM_ACTOR, branch, { name: '雷丰村团支部书记', position: '团支部书记' });
    const townCadre = await createCadre(t.database.db, ctx, SYSTEM_ACTOR, await id('441403113'), { name: '丙村镇团委书记', position: '团委书记' });
    const assign = (cadreId: number) => province.post(`/api/programs/${programId}/holders`, { roleKey: 'branch_secretary', holder: { type: 'cadre', id: cadreId } });
    expect((await assign(secretary)).statusCode).toBe(200);
    const refused = await assign(townCadre);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().fields[0].path).toBe('body.holder.id');
  });

  it('S3.4 S3.5 each paired city carries the non-public and social-organisation baselines and the volunteer targets (≥ 90 %, ≥ 3 services, ≥ 8 hours)', async () => {
    const items = (await province.get(`/api/programs/${programId}/targets`)).json().items as Array<{ key: string; ref: string; target: number | null; unit: string; perSubject: boolean; subjectName: string | null; actual: number | null }>;
    const of = (key: string) => items.find((i) => i.key === key)!;
    for (const key of ['s3.4-non-public-baseline', 's3.4-social-org-baseline']) expect(of(key)).toMatchObject({ ref: 'S3.4', target: null, unit: '个', perSubject: true, subjectName: '对接地市团委' });
    expect(of('s3.5-volunteer-rate')).toMatchObject({ ref: 'S3.5', target: 90, unit: '%', perSubject: true, subjectName: '对接地市团委', actual: null });
    expect(of('s3.5-services')).toMatchObject({ target: 3, unit: '次', perSubject: true });
    expect(of('s3.5-hours')).toMatchObject({ target: 8, unit: '小时', perSubject: true });
  });
});

describe('S3.2 days in the field (May – August 2019)', () => {
  it('S3.2 each department at least 3 days a month at county level or below, verified: met, partly, missed; two cadres on one day make one day', async () => {
    await day('2019-08-05');
    const may = [
      await station('组织部', ['甲'], '2019-05-06', '441403'), // 梅县区
      await station('组织部', ['乙'], '2019-05-06', '441403113'), // 丙村镇, the same day
      await station('组织部', ['甲'], '2019-05-07', '441802'), // 清城区
      await station('组织部', ['乙'], '2019-05-08', '441403113'),
    ];
    await station('组织部', ['甲'], '2019-06-10', '441403');
    await station('组织部', ['丙'], '2019-06-11', '441802');
    await station('组织部', ['乙'], '2019-06-12', '4414'); // at the 梅州 city committee: not county level or below
    await station('组织部', ['甲'], '2019-06-13', '441403', { verify: false }); // not verified: does not count (S3.8)
    await station('权益与社会工作部', ['丁'], '2019-05-20', '441521', { days: 3 }); // 海丰县, a three-day stay
    await station('权益与社会工作部', ['丁'], '2019-06-03', '441521');

    const m = await matrix('s3.2-department-days');
    expect(m.subjects).toHaveLength(15);
    expect(m.cell(D('组织部'), '2019-05')).toMatchObject({ state: 'met', done: 3, required: 3, recordIds: may.map(String) });
    expect(m.cell(D('组织部'), '2019-06')).toMatchObject({ state: 'partly', done: 2 });
    expect(m.cell(D('组织部'), '2019-06').recordIds).toHaveLength(2);
    expect(m.states(D('组织部'))).toEqual({
      '2019-04': 'missed', '2019-05': 'met', '2019-06': 'partly', '2019-07': 'missed', '2019-08': 'upcoming', '2019-09': 'upcoming', '2019-10': 'upcoming', '2019-11': 'upcoming',
    });
    expect(m.cell(D('权益与社会工作部'), '2019-05')).toMatchObject({ state: 'met', done: 3 });
    expect(m.cell(D('权益与社会工作部'), '2019-06')).toMatchObject({ state: 'partly', done: 1 });
    expect(m.cell(D('宣传部'), '2019-05')).toMatchObject({ state: 'missed', done: 0, recordIds: [] });
  });

  it('S3.2 a record of a stay needs its place and content; a meeting over 10 people is refused (S3.8)', async () => {
    const base = { kind: 'stationing_day', orgId: ids.gd, occurredOn: '2019-08-01', days: 1, placeOrgId: ids.mz, departmentId: dept['组织部'], cadreIds: [cadre['甲']] };
    const bare = await province.post(`/api/programs/${programId}/records`, { ...base, fields: {} });
    expect(bare.json().fields.map((f: { path: string }) => f.path)).toEqual(['body.fields.place', 'body.fields.content']);
    const crowded = await province.post(`/api/programs/${programId}/records`, { ...base, fields: { place: '梅州', content: '座谈', meeting_size: 25 } });
    expect(crowded.statusCode).toBe(400);
    expect(crowded.json().fields[0].path).toBe('body.fields.meeting_size');
  });
});

describe('S3.2 S3.6 the year of each cadre and the December deliverables', () => {
  it('S3.6 each cadre gives at least one league lecture a year, with its material verified: met, missed (returned, none)', async () => {
    await day('2019-09-25');
    const lecture = (who: string) => record({
      kind: 'lecture', orgId: ids.gd, occurredOn: '2019-09-20', peopleReached: 60, departmentId: dept['组织部'], cadreIds: [cadre[who]],
      fields: { topic: '青年大学习专题团课', held_on: '2019-09-20', place: '梅县区丙村镇', audience: 60 },
    });
    const given = await lecture('甲');
    const bare = await above.post(`/api/records/${given.id}/review`, { decision: 'verify', version: given.version });
    expect(bare.statusCode).toBe(400); // a lecture is verified on its slides or photo
    await attachPhoto(given);
    await review(given, 'verify');
    await review(await lecture('乙'), 'return', above, '缺少课件和签到表');

    const m = await matrix('s3.6-cadre-lecture');
    expect(m.subjects).toEqual([C('甲'), C('乙'), C('丙'), C('丁'), C('戊')]);
    expect(m.cell(C('甲'), '2019')).toMatchObject({ state: 'met', done: 1, recordIds: [String(given.id)] });
    expect(m.cell(C('乙'), '2019')).toMatchObject({ state: 'upcoming', done: 0 });
    await day('2019-12-02');
    const closed = await matrix('s3.6-cadre-lecture');
    expect(closed.cell(C('甲'), '2019').state).toBe('met');
    expect(closed.cell(C('乙'), '2019')).toMatchObject({ state: 'missed', done: 0 });
    expect(closed.cell(C('戊'), '2019')).toMatchObject({ state: 'missed', done: 0 });
  });

  it('S3.2 each cadre at least 10 full days a year at county level or below: met, partly (a half day is no full day), missed', async () => {
    await station('组织部', ['甲'], '2019-09-02', '441403', { days: 7 });
    await station('组织部', ['乙'], '2019-09-16', '441403113', { days: 0.5 });
    await station('组织部', ['丙'], '2019-05-20', '441802'); // before 丙 joined on 1 June: not 丙's day
    const m = await matrix('s3.2-cadre-days');
    expect(m.cell(C('甲'), '2019')).toMatchObject({ state: 'met', done: 10, required: 10 }); // 3 days in May and June, a week in September
    expect(m.cell(C('乙'), '2019')).toMatchObject({ state: 'partly', done: 2 }); // the city-committee day and the half day do not count
    expect(m.cell(C('丙'), '2019')).toMatchObject({ state: 'partly', done: 1 }); // June only
    expect(m.cell(C('丁'), '2019')).toMatchObject({ state: 'partly', done: 4 });
    expect(m.cell(C('戊'), '2019')).toMatchObject({ state: 'missed', done: 0 });
  });

  it('S3.6 the project report by 10 December and the lecture materials by 31 December, verified: on time, late, missed', async () => {
    await day('2019-12-06');
    const onTime = await handIn('s3.6-project-report', { department: '组织部' });
    const soon = (await province.get(`/api/programs/${programId}/risks?soonDays=7`)).json().items as Array<{ itemId: string; subjectKey: string; risk: string }>;
    expect(soon).toContainEqual(expect.objectContaining({ itemId: 's3.6-project-report', subjectKey: D('权益与社会工作部'), risk: 'at_risk' }));
    expect(soon.filter((r) => r.itemId === 's3.6-project-report' && r.subjectKey === D('组织部'))).toEqual([]);
    await day('2019-12-13');
    await handIn('s3.6-project-report', { department: '权益与社会工作部' });
    await day('2019-12-20');
    await handIn('s3.6-lecture-materials', { department: '组织部' });
    await handIn('s3.6-lecture-materials', { department: '权益与社会工作部' }, { verify: false }); // never verified

    await day('2020-01-02');
    const report = await deliverable('s3.6-project-report');
    expect(report(D('组织部'))).toMatchObject({ due: '2019-12-10', state: 'met', daysLate: 0, recordIds: [String(onTime)] });
    expect(report(D('权益与社会工作部'))).toMatchObject({ state: 'late', daysLate: 3 });
    expect(report(D('宣传部'))).toMatchObject({ state: 'missed', done: 0, daysLate: 23 });
    const materials = await deliverable('s3.6-lecture-materials');
    expect(materials(D('组织部'))).toMatchObject({ due: '2019-12-31', state: 'met' });
    expect(materials(D('权益与社会工作部'))).toMatchObject({ state: 'missed', done: 0, daysLate: 2 }); // handed in but unverified (S3.8)
  });
});

describe('S3.4 new orgs and typical cases by county, from the registry and verified records', () => {
  it('S3.4 new non-public and social-organisation league orgs counted per county and month; a typical case counts once verified', async () => {
    const ctx = systemContext('test');
    await createOrg(t.database.db, ctx, SYSTEM_ACTOR, { parentId: await id('441403'), code: 'MX-NP-1', name: '梅县区某电子公司团支部', kind: 'branch', sector: 'non_public_enterprise', foundedOn: '2019-05-20' });
    await createOrg(t.database.db, ctx, SYSTEM_ACTOR, { parentId: await id('441403'), code: 'MX-NP-0', name: '梅县区某陶瓷公司团支部', kind: 'branch', sector: 'non_public_enterprise', foundedOn: '2018-03-01' });
    await createOrg(t.database.db, ctx, SYSTEM_ACTOR, { parentId: await id('441802'), code: 'QC-SO-1', name: '清城区青年社工协会团支部', kind: 'branch', sector: 'social_organization', foundedOn: '2019-05-08' });
    const typical = await record({ kind: 'typical_case', orgId: ids.gd, occurredOn: '2019-05-21', placeOrgId: await id('441403'), departmentId: dept['组织部'], fields: { org: '梅县区某电子公司团支部', area: '非公企业', experience: '车间建团、书记轮值' } });
    const report = async (period: string) => {
      const res = await province.get(`/api/programs/${programId}/forms/s3.7-grassroots-progress/periods/${period}/reports/department-${dept['组织部']}`);
      expect(res.statusCode, res.body).toBe(200);
      return table(res.json());
    };
    // 组织部's monthly sheet has a row per county of 梅州 and 清远, its paired cities.
    let may = await report('2019-05');
    expect(Object.keys(may)).toHaveLength(8 + 8 + 1); // and the total
    expect(may['共青团梅县区委员会']).toMatchObject({ non_public_new_orgs: 1, social_org_new_orgs: 0, typical_two_new: null }); // the 2018 branch is not new
    expect(may['共青团清城区委员会']).toMatchObject({ non_public_new_orgs: 0, social_org_new_orgs: 1 });
    expect(may['共青团梅江区委员会']).toMatchObject({ non_public_new_orgs: 0, social_org_new_orgs: 0 });
    expect((await report('2019-06'))['共青团梅县区委员会']).toMatchObject({ non_public_new_orgs: 0 });
    // The typical case is unverified data until the level above checks it on site (S3.8).
    await attachPhoto(typical);
    await review(typical, 'verify');
    may = await report('2019-05');
    expect(may['共青团梅县区委员会']!.typical_two_new).toBe('梅县区某电子公司团支部：车间建团、书记轮值');
  });
});

import ExcelJS from 'exceljs';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerBuiltinTemplates } from '../src/features/templates/builtin';
import { importDivisions } from '../src/features/orgs/divisions.import';
import { committeeFor } from '../src/features/orgs/divisions.naming';
import { loadDivisions } from '../src/features/orgs/divisions.source';
import { createOrg } from '../src/features/orgs/orgs.service';
import { createCadre } from '../src/features/people/people.service';
import { SYSTEM_ACTOR, systemContext } from '../src/system-actor';
import { loginAs, seedUser, testApp, testClock, type Client, orgIdByCode, setDay, formTable } from './helpers';

/**
 * The two forms of S3 on the real 广东 (GB/T 2260 44): the province's 驻点对接联系分配表 (Attachment 1,
 * S3.1) read back from the pairings, and a liaison department's monthly 团的基层建设推动情况 (Attachment 2,
 * S3.7) with one row per county of its paired cities. 梅州 and 清远 (组织部's cities) are built down to
 * their villages; the other 19 cities as committees only, which is all Attachment 1 needs. The program is
 * verified-only (S3.8): the province's records count once the level above (the national root) verified them.
 */
const clock = testClock(new Date('2019-04-10T02:00:00Z'));
let t: Awaited<ReturnType<typeof testApp>>;
let province: Client; // manager at 广东: the issuer, approves S3.7
let reporter: Client; // reporter at 广东: fills in the province's and its departments' forms
let above: Client; // manager at the national root: verifies the province's records, approves S3.1
let programId: number;
const ids: Record<string, number> = {};
const dept: Record<string, number> = {};
const cadre: Record<string, number> = {};
const rec: Record<string, number> = {};
const id = (code: string) => orgIdByCode(t.database, code);
let photo: Buffer;

/** Moves the clock to 10:00 Beijing time of a day; sessions do not last days, so everyone signs in again. */
async function day(date: string) {
  setDay(clock, date);
  await signIn();
}
async function signIn() {
  province = await loginAs(t.app, 'gd_province');
  reporter = await loginAs(t.app, 'gd_reporter');
  above = await loginAs(t.app, 'national');
}

type Saved = { id: number; version: number };
async function record(body: Record<string, unknown>): Promise<Saved> {
  const res = await reporter.post(`/api/programs/${programId}/records`, body);
  if (res.statusCode !== 200) throw new Error(`record failed: ${res.body}`);
  const savedId = res.json().savedId as number;
  return { id: savedId, version: res.json().items.find((r: { id: number }) => r.id === savedId).version };
}
async function attachPhoto(r: Saved) {
  const boundary = 's3-form-boundary';
  const payload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="p.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`), photo, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  const res = await t.app.inject({ method: 'POST', url: `/api/records/${r.id}/evidence`, payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'x-csrf-token': reporter.csrfToken }, cookies: { tj_session: reporter.cookie } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().id as number;
}
async function verify(r: Saved) {
  const res = await above.post(`/api/records/${r.id}/review`, { decision: 'verify', version: r.version });
  expect(res.statusCode, res.body).toBe(200);
}

/** A department's record at a place: with its photo when the kind needs one, verified by the level above unless told otherwise. */
async function at(kind: string, department: string, occurredOn: string, placeCode: string, fields: Record<string, unknown>, opts: { cadres?: string[]; verify?: boolean; photo?: boolean } = {}) {
  const r = await record({
    kind, orgId: ids.gd, occurredOn, placeOrgId: await id(placeCode), departmentId: dept[department], fields,
    ...(kind === 'stationing_day' ? { days: 1, peopleReached: 8, cadreIds: (opts.cadres ?? []).map((c) => cadre[c]) } : {}),
  });
  if (opts.photo ?? ['spot_check', 'typical_case'].includes(kind)) await attachPhoto(r);
  if (opts.verify !== false) await verify(r);
  return r.id;
}
const spot = (department: string, occurredOn: string, placeCode: string, f: { branch: string; cadre: boolean; wechat: boolean; share?: number; zhtj: boolean; activity: string; evaluation: string; rating: number }, opts: { verify?: boolean } = {}) =>
  at('spot_check', department, occurredOn, placeCode, {
    branch: f.branch, has_cadre: f.cadre, has_wechat_group: f.wechat, ...(f.share === undefined ? {} : { wechat_member_share: f.share }),
    secretary_uses_zhtj: f.zhtj, activity_name: f.activity, member_evaluation: f.evaluation, member_rating: f.rating,
  }, opts);
const station = (department: string, people: string[], occurredOn: string, placeCode: string) =>
  at('stationing_day', department, occurredOn, placeCode, { place: placeCode, content: '走访团支部、召开小型座谈会', meeting_size: 8 }, { cadres: people });

const table = formTable;

const s31 = () => `/api/programs/${programId}/forms/s3.1-assignment-table/periods/program/reports/org-${ids.gd}`;
const s37 = (period: string, department = '组织部') => `/api/programs/${programId}/forms/s3.7-grassroots-progress/periods/${period}/reports/department-${dept[department]}`;

beforeAll(async () => {
  t = await testApp({ clock });
  const ctx = systemContext('test');
  const db = t.database.db;
  await registerBuiltinTemplates(db);
  await importDivisions(t.database, ctx, ['4414', '4418']);
  for (const d of (await loadDivisions(['44'])).filter((x) => x.level === 'city')) {
    if ((await t.database.query('SELECT 1 FROM orgs WHERE code = $1', [d.code])).length) continue;
    await createOrg(db, ctx, SYSTEM_ACTOR, { parentId: t.tree.gd, code: d.code, name: committeeFor(d, '广东省').name, kind: 'committee', divisionCode: d.code, foundedOn: '2000-01-01' });
  }
  ids.gd = t.tree.gd;
  ids.mx = await id('441403'); // 梅县区
  ids.qc = await id('441802'); // 清城区
  await seedUser(t.database, 'gd_province', 'manager', ids.gd);
  await seedUser(t.database, 'gd_reporter', 'reporter', ids.gd);
  await seedUser(t.database, 'national', 'manager', 1);
  await signIn();
  photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 30, g: 120, b: 200 } } }).jpeg().toBuffer();
  const templateId = (await t.database.query<{ id: number }>("SELECT id FROM program_templates WHERE key = 's3-guangdong-stationing'"))[0]!.id;
  const created = await province.post('/api/programs', { templateId, issuerOrgId: ids.gd, scopeOrgId: ids.gd, year: 2019, docNumber: '团粤办发〔2019〕16号' });
  expect(created.json()).toMatchObject({ startsOn: '2019-04-01', endsOn: '2019-11-30', verifiedOnly: true });
  programId = created.json().id;
  // Attachment 1 applied: the 15 departments (created in the registry) and the 21 cities as holders, each department paired with its cities.
  const applied = await province.post(`/api/programs/${programId}/assignments/apply`, { createMissingDepartments: true });
  expect(applied.json()).toMatchObject({ ok: true, pairings: 15 });
  for (const d of await t.database.query<{ id: number; name: string }>('SELECT id, name FROM departments WHERE org_id = $1', [ids.gd])) dept[d.name] = d.id;
  for (const [name, d] of [['甲', '组织部'], ['乙', '组织部'], ['丙', '宣传部']] as const) {
    cadre[name] = await createCadre(db, ctx, SYSTEM_ACTOR, ids.gd, { name, position: '专职干部', departmentId: dept[d] });
  }
}, 120_000);

const ATTACHMENT_1: Array<[string, string[]]> = [
  ['办公室', ['中山市']], ['组织部', ['梅州市', '清远市']], ['宣传部', ['广州市', '佛山市']], ['权益与社会工作部', ['汕尾市']],
  ['基层组织建设部', ['韶关市', '深圳市', '惠州市']], ['青年发展部', ['湛江市']], ['统战联络部', ['珠海市']], ['学校部', ['揭阳市']],
  ['少年部', ['肇庆市', '云浮市']], ['省团校', ['汕头市']], ['省青少年事业研究与发展中心', ['江门市']], ['省希望工程服务中心', ['河源市']],
  ['省志愿者行动指导中心', ['茂名市', '阳江市']], ['省青年创业就业促进中心', ['东莞市']], ['广东青少年大数据及新媒体中心', ['潮州市']],
];

describe('S3.1 驻点对接联系分配表 (Attachment 1) read from the pairings', () => {
  it('S3.1 lists the two forms with their periods: the table once, due 12 April; the progress monthly at month end, locked 10 days later', async () => {
    const list = (await reporter.get(`/api/programs/${programId}/forms`)).json();
    expect(list.items.map((f: { id: string; ref: string }) => [f.id, f.ref])).toEqual([['s3.1-assignment-table', 'S3.1'], ['s3.7-grassroots-progress', 'S3.7']]);
    expect(list.items[0].periods).toEqual([{ key: 'program', start: '2019-04-01', end: '2019-11-30', due: '2019-04-12', locksAfter: null }]);
    expect(list.items[1].periods.map((p: { key: string; due: string; locksAfter: string }) => [p.key, p.due, p.locksAfter])).toEqual([
      ['2019-04', '2019-04-30', '2019-05-10'], ['2019-05', '2019-05-31', '2019-06-10'], ['2019-06', '2019-06-30', '2019-07-10'], ['2019-07', '2019-07-31', '2019-08-10'],
      ['2019-08', '2019-08-31', '2019-09-10'], ['2019-09', '2019-09-30', '2019-10-10'], ['2019-10', '2019-10-31', '2019-11-10'], ['2019-11', '2019-11-30', '2019-12-10'],
    ]);
  });

  it('S3.1 X.2 every row is a department with the cities it is paired with, in Attachment 1’s order; nothing is typed', async () => {
    const r = (await reporter.get(s31())).json();
    expect(r).toMatchObject({ status: 'draft', timeliness: 'pending', period: { key: 'program', due: '2019-04-12' }, reporter: { name: '共青团广东省委员会' } });
    expect(r.form.columns.map((c: { id: string; label: string; source: string }) => [c.id, c.label, c.source])).toEqual([['cities', '对接地市', 'attribute']]);
    const expected = Object.fromEntries(ATTACHMENT_1.map(([d, cities]) => [`共青团广东省委员会·${d}`, { cities: cities.map((c) => `共青团${c}委员会`).join('、') }]));
    expect(table(r)).toEqual(expected);
    expect(r.rows.map((x: { label: string }) => x.label)).toEqual(Object.keys(expected));
    expect(r.rows.flatMap((x: { cells: Array<{ editable: boolean }> }) => x.cells).some((c: { editable: boolean }) => c.editable)).toBe(false);
  });

  it('X.2 a row’s cell opens the cities behind it', async () => {
    const detail = (await province.get(`${s31()}/cell?row=department:${dept['基层组织建设部']}&column=cities`)).json();
    expect(detail).toMatchObject({ rowLabel: '共青团广东省委员会·基层组织建设部', columnLabel: '对接地市', source: 'attribute', records: [] });
    expect(detail.holders.map((h: { name: string }) => h.name)).toEqual(['共青团韶关市委员会', '共青团深圳市委员会', '共青团惠州市委员会']);
  });

  it('S3.1 sent on 12 April is on time; the province cannot approve its own table, the level above does', async () => {
    await day('2019-04-12');
    const sent = await reporter.post(`${s31()}/submit`, { version: 0 });
    expect(sent.json()).toMatchObject({ status: 'submitted', timeliness: 'on_time', submittedAt: '2019-04-12T02:00:00.000Z' });
    expect((await province.post(`${s31()}/approve`, { version: 1 })).statusCode).toBe(403);
    const approved = await above.post(`${s31()}/approve`, { version: 1 });
    expect(approved.json()).toMatchObject({ status: 'approved', timeliness: 'on_time', changes: [] });
  });

  it('S3.1 xlsx: 附件1, the title, the stamp and date line, the header and every department', async () => {
    const ws = await workbook(await province.get(`${s31()}/xlsx`));
    expect([text(ws, 'A1'), text(ws, 'A2'), text(ws, 'A3'), text(ws, 'B3')]).toEqual(['附件1', '驻点对接联系分配表', '填报单位（盖章）：共青团广东省委员会', '填报日期：2019年4月12日']);
    expect([text(ws, 'A4'), text(ws, 'B4')]).toEqual(['部门（直属单位）', '对接地市']);
    const body = ATTACHMENT_1.map((_, i) => [text(ws, `A${5 + i}`), text(ws, `B${5 + i}`)]);
    expect(body).toEqual(ATTACHMENT_1.map(([d, cities]) => [`共青团广东省委员会·${d}`, cities.map((c) => `共青团${c}委员会`).join('、')]));
    expect(text(ws, 'A20')).toBe('');
    expect(ws.model.merges).toEqual(expect.arrayContaining(['A1:B1', 'A2:B2']));
  });
});

/** A row of Attachment 2 with nothing in it: counts 0, lists and typed cells empty. */
const EMPTY = {
  branches_without_cadre: null, checked: 0, checked_names: null, no_wechat: 0, no_wechat_names: null, no_zhtj: 0, no_zhtj_names: null, evaluations: null, secretary_experience: null,
  non_public_baseline: null, social_org_baseline: null, non_public_new_orgs: 0, non_public_new_members: null, social_org_new_orgs: 0, social_org_new_members: null, typical_two_new: null,
  volunteer_rate: null, service_hours: null, opinions: null, stationed_days: 0, stationed_cadres: 0,
};
let counties: string[]; // the 16 county committees of 梅州 and 清远, by division code

describe('S3.7 团的基层建设推动情况 (Attachment 2): 组织部’s May in the counties of 梅州 and 清远', () => {
  beforeAll(async () => {
    await day('2019-05-25');
    counties = (await t.database.query<{ name: string }>("SELECT name FROM orgs WHERE level = 'county' AND (code LIKE '4414%' OR code LIKE '4418%') ORDER BY code")).map((r) => r.name);
    // 梅县区: three branches checked by 组织部 in 丙村镇, one more not yet verified, one checked by 宣传部.
    rec.sc1 = await spot('组织部', '2019-05-06', '441403113200', { branch: '雷丰村团支部', cadre: true, wechat: true, share: 80, zhtj: true, activity: '植树护绿', evaluation: '活动贴近青年', rating: 5 });
    rec.sc2 = await spot('组织部', '2019-05-07', '441403113201', { branch: '横石村团支部', cadre: false, wechat: true, share: 60, zhtj: false, activity: '读书分享会', evaluation: '形式单一', rating: 3 });
    rec.sc3 = await spot('组织部', '2019-05-21', '441403113203', { branch: '田头村团支部', cadre: true, wechat: false, zhtj: true, activity: '青年议事会', evaluation: '议事有实效', rating: 4 });
    // 横石村 checked again: still one branch in the counts and the names, a second evaluation line.
    rec.scAgain = await spot('组织部', '2019-05-24', '441403113201', { branch: '横石村团支部', cadre: false, wechat: true, share: 65, zhtj: false, activity: '回访', evaluation: '仍需加强', rating: 3 });
    rec.scUnverified = await spot('组织部', '2019-05-22', '441403113202', { branch: '银二村团支部', cadre: true, wechat: false, zhtj: false, activity: '团课', evaluation: '一般', rating: 3 }, { verify: false });
    rec.scOther = await spot('宣传部', '2019-05-09', '441403113202', { branch: '银二村团支部', cadre: true, wechat: false, zhtj: false, activity: '宣讲', evaluation: '一般', rating: 3 });
    // Typical cases of anyone there: 宣传部's secretary experience, 组织部's non-public one; an unverified one counts for nothing.
    rec.tcSecretary = await at('typical_case', '宣传部', '2019-05-15', '441403113', { org: '丙村镇团委', area: '团支部书记履责', experience: '书记例会、支部轮值' });
    rec.tcNonPublic = await at('typical_case', '组织部', '2019-05-21', '441403', { org: '梅县区某电子公司团支部', area: '非公企业', experience: '车间建团、书记轮值' });
    rec.tcUnverified = await at('typical_case', '组织部', '2019-05-23', '441403', { org: '梅县区某物流公司团支部', area: '非公企业', experience: '待核实' }, { verify: false });
    rec.opinion = await at('youth_opinion', '组织部', '2019-05-06', '441403113200', { content: '希望多组织就业技能培训' });
    // Days: 甲 and 乙 together on the 6th are one day; 乙 at the 梅州 city committee on the 9th is in no county.
    rec.sd1 = await station('组织部', ['甲', '乙'], '2019-05-06', '441403113200');
    rec.sd2 = await station('组织部', ['甲'], '2019-05-07', '441403113201');
    rec.sd3 = await station('组织部', ['乙'], '2019-05-21', '441403');
    rec.sd4 = await station('组织部', ['甲'], '2019-05-08', '441802103');
    rec.sdCity = await station('组织部', ['乙'], '2019-05-09', '4414');
    rec.sdOther = await station('宣传部', ['丙'], '2019-05-09', '441403');
    // 清城区: one branch checked, its WeChat group short of 3/4.
    rec.sc4 = await spot('组织部', '2019-05-08', '441802103202', { branch: '大达村团支部', cadre: true, wechat: true, share: 70, zhtj: true, activity: '义务植树', evaluation: '组织有序', rating: 4 });
    // New league orgs from the org tree: counted in the month they were founded.
    const ctx = systemContext('test');
    const db = t.database.db;
    ids.np1 = await createOrg(db, ctx, SYSTEM_ACTOR, { parentId: ids.mx!, code: 'MX-NP-1', name: '梅县区某电子公司团支部', kind: 'branch', sector: 'non_public_enterprise', foundedOn: '2019-05-20' });
    await createOrg(db, ctx, SYSTEM_ACTOR, { parentId: ids.mx!, code: 'MX-NP-0', name: '梅县区某陶瓷公司团支部', kind: 'branch', sector: 'non_public_enterprise', foundedOn: '2018-03-01' });
    await createOrg(db, ctx, SYSTEM_ACTOR, { parentId: ids.mx!, code: 'MX-NP-6', name: '梅县区某食品公司团支部', kind: 'branch', sector: 'non_public_enterprise', foundedOn: '2019-06-05' });
    ids.so1 = await createOrg(db, ctx, SYSTEM_ACTOR, { parentId: ids.qc!, code: 'QC-SO-1', name: '清城区青年社工协会团支部', kind: 'branch', sector: 'social_organization', foundedOn: '2019-05-08' });
  }, 120_000);

  const MX = {
    ...EMPTY, checked: 3, checked_names: '雷丰村团支部\n横石村团支部\n田头村团支部', no_wechat: 2, no_wechat_names: '横石村团支部\n田头村团支部', no_zhtj: 1, no_zhtj_names: '横石村团支部',
    evaluations: '植树护绿：活动贴近青年\n读书分享会：形式单一\n青年议事会：议事有实效\n回访：仍需加强', secretary_experience: '丙村镇团委：书记例会、支部轮值',
    non_public_new_orgs: 1, typical_two_new: '梅县区某电子公司团支部：车间建团、书记轮值', opinions: '希望多组织就业技能培训', stationed_days: 3, stationed_cadres: 2,
  };
  const QC = { ...EMPTY, checked: 1, checked_names: '大达村团支部', no_wechat: 1, no_wechat_names: '大达村团支部', evaluations: '义务植树：组织有序', social_org_new_orgs: 1, stationed_days: 1, stationed_cadres: 1 };
  const TOTAL = {
    ...EMPTY, checked: 4, checked_names: '雷丰村团支部\n横石村团支部\n大达村团支部\n田头村团支部', no_wechat: 3, no_wechat_names: '横石村团支部\n大达村团支部\n田头村团支部', no_zhtj: 1, no_zhtj_names: '横石村团支部',
    evaluations: '植树护绿：活动贴近青年\n读书分享会：形式单一\n义务植树：组织有序\n青年议事会：议事有实效\n回访：仍需加强', secretary_experience: '丙村镇团委：书记例会、支部轮值',
    non_public_new_orgs: 1, social_org_new_orgs: 1, typical_two_new: '梅县区某电子公司团支部：车间建团、书记轮值', opinions: '希望多组织就业技能培训', stationed_days: 4, stationed_cadres: 2,
  };
  const expectedMay = (over: { mx?: object; qc?: object; total?: object } = {}) => Object.fromEntries([
    ...counties.map((name) => [name, name === '共青团梅县区委员会' ? { ...MX, ...over.mx } : name === '共青团清城区委员会' ? { ...QC, ...over.qc } : EMPTY]),
    ['合计', { ...TOTAL, ...over.total }],
  ]);

  it('S3.7 X.2 one row per county of the paired cities; every cell computed from verified records and the org tree before anything is typed', async () => {
    const res = await reporter.get(s37('2019-05'));
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({
      status: 'draft', version: 0, timeliness: 'pending', entryOpen: true, period: { key: '2019-05', start: '2019-05-01', end: '2019-05-31', due: '2019-05-31', locksAfter: '2019-06-10' },
      reporter: { name: '共青团广东省委员会·组织部', param: `department-${dept['组织部']}` },
    });
    expect(counties).toHaveLength(16);
    expect(r.rows.map((x: { label: string }) => x.label)).toEqual([...counties, '合计']);
    expect(table(r)).toEqual(expectedMay());
  });

  it('S3.7 another department’s form has rows only for its own city', async () => {
    const r = (await reporter.get(s37('2019-05', '权益与社会工作部'))).json();
    expect(r.rows.map((x: { label: string }) => x.label)).toEqual(['合计']); // 汕尾 is not built down to its counties here
    const propaganda = table((await reporter.get(s37('2019-05', '宣传部'))).json());
    expect(Object.keys(propaganda)).toEqual(['合计']); // 广州 and 佛山 neither
  });

  it('X.2 a cell opens its records and their photos; the new-org cell opens the orgs', async () => {
    const checked = (await province.get(`${s37('2019-05')}/cell?row=org:${ids.mx}&column=checked`)).json();
    // four branches reported, three verified: 银二村's check still waits for the level above (S3.8)
    expect(checked).toMatchObject({ rowLabel: '共青团梅县区委员会', columnLabel: '本月实地抽查团支部数量', source: 'computed', value: 3, counts: 'verified', figures: { reported: 4, verified: 3, spotChecked: 0 } });
    expect(checked.records.map((x: { id: number }) => x.id)).toEqual([rec.sc1, rec.sc2, rec.sc3, rec.scAgain]);
    const noZhtj = (await province.get(`${s37('2019-05')}/cell?row=org:${ids.mx}&column=no_zhtj`)).json();
    expect(noZhtj).toMatchObject({ value: 1, records: [{ id: rec.sc2 }, { id: rec.scAgain }] }); // one branch, found twice
    const evaluations = (await province.get(`${s37('2019-05')}/cell?row=org:${ids.mx}&column=evaluations`)).json();
    expect(evaluations.records.map((x: { fields: { activity_name: string } }) => x.fields.activity_name)).toEqual(['植树护绿', '读书分享会', '青年议事会', '回访']);
    expect(evaluations.records.every((x: { evidenceIds: number[] }) => x.evidenceIds.length === 1)).toBe(true); // the photos of Attachment 2
    const days = (await province.get(`${s37('2019-05')}/cell?row=total&column=stationed_days`)).json();
    expect(days.records.map((x: { id: number }) => x.id)).toEqual([rec.sd1, rec.sd2, rec.sd4, rec.sd3]);
    const orgs = (await province.get(`${s37('2019-05')}/cell?row=org:${ids.mx}&column=non_public_new_orgs`)).json();
    expect(orgs.holders).toEqual([{ key: `org:${ids.np1}`, name: '梅县区某电子公司团支部' }]);
  });

  it('S3.7 the figures of 智慧团建 and i志愿 are typed, with the reason shown; counts add up in the total, the rate is typed there too', async () => {
    const r0 = (await reporter.get(s37('2019-05'))).json();
    expect(r0.form.columns.filter((c: { source: string }) => c.source === 'typed').map((c: { id: string; typedReason: string }) => [c.id, c.typedReason])).toEqual([
      ['branches_without_cadre', '全地区口径在“智慧团建”系统中；本系统只知道抽查到的支部'],
      ['non_public_baseline', '任务底数由各地市按县分解，模板只给出地市一级的目标，县一级的数由填报人照抄'],
      ['social_org_baseline', '任务底数由各地市按县分解，模板只给出地市一级的目标，县一级的数由填报人照抄'],
      ['non_public_new_members', '团员名册在“智慧团建”系统，本系统不记录团员'],
      ['social_org_new_members', '团员名册在“智慧团建”系统，本系统不记录团员'],
      ['volunteer_rate', '注册志愿者数据在“i志愿”系统，尚无导入接口'],
      ['service_hours', '服务时长在“i志愿”系统，尚无导入接口'],
    ]);
    await day('2019-05-31');
    const computedCell = await reporter.patch(s37('2019-05'), { version: 0, cells: { [`org:${ids.mx}/checked`]: 9 } });
    expect(computedCell.json().fields[0]).toEqual({ path: `body.cells.org:${ids.mx}/checked`, message: '该单元格由记录计算，不能填写' });
    const summed = await reporter.patch(s37('2019-05'), { version: 0, cells: { 'total/branches_without_cadre': 20 } });
    expect(summed.json().fields[0]).toEqual({ path: 'body.cells.total/branches_without_cadre', message: '该单元格由记录计算，不能填写' });
    const typed = await reporter.patch(s37('2019-05'), {
      version: 0,
      cells: {
        [`org:${ids.mx}/branches_without_cadre`]: 12, [`org:${ids.mx}/non_public_baseline`]: 30, [`org:${ids.mx}/social_org_baseline`]: 8,
        [`org:${ids.mx}/non_public_new_members`]: 15, [`org:${ids.mx}/social_org_new_members`]: 0, [`org:${ids.mx}/volunteer_rate`]: 86.5, [`org:${ids.mx}/service_hours`]: 6.5,
        [`org:${ids.qc}/branches_without_cadre`]: 5, [`org:${ids.qc}/volunteer_rate`]: 91, 'total/volunteer_rate': 88.2,
      },
    });
    expect(typed.statusCode, typed.body).toBe(200);
    const r = typed.json();
    expect(table(r)).toEqual(expectedMay({
      mx: { branches_without_cadre: 12, non_public_baseline: 30, social_org_baseline: 8, non_public_new_members: 15, social_org_new_members: 0, volunteer_rate: 86.5, service_hours: 6.5 },
      qc: { branches_without_cadre: 5, volunteer_rate: 91 },
      total: { branches_without_cadre: 17, non_public_baseline: 30, social_org_baseline: 8, non_public_new_members: 15, social_org_new_members: 0, volunteer_rate: 88.2, service_hours: null },
    }));
    const rate = r.rows.find((x: { key: string }) => x.key === 'total').cells.find((c: { column: string }) => c.column === 'volunteer_rate');
    expect(rate).toMatchObject({ source: 'typed', editable: true, typedBy: 'gd_reporter', typedAt: '2019-05-31T02:00:00.000Z' });
    expect((await reporter.patch(s37('2019-05'), { version: 1, cells: { [`org:${ids.mx}/volunteer_rate`]: '八成' } })).json().fields[0].message).toBe('应为不小于 0 的数字');
  });

  it('S3.7 sent on 31 May is on time; the issuer approves', async () => {
    const sent = await reporter.post(`${s37('2019-05')}/submit`, { version: 1 });
    expect(sent.json()).toMatchObject({ status: 'submitted', version: 2, timeliness: 'on_time' });
    expect((await reporter.post(`${s37('2019-05')}/approve`, { version: 2 })).statusCode).toBe(403);
    expect((await province.post(`${s37('2019-05')}/approve`, { version: 2 })).json()).toMatchObject({ status: 'approved', timeliness: 'on_time', changes: [] });
  });

  it('S3.7 xlsx: 附件2, the title with the month, the department stamp and the date, grouped headers, a county row and the total', async () => {
    const ws = await workbook(await province.get(`${s37('2019-05')}/xlsx`));
    expect([text(ws, 'A1'), text(ws, 'A2'), text(ws, 'A3'), text(ws, 'L3')]).toEqual(['附件2', '团的基层建设推动情况（2019年5月）', '对接部门：共青团广东省委员会·组织部', '填报日期：2019年5月31日']);
    expect(['A4', 'B4', 'K4', 'R4', 'T4', 'U4'].map((c) => text(ws, c))).toEqual(['县（市、区）', '团支部书记履职', '“两新”组织团建', '推动团员成为注册志愿者', '基层青年意见', '本月驻点时间及人员']);
    expect(['B5', 'C5', 'L5', 'S5', 'U5', 'V5'].map((c) => text(ws, c))).toEqual([
      '该地区无团干团支部数量', '本月实地抽查团支部数量', '2019推动建团社会组织任务底数', '团员2019年人均服务时长（小时）', '驻点天数', '驻点人员（人）',
    ]);
    expect(ws.model.merges).toEqual(expect.arrayContaining(['A1:V1', 'A2:V2', 'A3:K3', 'L3:V3', 'A4:A5', 'B4:J4', 'K4:Q4', 'R4:S4', 'T4:T5', 'U4:V4']));
    const row = (n: number) => Array.from({ length: 22 }, (_, i) => ws.getRow(n).getCell(i + 1).value);
    const mxRow = 6 + counties.indexOf('共青团梅县区委员会');
    expect(row(mxRow)).toEqual([
      '共青团梅县区委员会', 12, 3, '雷丰村团支部\n横石村团支部\n田头村团支部', 2, '横石村团支部\n田头村团支部', 1, '横石村团支部',
      '植树护绿：活动贴近青年\n读书分享会：形式单一\n青年议事会：议事有实效\n回访：仍需加强', '丙村镇团委：书记例会、支部轮值',
      30, 8, 1, 15, 0, 0, '梅县区某电子公司团支部：车间建团、书记轮值', 86.5, 6.5, '希望多组织就业技能培训', 3, 2,
    ]);
    expect(row(6 + counties.length)).toEqual([
      '合计', 17, 4, '雷丰村团支部\n横石村团支部\n大达村团支部\n田头村团支部', 3, '横石村团支部\n大达村团支部\n田头村团支部', 1, '横石村团支部',
      '植树护绿：活动贴近青年\n读书分享会：形式单一\n义务植树：组织有序\n青年议事会：议事有实效\n回访：仍需加强', '丙村镇团委：书记例会、支部轮值',
      30, 8, 1, 15, 1, 0, '梅县区某电子公司团支部：车间建团、书记轮值', 88.2, null, '希望多组织就业技能培训', 4, 2,
    ]);
    expect(text(ws, `A${7 + counties.length}`)).toBe('');
  });

  it('S3.7 June: a stay on 3 June and a firm founded on 5 June count in June only; sent on 2 July it is late', async () => {
    await day('2019-06-05');
    rec.sdJune = await station('组织部', ['甲'], '2019-06-03', '441403');
    await day('2019-07-02');
    const june = (await reporter.get(s37('2019-06'))).json();
    expect(table(june)['共青团梅县区委员会']).toEqual({ ...EMPTY, non_public_new_orgs: 1, stationed_days: 1, stationed_cadres: 1 });
    expect(june).toMatchObject({ timeliness: 'overdue', entryOpen: true });
    const sent = await reporter.post(`${s37('2019-06')}/submit`, { version: 0 });
    expect(sent.json()).toMatchObject({ status: 'submitted', timeliness: 'late', firstSubmittedAt: '2019-07-02T02:00:00.000Z' });
    const may = (await reporter.get(s37('2019-05'))).json();
    expect(may).toMatchObject({ status: 'approved', changes: [] }); // June's records leave May's approved figures alone
  });

  it('S3.7 X.3 July not sent: overdue from 1 August, in the rates of the 15 departments, and locked after 10 August', async () => {
    await day('2019-08-01');
    expect((await reporter.get(s37('2019-07'))).json()).toMatchObject({ status: 'draft', timeliness: 'overdue', entryOpen: true });
    const status = (await province.get(`/api/programs/${programId}/forms/s3.7-grassroots-progress/periods/2019-07`)).json();
    expect(status.reporters).toHaveLength(15);
    expect(status.rate).toMatchObject({ expected: 15, actual: 0, onTime: 0, overdue: 15 });
    const june = (await province.get(`/api/programs/${programId}/forms/s3.7-grassroots-progress/periods/2019-06`)).json();
    expect(june.rate).toMatchObject({ expected: 15, actual: 1, onTime: 0, overdue: 14 });
    expect(june.reporters.find((x: { param: string }) => x.param === `department-${dept['组织部']}`)).toMatchObject({ status: 'submitted', timeliness: 'late' });
    const may = (await province.get(`/api/programs/${programId}/forms/s3.7-grassroots-progress/periods/2019-05`)).json();
    expect(may.rate).toMatchObject({ expected: 15, actual: 1, onTime: 1 });
    const overdue = (await province.get(`/api/programs/${programId}/forms/overdue`)).json();
    expect(overdue.items).toContainEqual(expect.objectContaining({ formId: 's3.7-grassroots-progress', periodKey: '2019-07', due: '2019-07-31', daysOverdue: 1, reporter: expect.objectContaining({ name: '共青团广东省委员会·组织部' }) }));
    await day('2019-08-11');
    const locked = await reporter.post(`${s37('2019-07')}/submit`, { version: 0 });
    expect(locked.statusCode).toBe(400);
    expect(locked.json().message).toContain('2019-08-10');
  });
});

async function workbook(res: { statusCode: number; rawPayload: Buffer; headers: Record<string, unknown> }) {
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toContain('spreadsheetml');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as never);
  return wb.worksheets[0]!;
}
const text = (ws: ExcelJS.Worksheet, ref: string) => String(ws.getCell(ref).value ?? '');

import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerBuiltinTemplates } from '../src/features/templates/builtin';
import { importDivisions } from '../src/features/orgs/divisions.import';
import { createCadre, createDepartment } from '../src/features/people/people.service';
import { SYSTEM_ACTOR, systemContext } from '../src/system-actor';
import { loginAs, seedUser, testApp, testClock, type Client, orgIdByCode, setDay } from './helpers';

/**
 * S2 forms on the real 漯河 (GB/T 2260 4111): the city committee's departments hand the month's
 * 团干部走基层情况报告单 (Attachment 1) to the organization department by the 28th, the county
 * committees theirs by the 10th of the next month, and the departments the quarter's 共青团工作观摩情况
 * 报告单 (Attachment 2) by the 28th of its last month. One row per record, every cell a field of the
 * record (X.2: nothing typed); the sheets print one per record as an official docx.
 */
const clock = testClock(new Date('2020-06-01T02:00:00Z'));
let t: Awaited<ReturnType<typeof testApp>>;
let city: Client; // manager at 漯河, the issuer and approver
let cityReporter: Client; // reporter at 漯河: hands in the departments' sheets
let county: Client; // reporter at 源汇区
let countyManager: Client; // manager at 源汇区: may not approve, the issuer does
let programId: number;
const ids: Record<string, number> = {};
const dept: Record<string, number> = {};
const cadre: Record<string, number> = {};
const rec: Record<string, number> = {};
const id = (code: string) => orgIdByCode(t.database, code);

async function day(date: string) {
  setDay(clock, date);
  await signIn();
}
async function signIn() {
  city = await loginAs(t.app, 'lh_city');
  cityReporter = await loginAs(t.app, 'lh_reporter');
  county = await loginAs(t.app, 'yh_reporter');
  countyManager = await loginAs(t.app, 'yh_manager');
}

async function record(body: Record<string, unknown>, as: Client = city): Promise<number> {
  const res = await as.post(`/api/programs/${programId}/records`, body);
  if (res.statusCode !== 200) throw new Error(`record failed: ${res.body}`);
  return res.json().savedId;
}

const VISIT_A = {
  name: '辛光辉', position: '团市委组织部部长', leader: '辛光辉', visited_org: '大刘镇团委', form: '实地走访、座谈', cadres_met: 3, youths_met: 9,
  org_work: '按月开展主题团日，团员发展和组织关系转接台账完整', highlights: '联合镇商会成立青年创业联盟', problems: '村级团支部书记兼职多、精力不足',
  help_and_effect: '协调镇党委为3个村配齐专职团支部书记，已到岗',
};
const VISIT_B = {
  name: '刘畅', position: '团市委组织部干事', leader: '辛光辉', visited_org: '老街街道团工委', form: '座谈', cadres_met: 2, youths_met: 15,
  org_work: '社区团支部覆盖不足，驻区单位团组织联系松散', problems: '社区团干部多为兼职',
};
const VISIT_COUNTY = {
  name: '李强', position: '源汇区团委书记', leader: '李强', visited_org: '马路街街道团工委', form: '实地走访', cadres_met: 4, youths_met: 20,
  org_work: '开展“青春社区行”志愿服务，每周一次', highlights: '志愿服务与社区治理结合', problems: '活动经费不足', help_and_effect: '争取街道工委列支团建经费2万元',
};
const OBSERVATION = {
  organizing_department: '团市委组织部', participants: '各县区团委书记、组织委员共12人', field: '非公企业',
  sites_and_content: '漯河经济技术开发区某食品企业团委：青年突击队、团员积分管理', highlights: '团建与生产经营结合紧密',
  problems: '流动团员组织关系转接不及时', corrective_measures: '建立流动团员台账，每月核对一次',
};

const forms = () => `/api/programs/${programId}/forms`;
const report = (form: string, period: string, reporter: string) => `${forms()}/${form}/periods/${period}/reports/${reporter}`;
const sheets = (d: string, period = '2020-06') => report('s2.4-visit-sheets', period, `department-${dept[d]}`);
const countySheets = (period = '2020-06', orgId = ids.yuanhui) => report('s2.4-visit-sheets-county', period, `org-${orgId}`);
const observations = (d: string, period = '2020-Q2') => report('s2.6-observation-sheets', period, `department-${dept[d]}`);

/** Row label → column → value, as a person reads the printed table. */
function table(r: { rows: Array<{ label: string; cells: Array<{ column: string; value: unknown }> }> }) {
  return Object.fromEntries(r.rows.map((row) => [row.label, Object.fromEntries(row.cells.map((c) => [c.column, c.value]))]));
}
const FIELDS = ['name', 'position', 'visited_org', 'form', 'cadres_met', 'youths_met', 'org_work', 'highlights', 'problems', 'help_and_effect'] as const;
/** A visit's row: every column of the sheet from the record's fields, null where the field was left empty. */
const visitRow = (f: Record<string, unknown>) => Object.fromEntries(FIELDS.map((k) => [k, f[k] ?? null]));

beforeAll(async () => {
  t = await testApp({ clock });
  const ctx = systemContext('test');
  const db = t.database.db;
  await registerBuiltinTemplates(db);
  await importDivisions(t.database, ctx, ['4111']);
  Object.assign(ids, { luohe: await id('4111'), yuanhui: await id('411102'), yancheng: await id('411103') });
  const people: Record<string, string[]> = { 组织部: ['辛光辉', '刘畅'], 学校部: ['封亚村'], 宣传部: ['王蕾'] };
  for (const [name, members] of Object.entries(people)) {
    dept[name] = await createDepartment(db, ctx, SYSTEM_ACTOR, ids.luohe!, name);
    for (const p of members) cadre[p] = await createCadre(db, ctx, SYSTEM_ACTOR, ids.luohe!, { name: p, position: `${name}干部`, departmentId: dept[name] });
  }
  await seedUser(t.database, 'lh_city', 'manager', ids.luohe!);
  await seedUser(t.database, 'lh_reporter', 'reporter', ids.luohe!);
  await seedUser(t.database, 'yh_reporter', 'reporter', ids.yuanhui!);
  await seedUser(t.database, 'yh_manager', 'manager', ids.yuanhui!);
  await signIn();
  const templateId = (await t.database.query<{ id: number }>("SELECT id FROM program_templates WHERE key = 's2-luohe-vital'"))[0]!.id;
  programId = (await city.post('/api/programs', { templateId, issuerOrgId: ids.luohe, scopeOrgId: ids.luohe, year: 2020 })).json().id;
  for (const name of Object.keys(people)) await city.post(`/api/programs/${programId}/holders`, { roleKey: 'city_department', holder: { type: 'department', id: dept[name] } });
  for (const c of [ids.yuanhui!, ids.yancheng!]) await city.post(`/api/programs/${programId}/holders`, { roleKey: 'county_committee', holder: { type: 'org', id: c } });

  const visit = (department: string, people: string[], occurredOn: string, fields: Record<string, unknown>, extra: Record<string, unknown> = {}) => record({
    kind: 'grassroots_visit', orgId: ids.luohe, occurredOn, departmentId: dept[department], cadreIds: people.map((p) => cadre[p]), days: 1, fields, ...extra,
  });
  // 组织部's visit week of June: two visits, each its own sheet; a draft and a July visit do not count for June.
  rec.a = await visit('组织部', ['辛光辉', '刘畅'], '2020-06-02', VISIT_A);
  rec.b = await visit('组织部', ['刘畅'], '2020-06-05', VISIT_B);
  await visit('组织部', ['刘畅'], '2020-06-06', { ...VISIT_B, org_work: '草稿' }, { status: 'draft' });
  rec.july = await visit('组织部', ['辛光辉'], '2020-07-02', { ...VISIT_A, visited_org: '问十乡团委' });
  rec.school = await visit('学校部', ['封亚村'], '2020-06-04', { ...VISIT_A, name: '封亚村', position: '团市委学校部部长', leader: '封亚村', visited_org: '漯河市第一中学团委' });
  // 源汇区's own cadres visit as the county committee: the county's sheet, not the city's.
  rec.county = await record({ kind: 'grassroots_visit', orgId: ids.yuanhui, occurredOn: '2020-06-03', days: 1, fields: VISIT_COUNTY }, county);
  // S2.6 the quarter's observation exchange in its last month, by field.
  rec.observation = await record({ kind: 'observation', orgId: ids.luohe, departmentId: dept['组织部'], occurredOn: '2020-06-18', peopleReached: 12, fields: OBSERVATION });
  rec.schoolObservation = await record({ kind: 'observation', orgId: ids.luohe, departmentId: dept['学校部'], occurredOn: '2020-06-20', fields: { ...OBSERVATION, organizing_department: '团市委学校部', field: '中学', highlights: null } });
}, 120_000);

describe('S2.4 团干部走基层情况报告单 (Attachment 1): one row per visit', () => {
  it('S2.4 S2.6 X.3 the three forms with their periods and due dates: the 28th, the 10th of the next month, the 28th of the quarter’s last month', async () => {
    const list = (await city.get(forms())).json().items as Array<{ id: string; periods: Array<{ key: string; due: string; locksAfter: string }> }>;
    expect(list.map((f) => f.id)).toEqual(['s2.4-visit-sheets', 's2.4-visit-sheets-county', 's2.6-observation-sheets']);
    const dues = (i: number) => list[i]!.periods.map((p) => [p.key, p.due]);
    expect(dues(0)).toHaveLength(12);
    expect(dues(0).slice(0, 2)).toEqual([['2020-01', '2020-01-28'], ['2020-02', '2020-02-28']]);
    expect(list[0]!.periods[5]).toMatchObject({ key: '2020-06', due: '2020-06-28', locksAfter: '2020-07-08' });
    expect(dues(1).slice(4, 6)).toEqual([['2020-05', '2020-06-10'], ['2020-06', '2020-07-10']]);
    expect(dues(1).at(-1)).toEqual(['2020-12', '2021-01-10']);
    expect(dues(2)).toEqual([['2020-Q1', '2020-03-28'], ['2020-Q2', '2020-06-28'], ['2020-Q3', '2020-09-28'], ['2020-Q4', '2020-12-28']]);
  });

  it('S2.4 X.2 组织部’s June: each visit a row with every field of its record, the numbers totalled, nothing to type', async () => {
    const res = await cityReporter.get(sheets('组织部'));
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({ status: 'draft', timeliness: 'pending', period: { key: '2020-06', due: '2020-06-28' }, reporter: { name: '共青团漯河市委员会·组织部', param: `department-${dept['组织部']}` } });
    expect(r.form.columns.map((c: { source: string }) => c.source)).toEqual(Array(10).fill('computed'));
    expect(table(r)).toEqual({
      '2020-06-02': visitRow(VISIT_A),
      '2020-06-05': visitRow(VISIT_B),
      合计: { ...visitRow({}), cadres_met: 5, youths_met: 24 },
    });
    expect(r.rows.map((x: { key: string; kind: string }) => [x.key, x.kind])).toEqual([[`record:${rec.a}`, 'record'], [`record:${rec.b}`, 'record'], ['total', 'total']]);
    expect(r.rows.flatMap((x: { cells: Array<{ editable: boolean }> }) => x.cells).some((c: { editable: boolean }) => c.editable)).toBe(false);
    const typed = await cityReporter.patch(sheets('组织部'), { version: 0, cells: { [`record:${rec.a}/problems`]: '改写' } });
    expect(typed.json().fields[0]).toEqual({ path: `body.cells.record:${rec.a}/problems`, message: '该单元格由记录计算，不能填写' });
  });

  it('S2.4 each department sheets only its own visits; a county’s visits are its own form', async () => {
    expect(table((await city.get(sheets('学校部'))).json())).toEqual({
      '2020-06-04': visitRow({ ...VISIT_A, name: '封亚村', position: '团市委学校部部长', visited_org: '漯河市第一中学团委' }),
      合计: { ...visitRow({}), cadres_met: 3, youths_met: 9 },
    });
    expect(table((await city.get(sheets('宣传部'))).json())).toEqual({ 合计: visitRow({}) });
    expect(table((await city.get(sheets('组织部', '2020-07'))).json())['2020-07-02']).toMatchObject({ visited_org: '问十乡团委' });
    const own = (await county.get(countySheets())).json();
    expect(own).toMatchObject({ period: { due: '2020-07-10' }, reporter: { name: '共青团源汇区委员会' }, form: { stampLabel: '县区团委（盖章）' } });
    expect(table(own)).toEqual({ '2020-06-03': visitRow(VISIT_COUNTY), 合计: { ...visitRow({}), cadres_met: 4, youths_met: 20 } });
    expect(table((await city.get(countySheets('2020-06', ids.yancheng))).json())).toEqual({ 合计: visitRow({}) });
    expect((await county.get(sheets('组织部'))).statusCode).toBe(404); // a county does not read the city's departments
    expect((await county.get(countySheets('2020-06', ids.yancheng))).statusCode).toBe(404);
  });

  it('X.2 a cell opens the visit behind it, with every field as typed', async () => {
    const detail = (await city.get(`${sheets('组织部')}/cell?row=record:${rec.a}&column=help_and_effect`)).json();
    expect(detail).toMatchObject({ rowLabel: '2020-06-02', columnLabel: '帮扶措施及成效', source: 'computed', value: VISIT_A.help_and_effect, counts: 'reported' });
    expect(detail.records).toHaveLength(1);
    expect(detail.records[0]).toMatchObject({ id: rec.a, kindName: '团干部走基层', orgName: '共青团漯河市委员会', occurredOn: '2020-06-02', fields: VISIT_A });
    const total = (await city.get(`${sheets('组织部')}/cell?row=total&column=youths_met`)).json();
    expect(total).toMatchObject({ rowLabel: '合计', value: 24 });
  });
});

describe('S2.4 S2.6 X.3 handed in by the 28th, the 10th, the quarter’s 28th: on time, late, overdue', () => {
  it('S2.4 S2.6 组织部 hands in June’s visit sheets and Q2’s observation sheets on 27 June: on time', async () => {
    await day('2020-06-27');
    const june = await cityReporter.post(`${sheets('组织部')}/submit`, { version: 0 });
    expect(june.json()).toMatchObject({ status: 'submitted', timeliness: 'on_time', firstSubmittedAt: '2020-06-27T02:00:00.000Z' });
    const q2 = await cityReporter.post(`${observations('组织部')}/submit`, { version: 0 });
    expect(q2.json()).toMatchObject({ status: 'submitted', timeliness: 'on_time' });
    expect((await cityReporter.post(`${sheets('组织部')}/approve`, { version: 1 })).statusCode).toBe(403);
    expect((await city.post(`${sheets('组织部')}/approve`, { version: 1 })).json()).toMatchObject({ status: 'approved' });
  });

  it('X.3 on 29 June 学校部 and 宣传部 are overdue for June; rates count the three departments', async () => {
    await day('2020-06-29');
    const s = (await city.get(`${forms()}/s2.4-visit-sheets/periods/2020-06`)).json();
    expect(s.reporters.map((x: { name: string; timeliness: string }) => [x.name, x.timeliness])).toEqual([
      ['共青团漯河市委员会·组织部', 'on_time'], ['共青团漯河市委员会·学校部', 'overdue'], ['共青团漯河市委员会·宣传部', 'overdue'],
    ]);
    expect(s.rate).toEqual({ expected: 3, actual: 1, onTime: 1, overdue: 2, completeness: 1 / 3, onTimeRate: 1 / 3 });
    const overdue = (await city.get(`${forms()}/overdue`)).json().items as Array<{ formId: string; periodKey: string; due: string; daysOverdue: number; reporter: { name: string } }>;
    const june = overdue.filter((x) => x.periodKey === '2020-06' || x.periodKey === '2020-Q2').map((x) => [x.formId, x.reporter.name, x.due, x.daysOverdue].join(' '));
    expect(june.sort()).toEqual([
      's2.4-visit-sheets 共青团漯河市委员会·学校部 2020-06-28 1',
      's2.4-visit-sheets 共青团漯河市委员会·宣传部 2020-06-28 1',
      's2.6-observation-sheets 共青团漯河市委员会·学校部 2020-06-28 1',
      's2.6-observation-sheets 共青团漯河市委员会·宣传部 2020-06-28 1',
    ]);
  });

  it('S2.4 学校部’s sheets arrive on 2 July: late; entry closes after 8 July for 宣传部', async () => {
    await day('2020-07-02');
    expect((await cityReporter.post(`${sheets('学校部')}/submit`, { version: 0 })).json()).toMatchObject({ status: 'submitted', timeliness: 'late' });
    await day('2020-07-09');
    const closed = await cityReporter.post(`${sheets('宣传部')}/submit`, { version: 0 });
    expect(closed.statusCode).toBe(400);
    expect(closed.json().message).toContain('2020-07-08');
    expect((await city.get(sheets('宣传部'))).json()).toMatchObject({ timeliness: 'overdue', entryOpen: false });
  });

  it('S2.4 源汇区 sends June’s sheets on 9 July, by the 10th: on time; only the city approves; 郾城区 is overdue on the 11th', async () => {
    const sent = await county.post(`${countySheets()}/submit`, { version: 0 });
    expect(sent.json()).toMatchObject({ status: 'submitted', timeliness: 'on_time' });
    const own = await countyManager.post(`${countySheets()}/approve`, { version: 1 });
    expect(own.statusCode).toBe(403);
    expect(own.json().message).toContain('共青团漯河市委员会');
    expect((await city.post(`${countySheets()}/approve`, { version: 1 })).json()).toMatchObject({ status: 'approved', timeliness: 'on_time' });
    await day('2020-07-11');
    const s = (await city.get(`${forms()}/s2.4-visit-sheets-county/periods/2020-06`)).json();
    expect(s.reporters.map((x: { name: string; timeliness: string }) => [x.name, x.timeliness])).toEqual([['共青团源汇区委员会', 'on_time'], ['共青团郾城区委员会', 'overdue']]);
    expect(s.rate).toMatchObject({ expected: 2, actual: 1, onTime: 1, overdue: 1 });
    const overdue = (await city.get(`${forms()}/overdue`)).json().items as Array<{ formId: string; periodKey: string; daysOverdue: number; reporter: { name: string } }>;
    expect(overdue.filter((x) => x.formId === 's2.4-visit-sheets-county' && x.periodKey === '2020-06').map((x) => [x.reporter.name, x.daysOverdue])).toEqual([['共青团郾城区委员会', 1]]);
  });
});

describe('S2.6 共青团工作观摩情况报告单 (Attachment 2): one row per observation of the quarter', () => {
  it('S2.6 X.2 组织部’s second quarter: the observation’s fields, no total row, nothing typed', async () => {
    const r = (await city.get(observations('组织部'))).json();
    expect(r).toMatchObject({ period: { key: '2020-Q2', due: '2020-06-28' }, status: 'submitted', timeliness: 'on_time' });
    const { field: _field, ...shown } = OBSERVATION; // the field of work is the record's, not a column of the sheet
    expect(table(r)).toEqual({ '2020-06-18': shown });
    expect(r.rows[0].cells.map((c: { recordIds: number[] }) => c.recordIds)).toEqual(Array(6).fill([rec.observation]));
    expect(table((await city.get(observations('学校部'))).json())).toEqual({ '2020-06-20': { ...shown, organizing_department: '团市委学校部', highlights: null } });
    expect(table((await city.get(observations('组织部', '2020-Q3'))).json())).toEqual({});
  });
});

describe('xlsx: the month’s sheets as one table', () => {
  async function sheet(url: string) {
    const res = await city.get(url);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    return wb.worksheets[0]!;
  }
  const text = (ws: ExcelJS.Worksheet, ref: string) => String(ws.getCell(ref).value ?? '');
  const row = (ws: ExcelJS.Worksheet, r: number, n: number) => Array.from({ length: n }, (_, i) => ws.getRow(r).getCell(i + 1).value);

  it('S2.4 Attachment 1 summary: title, stamp and date line, 走访人数 merged over its two columns, a row per visit and the total', async () => {
    const ws = await sheet(`${sheets('组织部')}/xlsx`);
    expect(text(ws, 'A1')).toBe('附件1');
    expect(text(ws, 'A2')).toBe('团干部走基层情况报告单汇总表（2020年6月）');
    expect(text(ws, 'A3')).toBe('填报单位（盖章）：共青团漯河市委员会·组织部');
    expect(text(ws, 'G3')).toBe('填表时间：2020年6月27日');
    expect(row(ws, 4, 11).map(String)).toEqual(['走访日期', '姓名', '单位职务', '走访团组织名称', '走访形式', '走访人数', '走访人数', '基层团组织工作开展情况', '基层团组织工作亮点', '基层团组织工作存在问题', '帮扶措施及成效']);
    expect(row(ws, 5, 11).slice(5, 7)).toEqual(['团干部', '团员青年']);
    expect(ws.model.merges).toEqual(expect.arrayContaining(['A1:K1', 'A2:K2', 'A3:F3', 'G3:K3', 'A4:A5', 'B4:B5', 'F4:G4', 'H4:H5', 'K4:K5']));
    expect(row(ws, 6, 11)).toEqual(['2020-06-02', ...FIELDS.map((k) => VISIT_A[k])]);
    expect(row(ws, 7, 11)).toEqual(['2020-06-05', ...FIELDS.map((k) => (VISIT_B as Record<string, unknown>)[k] ?? null)]);
    expect(row(ws, 8, 11)).toEqual(['合计', null, null, null, null, 5, 24, null, null, null, null]);
  });

  it('S2.6 Attachment 2 summary: one header row, the observation’s row', async () => {
    const ws = await sheet(`${observations('组织部')}/xlsx`);
    expect([text(ws, 'A1'), text(ws, 'A2'), text(ws, 'A3'), text(ws, 'E3')]).toEqual(['附件2', '共青团工作观摩情况报告单汇总表（2020年第2季度）', '填报单位（盖章）：共青团漯河市委员会·组织部', '填表时间：2020年6月27日']);
    expect(row(ws, 4, 7)).toEqual(['观摩日期', '组织观摩部室', '参加观摩人员', '观摩点及观摩内容', '观摩点亮点工作', '观摩点存在问题', '整改措施']);
    expect(row(ws, 5, 7)).toEqual(['2020-06-18', OBSERVATION.organizing_department, OBSERVATION.participants, OBSERVATION.sites_and_content, OBSERVATION.highlights, OBSERVATION.problems, OBSERVATION.corrective_measures]);
    expect(ws.model.merges).toEqual(expect.arrayContaining(['A1:G1', 'A2:G2', 'A3:D3', 'E3:G3']));
  });
});

describe('docx: one official sheet per record (GB/T 9704)', () => {
  const textOf = (fragment: string) => [...fragment.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
  async function docx(url: string, as: Client = city) {
    const res = await as.get(url);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const xml = await (await JSZip.loadAsync(res.rawPayload)).file('word/document.xml')!.async('string');
    const body = xml.replace(/<w:tbl>.*?<\/w:tbl>/gs, '');
    return {
      xml,
      res,
      paragraphs: [...body.matchAll(/<w:p>.*?<\/w:p>|<w:p [^>]*>.*?<\/w:p>/gs)].map((m) => m[0]),
      tables: [...xml.matchAll(/<w:tbl>.*?<\/w:tbl>/gs)].map((tb) => [...tb[0].matchAll(/<w:tr>.*?<\/w:tr>|<w:tr [^>]*>.*?<\/w:tr>/gs)]
        .map((tr) => [...tr[0].matchAll(/<w:tc>.*?<\/w:tc>/gs)].map((tc) => textOf(tc[0])))),
    };
  }
  const sheetRows = (f: Record<string, unknown>, date: string) => [
    ['走访日期', date], ['姓名', f.name], ['单位职务', f.position], ['走访团组织名称', f.visited_org], ['走访形式', f.form],
    ['走访人数（团干部）', String(f.cadres_met)], ['走访人数（团员青年）', String(f.youths_met)], ['基层团组织工作开展情况', f.org_work],
    ['基层团组织工作亮点', f.highlights ?? ''], ['基层团组织工作存在问题', f.problems ?? ''], ['帮扶措施及成效', f.help_and_effect ?? ''],
  ];

  it('S2.4 Attachment 1: A4 with the official margins, one sheet per visit on its own page, title, stamp and date, label and value of every field', async () => {
    const d = await docx(`${sheets('组织部')}/docx`);
    expect(d.res.headers['content-disposition']).toContain(encodeURIComponent('团干部走基层情况报告单-共青团漯河市委员会·组织部-2020-06.docx'));
    expect(d.xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(d.xml).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    expect(d.tables).toEqual([sheetRows(VISIT_A, '2020年6月2日'), sheetRows(VISIT_B, '2020年6月5日')]);
    const titles = d.paragraphs.filter((p) => textOf(p) === '团干部走基层情况报告单');
    expect(titles).toHaveLength(2);
    expect(titles[0]).toContain('w:eastAsia="方正小标宋简体"');
    expect(titles[0]).toContain('<w:sz w:val="44"/>'); // 二号
    const attachments = d.paragraphs.filter((p) => textOf(p) === '附件1');
    expect(attachments).toHaveLength(2);
    expect(attachments[0]).toContain('w:eastAsia="黑体"');
    expect(attachments[0]).not.toContain('<w:pageBreakBefore/>');
    expect(attachments[1]).toContain('<w:pageBreakBefore/>'); // the second visit starts a new page
    const dated = d.paragraphs.filter((p) => textOf(p) === '填表时间：2020年6月27日');
    expect(dated).toHaveLength(2);
    expect(dated[0]).toContain('w:eastAsia="仿宋_GB2312"');
    expect(dated[0]).toContain('<w:sz w:val="32"/>'); // 三号
    expect(d.paragraphs.filter((p) => textOf(p) === '填报单位（盖章）：共青团漯河市委员会·组织部')).toHaveLength(2);
  });

  it('S2.4 the county’s sheet carries its stamp; S2.6 Attachment 2 the observation’s fields', async () => {
    const c = await docx(`${countySheets()}/docx`, county);
    expect(c.tables).toEqual([sheetRows(VISIT_COUNTY, '2020年6月3日')]);
    expect(c.paragraphs.map(textOf)).toEqual(expect.arrayContaining(['附件1', '团干部走基层情况报告单', '县区团委（盖章）：共青团源汇区委员会', '填表时间：2020年7月9日']));
    const o = await docx(`${observations('组织部')}/docx`);
    expect(o.paragraphs.map(textOf)).toEqual(expect.arrayContaining(['附件2', '共青团工作观摩情况报告单']));
    expect(o.tables).toEqual([[
      ['观摩日期', '2020年6月18日'], ['组织观摩部室', OBSERVATION.organizing_department], ['参加观摩人员', OBSERVATION.participants],
      ['观摩点及观摩内容', OBSERVATION.sites_and_content], ['观摩点亮点工作', OBSERVATION.highlights], ['观摩点存在问题', OBSERVATION.problems],
      ['整改措施', OBSERVATION.corrective_measures],
    ]]);
  });

  it('S2.4 a month without visits has no sheet to print: 400 in Chinese; out of scope 404', async () => {
    const none = await city.get(`${sheets('宣传部')}/docx`);
    expect(none.statusCode).toBe(400);
    expect(none.json().message).toBe('共青团漯河市委员会·宣传部本期没有团干部走基层情况报告单可导出');
    expect((await county.get(`${sheets('组织部')}/docx`)).statusCode).toBe(404);
  });
});

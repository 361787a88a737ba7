import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../src/demo/demo-data';
import { registerBuiltinTemplates } from '../src/features/templates/builtin';
import { PASSWORD, bareTestApp, loginAs, seedUser, testClock, type Client } from './helpers';

/**
 * X.4, S1.11, S2.7, S3.9: the assessments of the demo programs, recomputed here from the programs' own
 * compliance, deliverable and form-status answers and from raw SQL over the records — never from the
 * assessment code — and compared point for point, total for total, rank for rank.
 */
let t: Awaited<ReturnType<typeof bareTestApp>>;
let root: Client;
let province: Client; // gd_manager: issuer of the S3 program
let reporter: Client; // mx_reporter: a county reporter, may read but not adjust
const programs: Record<string, number> = {};

type Cell = { state: string; recordIds: number[] };
type Row = { subjectKey: string; cells: Cell[] };
type Scores = { assessment: { components: Array<{ id: string; weight: number }>; fullMark: number }; rows: Array<{ subjectKey: string; name: string; rank: number | null; base: number | null; adjustment: number; total: number | null; components: Array<{ id: string; points: number | null; ratio: number | null; recordIds: number[] }> }> };

beforeAll(async () => {
  t = await bareTestApp({ clock: testClock(new Date()) });
  // as `npm start` does: the built-in templates, then the demo
  await registerBuiltinTemplates(t.database.db);
  expect(await loadDemo(t.database, PASSWORD)).not.toBe(false);
  const rootOrg = (await t.database.query<{ id: number }>('SELECT id FROM orgs WHERE parent_id IS NULL ORDER BY id LIMIT 1'))[0]!.id;
  await seedUser(t.database, 'x4_root', 'administrator', rootOrg);
  root = await loginAs(t.app, 'x4_root');
  province = await loginAs(t.app, 'gd_manager');
  reporter = await loginAs(t.app, 'mx_reporter');
  for (const p of (await root.get('/api/programs')).json().items as Array<{ id: number; templateKey: string }>) programs[p.templateKey] = p.id;
}, 180_000);

const round2 = (n: number) => Math.round(n * 100) / 100;
const template = async (key: string) => (await root.get(`/api/templates`)).json().items.find((x: { key: string }) => x.key === key);

/** The ratio of one component for every subject, worked out from the program's other answers and the records. */
async function expectedRatios(programId: number, verifiedOnly: boolean, c: { id: string; measure: Record<string, unknown> }): Promise<Map<string, { ratio: number | null; recordIds: number[] }>> {
  const out = new Map<string, { ratio: number | null; recordIds: number[] }>();
  const m = c.measure as { kind: string; obligations?: string[]; deliverables?: string[]; forms?: string[]; recordKinds?: string[]; field?: string; scaleMax?: number; full?: number; partlyCredit?: number; lateCredit?: number };
  const tallyInto = (rows: Row[], full: string[], part: string[], open: string[], credit: number) => {
    const by = new Map<string, Cell[]>();
    for (const r of rows) by.set(r.subjectKey, [...(by.get(r.subjectKey) ?? []), ...r.cells]);
    for (const [k, cells] of by) {
      const judged = cells.filter((x) => !open.includes(x.state));
      const got = judged.filter((x) => full.includes(x.state)).length + judged.filter((x) => part.includes(x.state)).length * credit;
      out.set(k, { ratio: judged.length ? got / judged.length : null, recordIds: [...new Set(judged.flatMap((x) => x.recordIds.map(Number)))] });
    }
  };
  if (m.kind === 'compliance') {
    const rows: Row[] = [];
    for (const o of m.obligations!) rows.push(...(await root.get(`/api/programs/${programId}/compliance?obligation=${o}`)).json().rows);
    tallyInto(rows, ['met'], ['partly'], ['upcoming', 'not_applicable'], m.partlyCredit ?? 0.5);
  } else if (m.kind === 'deliverables') {
    const items = (await root.get(`/api/programs/${programId}/deliverables`)).json().items as Array<{ deliverable: { id: string }; rows: Row[] }>;
    tallyInto(items.filter((i) => m.deliverables!.includes(i.deliverable.id)).flatMap((i) => i.rows), ['met'], ['late'], ['upcoming', 'due_soon'], m.lateCredit ?? 0.5);
  } else if (m.kind === 'form_timeliness') {
    const forms = (await root.get(`/api/programs/${programId}/forms`)).json().items as Array<{ id: string; periods: Array<{ key: string; due: string }> }>;
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const rows: Row[] = [];
    for (const f of forms.filter((x) => m.forms!.includes(x.id))) {
      for (const p of f.periods.filter((x) => x.due <= today)) {
        const status = (await root.get(`/api/programs/${programId}/forms/${f.id}/periods/${p.key}`)).json();
        for (const r of status.reporters as Array<{ key: string; timeliness: string }>) rows.push({ subjectKey: r.key, cells: [{ state: r.timeliness, recordIds: [] }] });
      }
    }
    tallyInto(rows, ['on_time'], ['late'], ['pending'], m.lateCredit ?? 0.5);
  } else {
    const recs = await t.database.query<{ id: number; org_id: number; department_id: number | null; cadre_ids: number[]; fields: Record<string, unknown> }>(
      `SELECT id, org_id, department_id, cadre_ids, fields FROM records WHERE program_id = $1 AND kind = ANY($2) AND status = ANY($3) AND occurred_on <= (now() AT TIME ZONE 'Asia/Shanghai')::date ORDER BY id`,
      [programId, m.recordKinds, verifiedOnly ? ['verified'] : ['submitted', 'verified']]);
    const by = new Map<string, typeof recs>();
    for (const r of recs) for (const k of [`org:${r.org_id}`, ...(r.department_id ? [`department:${r.department_id}`] : []), ...r.cadre_ids.map((x) => `cadre:${x}`)]) by.set(k, [...(by.get(k) ?? []), r]);
    for (const [k, list] of by) {
      if (m.kind === 'count') out.set(k, { ratio: Math.min(1, list.length / m.full!), recordIds: list.map((r) => r.id) });
      if (m.kind === 'average') {
        const rated = list.filter((r) => typeof r.fields[m.field!] === 'number');
        out.set(k, { ratio: rated.length ? rated.reduce((s, r) => s + Math.min(m.scaleMax!, r.fields[m.field!] as number), 0) / rated.length / m.scaleMax! : null, recordIds: rated.map((r) => r.id) });
      }
    }
  }
  return out;
}

async function checkAssessment(templateKey: string, assessmentId: string) {
  const programId = programs[templateKey]!;
  const def = (await root.get(`/api/templates/${(await template(templateKey)).id}`)).json().definition;
  const scheme = def.assessments.find((a: { id: string }) => a.id === assessmentId);
  const res = await root.get(`/api/programs/${programId}/assessments/${assessmentId}`);
  expect(res.statusCode, res.body).toBe(200);
  const got = res.json() as Scores;
  expect(got.rows.length, `${assessmentId} has subjects`).toBeGreaterThan(0);
  const fullMark = scheme.components.reduce((s: number, c: { weight: number }) => s + c.weight, 0);
  const byComponent = new Map<string, Awaited<ReturnType<typeof expectedRatios>>>();
  for (const c of scheme.components) byComponent.set(c.id, await expectedRatios(programId, Boolean(def.verifiedOnly), c));
  for (const row of got.rows) {
    let points = 0;
    let weights = 0;
    for (const c of scheme.components) {
      const want = byComponent.get(c.id)!.get(row.subjectKey) ?? { ratio: c.measure.kind === 'count' ? 0 : null, recordIds: [] };
      const mine = row.components.find((x) => x.id === c.id)!;
      expect(mine.ratio === null ? null : round2(mine.ratio), `${row.name} ${c.id}`).toBe(want.ratio === null ? null : round2(Math.min(1, want.ratio)));
      expect([...mine.recordIds].sort((a, b) => a - b), `${row.name} ${c.id} records`).toEqual([...new Set(want.recordIds)].sort((a, b) => a - b));
      if (want.ratio !== null) { points += round2(Math.min(1, want.ratio) * c.weight); weights += c.weight; }
    }
    const base = weights ? round2((points * fullMark) / weights) : null;
    expect(row.base, `${row.name} base`).toBe(base);
    expect(row.total, `${row.name} total`).toBe(base === null ? null : round2(base + row.adjustment));
  }
  const totals = got.rows.map((r) => r.total).filter((x): x is number => x !== null);
  for (const r of got.rows.filter((x) => x.total !== null)) expect(r.rank, r.name).toBe(1 + totals.filter((x) => x > r.total!).length);
  return got;
}

describe('annual assessment of the demo programs, recomputed independently', () => {
  it('S3.9 departments: stationing days, monthly form, reports, spot-checked members’ ratings and typical cases', async () => {
    const got = await checkAssessment('s3-guangdong-stationing', 's3.9-departments');
    expect(got.rows.map((r) => r.name)).toEqual(expect.arrayContaining(['组织部', '宣传部', '基层组织建设部'].map((n) => expect.stringContaining(n))));
    // the demo gives each department a different number of typical cases, so the count component tells them apart
    expect(new Set(got.rows.map((r) => r.components.find((c) => c.id === 'typical_cases')!.points)).size).toBeGreaterThan(1);
  });

  it('S3.9 cadres: days in the year and the league lecture', async () => {
    await checkAssessment('s3-guangdong-stationing', 's3.9-cadres');
  });

  it('S1.11 helper units, S2.7 county committees and X.4 梅州 county committees', async () => {
    await checkAssessment('s1-huaihua-assistance', 's1.11-helpers');
    await checkAssessment('s2-luohe-vital', 's2.7-county-committees');
    await checkAssessment('s0-meizhou-pairing', 'x4-county-committees');
  });

  it('X.4 the issuer adjusts with a reason within the limit, audited; a reporter cannot; a withdrawal restores the score', async () => {
    const programId = programs['s3-guangdong-stationing']!;
    const url = `/api/programs/${programId}/assessments/s3.9-departments`;
    const before = (await province.get(url)).json() as Scores;
    const subject = before.rows[0]!;
    const noReason = await province.post(`${url}/adjustments`, { subjectKey: subject.subjectKey, points: 2, reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().fields[0]).toMatchObject({ path: 'body.reason', message: '请写明调整理由' });
    const tooMuch = await province.post(`${url}/adjustments`, { subjectKey: subject.subjectKey, points: 11, reason: '超出上限' });
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json().message).toContain('超出本考核允许的 ±10 分');
    expect((await reporter.post(`${url}/adjustments`, { subjectKey: subject.subjectKey, points: 2, reason: '越权' })).statusCode).toBeGreaterThanOrEqual(403);

    const after = await province.post(`${url}/adjustments`, { subjectKey: subject.subjectKey, points: -3.5, reason: '抽查发现一条驻点记录无法核实' });
    expect(after.statusCode).toBe(200);
    const row = (after.json() as Scores).rows.find((r) => r.subjectKey === subject.subjectKey)!;
    expect(row).toMatchObject({ adjustment: -3.5, total: round2(subject.base! - 3.5) });
    const adj = (after.json().rows as Array<{ subjectKey: string; adjustments: Array<{ id: number; reason: string }> }>).find((r) => r.subjectKey === subject.subjectKey)!.adjustments[0]!;
    expect(adj.reason).toBe('抽查发现一条驻点记录无法核实');
    const audited = await t.database.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'assessment.adjust' AND object_id = $1", [String(adj.id)]);
    expect(audited[0]!.n).toBe(1);

    const withdrawn = await province.post(`${url}/adjustments/${adj.id}/withdraw`, { reason: '复核后记录属实' });
    expect((withdrawn.json() as Scores).rows.find((r) => r.subjectKey === subject.subjectKey)).toMatchObject({ adjustment: 0, total: subject.total });
  });

  it('X.4 the ranking exports as a sheet with a column per component', async () => {
    const programId = programs['s3-guangdong-stationing']!;
    const res = await root.get(`/api/programs/${programId}/assessments/s3.9-departments/xlsx`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toEqual([undefined, '排名', '考核对象', '每月驻点天数（30分）', '月度推动情况表（15分）', '项目报告和授课材料（15分）', '抽查中的团员评价（20分）', '典型经验推广（20分）', '基础分', '调整', '调整理由', '总分']);
    const scores = (await root.get(`/api/programs/${programId}/assessments/s3.9-departments`)).json() as Scores;
    expect(ws.getRow(2).getCell(2).value).toBe(scores.rows[0]!.name);
    expect(ws.getRow(2).getCell(11).value).toBe(scores.rows[0]!.total);
  });
});

describe('dashboards per scope on the demo programs', () => {
  type Dash = { under: { id: number; name: string }; figures: { missed: number; partly: number; closedCells: number; metShare: number | null; records: number }; months: string[];
    heatmap: Array<{ orgId: number; name: string; cells: Array<{ month: string; met: number; partly: number; missed: number }> }>; lagging: Array<{ name: string }>; recent: Array<{ id: number }> };
  let county: Client;
  let city: Client;
  beforeAll(async () => {
    const mx = (await t.database.query<{ id: number }>("SELECT id FROM orgs WHERE code = '441403'"))[0]!.id;
    await seedUser(t.database, 'x4_mx_manager', 'manager', mx);
    county = await loginAs(t.app, 'x4_mx_manager');
    city = await loginAs(t.app, 'mz_manager');
  });

  it('X.4 a county sees its townships month by month, and the figures add up to the compliance matrices', async () => {
    const programId = programs['s0-meizhou-pairing']!;
    const dash = (await county.get(`/api/programs/${programId}/dashboard`)).json() as Dash;
    expect(dash.under.name).toContain('梅县区');
    expect(dash.heatmap.length).toBeGreaterThan(0);
    const townships = await t.database.query<{ id: number }>("SELECT id FROM orgs WHERE parent_id = $1", [dash.under.id]);
    for (const row of dash.heatmap) expect([dash.under.id, ...townships.map((x) => x.id)]).toContain(row.orgId);
    expect(dash.heatmap.find((h) => h.orgId === dash.under.id)?.name).toMatch(/梅县区.*（本级）$/);
    // recount from the matrices of every obligation, as the same county manager sees them
    const def = (await root.get(`/api/templates/${(await template('s0-meizhou-pairing')).id}`)).json().definition;
    let missed = 0;
    let partly = 0;
    for (const o of def.obligations as Array<{ id: string }>) {
      for (const row of (await county.get(`/api/programs/${programId}/compliance?obligation=${o.id}`)).json().rows as Row[]) {
        missed += row.cells.filter((c) => c.state === 'missed').length;
        partly += row.cells.filter((c) => c.state === 'partly').length;
      }
    }
    expect(dash.figures).toMatchObject({ missed, partly });
    expect(dash.heatmap.flatMap((h) => h.cells).reduce((s, c) => s + c.missed, 0)).toBe(missed);
  });

  it('X.2 a red cell opens the obligation periods missed there: the records that are missing', async () => {
    const programId = programs['s0-meizhou-pairing']!;
    const dash = (await county.get(`/api/programs/${programId}/dashboard`)).json() as Dash;
    const red = dash.heatmap.flatMap((h) => h.cells.map((c) => ({ ...c, orgId: h.orgId }))).find((c) => c.missed > 0);
    expect(red, 'the demo has a missed period somewhere in 梅县区').toBeDefined();
    const list = (await county.get(`/api/programs/${programId}/dashboard/missed?group=${red!.orgId}&month=${red!.month}`)).json().items as Array<{ state: string; done: number; required: number; closes: string }>;
    expect(list.filter((x) => x.state === 'missed').length).toBe(red!.missed);
    expect(list.length).toBe(red!.missed + red!.partly);
    for (const x of list) {
      expect(x.closes.slice(0, 7)).toBe(red!.month);
      expect(x.done).toBeLessThan(x.required);
    }
  });

  it('X.4 a city sees its counties; a county cannot look at its sibling', async () => {
    const programId = programs['s0-meizhou-pairing']!;
    const dash = (await city.get(`/api/programs/${programId}/dashboard`)).json() as Dash;
    expect(dash.under.name).toContain('梅州');
    expect(dash.heatmap.map((h) => h.name).join()).toContain('梅县区');
    const xn = (await t.database.query<{ id: number }>("SELECT id FROM orgs WHERE code = '441481'"))[0]!.id;
    expect((await county.get(`/api/programs/${programId}/dashboard?under=${xn}`)).statusCode).toBe(404);
    expect((await county.get(`/api/programs/${programId}/dashboard?under=abc`)).json().fields[0].path).toBe('querystring.under');
  });
});

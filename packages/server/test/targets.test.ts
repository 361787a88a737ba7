import { addDays } from '@tuanjian/domain';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { importDivisions } from '../src/features/orgs/divisions.import';
import { dissolveOrg } from '../src/features/orgs/orgs.restructure';
import { createOrg } from '../src/features/orgs/orgs.service';
import { assignHolder } from '../src/features/programs/holders.service';
import { snapshotRunningPrograms } from '../src/features/targets/snapshot.job';
import { createProgram } from '../src/features/programs/programs.service';
import { registerBuiltinTemplates } from '../src/features/templates/builtin';
import { SYSTEM_ACTOR, systemContext } from '../src/system-actor';
import { loginAs, seedUser, testApp, testClock, type Client } from './helpers';

/**
 * S4 on the real 泉州 (3505) from GB/T 2260: 5,000 new direct orgs split across its towns and
 * townships by every method, then a scripted series of founded orgs that the daily snapshots, the
 * burn-up, the projection and the daily bulletin (read back from its docx) must reproduce.
 * The clock stands on 20 November 2012, when the seed's report counted the daily bulletins.
 */
let t: Awaited<ReturnType<typeof testApp>>;
let city: Client;
let viewer: Client;
let programId: number;
type Org = { id: number; name: string; code: string; parent_id: number };
let townships: Org[]; // the 133 towns and townships (镇, 乡)
const TARGET = 's4.1-direct-orgs';
const ctx = systemContext('test');
const byCode = (code: string) => townships.find((x) => x.code === code)!;

beforeAll(async () => {
  t = await testApp({ clock: testClock(new Date('2012-11-20T04:00:00Z')) });
  await importDivisions(t.database, ctx, ['3505']);
  await registerBuiltinTemplates(t.database.db);
  const templateId = (await t.database.query<{ id: number }>("SELECT id FROM program_templates WHERE key = 's4-quanzhou-big-committee'"))[0]!.id;
  programId = await createProgram(t.database.db, ctx, SYSTEM_ACTOR, { templateId, issuerOrgId: t.tree.qz, scopeOrgId: t.tree.qz, year: 2012 });
  await seedUser(t.database, 'qz_city', 'manager', t.tree.qz);
  await seedUser(t.database, 'qz_look', 'viewer', t.tree.qz);
  city = await loginAs(t.app, 'qz_city');
  viewer = await loginAs(t.app, 'qz_look');
  townships = await t.database.query<Org>(
    "SELECT id, name, code, parent_id FROM orgs WHERE code LIKE '3505%' AND level = 'township' AND kind = 'committee' AND (name LIKE '%镇团委' OR name LIKE '%乡团委') ORDER BY code");
}, 120_000);

describe('S4.1 target split on 泉州 3505', () => {
  it('S4.1 without named township committees, the role eligibility finds every township-level committee', async () => {
    const res = await city.get(`/api/programs/${programId}/targets/subordinates?target=${TARGET}`);
    expect(res.statusCode).toBe(200);
    // 133 towns and townships plus 12 development zones and 金门县, which GB/T 2260 also lists at township level
    expect(res.json().items).toHaveLength(145);
    const list = (await city.get(`/api/programs/${programId}/targets`)).json();
    expect(list.items[0]).toMatchObject({ key: TARGET, target: 5000, deadline: '2012-12-15', splittable: true, countsKind: 'direct_org', subjectName: '乡镇团委' });
  });

  it('S4.1 the city names its 133 towns and townships as township committees', async () => {
    expect(townships).toHaveLength(133);
    for (const x of townships) await assignHolder(t.database.db, ctx, SYSTEM_ACTOR, programId, { roleKey: 'township_committee', holder: { type: 'org', id: x.id } });
    const items = (await city.get(`/api/programs/${programId}/targets/subordinates?target=${TARGET}`)).json().items;
    expect(items.map((i: { orgId: number }) => i.orgId)).toEqual(townships.map((x) => x.id));
    expect(items.every((i: { villages: number }) => i.villages > 0)).toBe(true);
  }, 60_000);

  it('S4.1 equal split: 5,000 across 133 townships in parts of 38 and 37, audited', async () => {
    const res = await city.post(`/api/programs/${programId}/targets/split`, { target: TARGET, method: 'equal' });
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json();
    expect(view).toMatchObject({ whole: 5000, sum: 5000, split: { method: 'equal', version: 0, saved: true } });
    expect(view.parts).toHaveLength(133);
    expect(view.parts.filter((p: { amount: number }) => p.amount === 38)).toHaveLength(79);
    expect(view.parts.filter((p: { amount: number }) => p.amount === 37)).toHaveLength(54);
    // the extra units go to the smaller division codes
    expect(view.parts[0]).toMatchObject({ orgId: townships[0]!.id, amount: 38 });
    const audit = await t.database.query<{ action: string; after: { parts: unknown[]; total: number } }>("SELECT action, after FROM audit_log WHERE action = 'target.split'");
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after.parts).toHaveLength(133);
    expect(audit[0]!.after.total).toBe(5000);
  });

  it('S4.1 replacing a split needs its version: a stale one answers 409 and changes nothing', async () => {
    const res = await city.post(`/api/programs/${programId}/targets/split`, { target: TARGET, method: 'weight', basis: 'villages' });
    expect(res.statusCode).toBe(409);
    expect((await city.get(`/api/programs/${programId}/targets/parts?target=${TARGET}`)).json().split.method).toBe('equal');
  });

  it('S4.1 weighted by villages per township: proportional, largest remainder, sums to 5,000', async () => {
    const res = await city.post(`/api/programs/${programId}/targets/split`, { target: TARGET, method: 'weight', basis: 'villages', version: 0 });
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json();
    expect(view.sum).toBe(5000);
    expect(view.split).toMatchObject({ method: 'weight', basis: 'villages', version: 1 });
    const total = view.parts.reduce((s: number, p: { weight: number }) => s + p.weight, 0);
    const villages = await t.database.query<{ n: number }>("SELECT count(*)::int AS n FROM orgs WHERE level = 'village' AND code LIKE '3505%' AND (SELECT name FROM orgs t WHERE t.id = orgs.parent_id) ~ '(镇|乡)团委$'");
    expect(total).toBe(villages[0]!.n);
    for (const p of view.parts as { weight: number; amount: number }[]) {
      const quota = (5000 * p.weight) / total;
      expect(p.amount === Math.floor(quota) || p.amount === Math.ceil(quota)).toBe(true);
    }
    const most = [...view.parts].sort((a: { weight: number }, b: { weight: number }) => b.weight - a.weight)[0];
    const least = [...view.parts].sort((a: { weight: number }, b: { weight: number }) => a.weight - b.weight)[0];
    expect(most.amount).toBeGreaterThan(least.amount);
  });

  it('S4.4 key areas (county seats named as key townships) get a higher target', async () => {
    const seats = ['350524100', '350525100', '350526100'].map(byCode); // 凤城镇, 桃城镇, 浔中镇
    expect(seats.map((s) => s.name)).toEqual(['凤城镇团委', '桃城镇团委', '浔中镇团委']);
    for (const s of seats) await assignHolder(t.database.db, ctx, SYSTEM_ACTOR, programId, { roleKey: 'key_township', holder: { type: 'org', id: s.id } });
    const res = await city.post(`/api/programs/${programId}/targets/split`, { target: TARGET, method: 'key_area', basis: 'equal', keyMultiplier: 2, version: 1 });
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json();
    expect(view.sum).toBe(5000);
    const keyParts = view.parts.filter((p: { keyArea: boolean }) => p.keyArea);
    expect(keyParts.map((p: { orgId: number }) => p.orgId).sort()).toEqual(seats.map((s) => s.id).sort());
    // 5,000 over 130 + 3 × 2 shares: 36.76 a share
    for (const p of view.parts as { keyArea: boolean; amount: number }[]) expect([36, 37, 73, 74]).toContain(p.amount);
    expect(Math.min(...keyParts.map((p: { amount: number }) => p.amount))).toBeGreaterThan(2 * 36 - 1);
    // and on the village weights, the key seats still carry more than their villages alone would give
    const onVillages = (await city.post(`/api/programs/${programId}/targets/split`, { target: TARGET, method: 'key_area', basis: 'villages', keyMultiplier: 1.5, dryRun: true, version: 2 })).json();
    expect(onVillages).toMatchObject({ dryRun: true, split: { saved: false } });
    expect(onVillages.sum).toBe(5000);
    for (const s of seats) {
      const p = onVillages.parts.find((x: { orgId: number }) => x.orgId === s.id);
      expect(p.amount).toBeGreaterThanOrEqual(Math.floor((5000 * p.weight * 1.5) / (onVillages.parts.reduce((a: number, x: { weight: number; keyArea: boolean }) => a + x.weight * (x.keyArea ? 1.5 : 1), 0))));
    }
    expect((await city.get(`/api/programs/${programId}/targets/parts?target=${TARGET}`)).json().split.version).toBe(2); // the dry run saved nothing
  });

  it('S4.1 a hand split that does not add up is refused in Chinese with the field, and nothing changes', async () => {
    const current = (await city.get(`/api/programs/${programId}/targets/parts?target=${TARGET}`)).json();
    const parts = current.parts.map((p: { orgId: number; amount: number }) => ({ orgId: p.orgId, amount: p.amount }));
    parts[0].amount -= 1;
    const short = await city.post(`/api/programs/${programId}/targets/split`, { target: TARGET, method: 'hand', parts, version: 2 });
    expect(short.statusCode).toBe(400);
    expect(short.json()).toMatchObject({ message: '各部分之和为 4999，应等于 5000（还差 1）', fields: [{ path: 'body.parts', message: '合计 4999，还差 1' }] });
    parts[0].amount += 3;
    expect((await city.post(`/api/programs/${programId}/targets/split`, { target: TARGET, method: 'hand', parts, version: 2 })).json().message).toBe('各部分之和为 5002，应等于 5000（多出 2）');
    const stray = await city.post(`/api/programs/${programId}/targets/split`, { target: TARGET, method: 'hand', parts: [{ orgId: t.tree.bc, amount: 5000 }], version: 2 });
    expect(stray.statusCode).toBe(400);
    expect(stray.json().fields[0].path).toBe('body.parts.0.orgId');
    const unknown = await city.post(`/api/programs/${programId}/targets/split`, { target: 'no-such-target', method: 'equal' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().fields[0].path).toBe('body.target');
    expect((await city.get(`/api/programs/${programId}/targets/parts?target=${TARGET}`)).json().split.version).toBe(2);
    expect((await viewer.post(`/api/programs/${programId}/targets/split`, { target: TARGET, method: 'equal', version: 2 })).statusCode).toBe(403);
  });

  it('S4.1 a hand split that adds up is saved; left-out townships get nothing', async () => {
    const current = (await city.get(`/api/programs/${programId}/targets/parts?target=${TARGET}`)).json();
    const parts = current.parts.map((p: { orgId: number; amount: number }) => ({ orgId: p.orgId, amount: p.amount }));
    const last = parts.pop();
    parts[0].amount += last.amount;
    const res = await city.post(`/api/programs/${programId}/targets/split`, { target: TARGET, method: 'hand', parts, version: 2 });
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json();
    expect(view.sum).toBe(5000);
    expect(view.parts.find((p: { orgId: number }) => p.orgId === last.orgId).amount).toBe(0);
    expect(await t.database.query("SELECT 1 FROM audit_log WHERE action = 'target.split'")).toHaveLength(4);
  });

  it('S4.1 the city may split among its counties instead (tried as a dry run); a county splits only a share it was given', async () => {
    const counties = (await city.get(`/api/programs/${programId}/targets/subordinates?target=${TARGET}&among=children`)).json().items as { orgId: number; orgName: string }[];
    expect(counties).toHaveLength(12);
    const anxi = counties.find((c) => c.orgName === '共青团安溪县委员会')!;
    const parts = counties.map((c, i) => ({ orgId: c.orgId, amount: i === 0 ? 5000 - 11 * 400 : 400 }));
    const byCounty = await city.post(`/api/programs/${programId}/targets/split`, { target: TARGET, method: 'hand', among: 'children', parts, version: 3, dryRun: true });
    expect(byCounty.statusCode, byCounty.body).toBe(200);
    expect(byCounty.json().parts.find((p: { orgId: number }) => p.orgId === anxi.orgId).amount).toBe(400);
    // a county without a share cannot split
    const none = await city.post(`/api/programs/${programId}/targets/split`, { target: TARGET, orgId: anxi.orgId, method: 'equal' });
    expect(none.statusCode).toBe(400);
    expect(none.json().message).toContain('尚未分得');
  });
});

describe('S4.1 S4.2 progress from the registry, snapshots, burn-up, projection and the daily bulletin', () => {
  // Three townships of two counties found direct orgs from 14 November: A two a day, B one a day, C three on the first day.
  let A: Org, B: Org, C: Org;
  const days = Array.from({ length: 8 }, (_, i) => addDays('2012-11-13', i)); // 13 … 20 November
  let n = 0;
  const found = (parent: Org, foundedOn: string, kind: 'direct_org' | 'quasi_org' = 'direct_org', status?: 'preparing') =>
    createOrg(t.database.db, ctx, SYSTEM_ACTOR, { parentId: parent.id, code: `T-${++n}`, name: `新建直属团支部${n}`, kind, foundedOn: status ? undefined : foundedOn, status });
  let parts: { orgId: number; amount: number }[];
  const amountOf = (o: Org) => parts.find((p) => p.orgId === o.id)!.amount;

  beforeAll(async () => {
    A = byCode('350524100'); // 安溪 凤城镇
    B = byCode('350524101'); // 安溪 蓬莱镇
    C = byCode('350583100'); // 南安 省新镇
    for (const d of days.slice(1)) {
      await found(A, d);
      await found(A, d);
      await found(B, d);
    }
    for (let i = 0; i < 3; i++) await found(C, '2012-11-14');
    // none of these count: founded before the program, another kind, still in preparation
    await found(A, '2011-12-01');
    await found(A, '2012-11-15', 'quasi_org');
    await found(A, '2012-11-15', 'direct_org', 'preparing');
    // founded on the 14th under B and dissolved on the 18th: counted from the 14th to the 17th only
    const gone = await found(B, '2012-11-14');
    await dissolveOrg(t.database.db, ctx, SYSTEM_ACTOR, gone, { effectiveOn: '2012-11-18', reason: '合并', version: 0 });
    parts = (await city.get(`/api/programs/${programId}/targets/parts?target=${TARGET}`)).json().parts;
  }, 60_000);

  it('S4.1 counts direct orgs founded in the window under each township, as the tree stood', async () => {
    const view = (await city.get(`/api/programs/${programId}/targets/parts?target=${TARGET}`)).json();
    const get = (o: Org) => view.parts.find((p: { orgId: number }) => p.orgId === o.id);
    expect(get(A).actual).toBe(14);
    expect(get(B).actual).toBe(7);
    expect(get(C).actual).toBe(3);
    expect(get(A).rate).toBeCloseTo(14 / amountOf(A), 10);
    const list = (await city.get(`/api/programs/${programId}/targets`)).json();
    expect(list.items[0].actual).toBe(24);
  });

  it('S4.2 a snapshot per day, idempotent: taking the same day again replaces it', async () => {
    for (const d of days) {
      const res = await city.post(`/api/programs/${programId}/targets/snapshots`, { date: d });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().rows).toBe(134); // the city and its 133 shares
    }
    await city.post(`/api/programs/${programId}/targets/snapshots`, { date: '2012-11-20' });
    const rows = await t.database.query<{ on_date: string; actual: number }>('SELECT on_date, actual FROM target_snapshots WHERE org_id = $1 ORDER BY on_date', [B.id]);
    expect(rows.map((r) => r.actual)).toEqual([0, 2, 3, 4, 5, 5, 6, 7]); // the dissolved one counts 14–17 November
    expect(await t.database.query('SELECT 1 FROM target_snapshots WHERE on_date = $1', ['2012-11-20'])).toHaveLength(134);
    expect((await city.post(`/api/programs/${programId}/targets/snapshots`, { date: '2012-11-21' })).statusCode).toBe(400); // the future
    expect((await viewer.post(`/api/programs/${programId}/targets/snapshots`, {})).statusCode).toBe(403);
  });

  it('S4.1 burn-up of a township: actual per snapshot against the target line to 15 December', async () => {
    const res = await city.get(`/api/programs/${programId}/targets/burnup?target=${TARGET}&orgId=${A.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const b = res.json();
    expect(b).toMatchObject({ orgId: A.id, total: amountOf(A), start: '2012-01-01', deadline: '2012-12-15' });
    const actual = b.rows.filter((r: { actual: number | null }) => r.actual !== null).map((r: { date: string; actual: number }) => [r.date, r.actual]);
    expect(actual).toEqual(days.map((d, i) => [d, i * 2]));
    expect(b.rows.at(-1)).toEqual({ date: '2012-12-15', actual: null, expected: amountOf(A) });
  });

  it('S4.1 projected completion per township: linear on the last week, null without progress', async () => {
    const view = (await city.get(`/api/programs/${programId}/targets/parts?target=${TARGET}`)).json();
    const get = (o: Org) => view.parts.find((p: { orgId: number }) => p.orgId === o.id).projection;
    // A: 14 in 7 days = 2 a day; what is left, at 2 a day, from 20 November
    const left = amountOf(A) - 14;
    expect(get(A)).toMatchObject({ ratePerDay: 2, remaining: left, date: addDays('2012-11-20', Math.ceil(left / 2)), asOf: '2012-11-20' });
    expect(get(A).status).toBe(addDays('2012-11-20', Math.ceil(left / 2)) <= '2012-12-15' ? 'on_track' : 'behind');
    // B: 7 in the last 7 days → 1 a day
    expect(get(B)).toMatchObject({ ratePerDay: 1, date: addDays('2012-11-20', amountOf(B) - 7) });
    const idle = view.parts.find((p: { orgId: number; actual: number }) => p.actual === 0);
    expect(idle.projection).toMatchObject({ status: 'no_progress', date: null, ratePerDay: 0 });
  });

  let bulletinId: number;
  it('S4.2 the daily bulletin of 20 November: totals, counties ranked by rate, lagging units, projection', async () => {
    const res = await city.post(`/api/programs/${programId}/bulletins`, { target: TARGET, kind: 'daily', date: '2012-11-20' });
    expect(res.statusCode, res.body).toBe(200);
    const b = res.json();
    bulletinId = b.id;
    expect(b).toMatchObject({ number: 1, kind: 'daily', periodKey: '2012-11-20', issuedOn: '2012-11-20', issuerName: '共青团泉州市委员会' });
    const c = b.content;
    expect(c.masthead).toBe('乡镇实体化“大团委”建设日通报');
    expect(c.title).toBe('关于2012年11月20日乡镇新建直属团组织工作进展情况的通报');
    expect(c.totals).toEqual({ target: 5000, actual: 24, added: 3, rate: 24 / 5000 });
    // units are the city's counties: 安溪 has A and B, 南安 has C
    const anxi = c.ranking.find((r: { name: string }) => r.name === '共青团安溪县委员会');
    const nanan = c.ranking.find((r: { name: string }) => r.name === '共青团南安市委员会');
    expect(anxi).toMatchObject({ rank: 1, actual: 21, added: 3 });
    expect(nanan).toMatchObject({ rank: 2, actual: 3, added: 0 });
    const counties = new Set(townships.map((x) => x.parent_id)).size; // 丰泽区 and 鲤城区 have only streets and zones
    expect(counties).toBe(9);
    expect(c.ranking).toHaveLength(counties);
    expect(c.ranking.slice(2).every((r: { rank: number; actual: number }) => r.rank === 3 && r.actual === 0)).toBe(true);
    expect(c.ranking.reduce((s: number, r: { target: number }) => s + r.target, 0)).toBe(5000);
    // 325 of 350 days have passed: everyone is behind the time schedule
    expect(c.expectedShare).toBeCloseTo(325 / 350, 10);
    expect(c.lagging).toHaveLength(counties);
    expect(c.paragraphs[0]).toBe('截至2012年11月20日，全市乡镇新建直属团组织累计完成24个，占目标任务5000个的0.5%，当日新增3个；按时序进度应完成92.9%。');
    // the city's last week: 24 − 0 over 7 days; 4,976 left at 24/7 a day
    expect(c.projection).toMatchObject({ status: 'behind', ratePerDay: 24 / 7, date: addDays('2012-11-20', Math.ceil(4976 / (24 / 7))) });
  });

  it('S4.2 generating it again reproduces it from the snapshots, even after a late entry, and keeps its number', async () => {
    await found(B, '2012-11-15'); // entered late, backdated
    const again = (await city.post(`/api/programs/${programId}/bulletins`, { target: TARGET, kind: 'daily', date: '2012-11-20' })).json();
    expect(again).toMatchObject({ id: bulletinId, number: 1 });
    expect(again.content.totals.actual).toBe(24);
    // retaking the snapshots is what brings the late entry in
    for (const d of days) await city.post(`/api/programs/${programId}/targets/snapshots`, { date: d });
    const corrected = (await city.post(`/api/programs/${programId}/bulletins`, { target: TARGET, kind: 'daily', date: '2012-11-20' })).json();
    expect(corrected.content.totals).toMatchObject({ actual: 25, added: 3 });
    const next = (await city.post(`/api/programs/${programId}/bulletins`, { target: TARGET, kind: 'daily', date: '2012-11-19' })).json();
    expect(next.number).toBe(2);
    const weekly = (await city.post(`/api/programs/${programId}/bulletins`, { target: TARGET, kind: 'weekly', date: '2012-11-20' })).json();
    expect(weekly).toMatchObject({ number: 1, periodStart: '2012-11-19', periodEnd: '2012-11-25', issuedOn: '2012-11-20' });
    const list = (await viewer.get(`/api/programs/${programId}/bulletins`)).json();
    expect(list.items).toHaveLength(3);
    expect((await viewer.post(`/api/programs/${programId}/bulletins`, { target: TARGET, kind: 'daily', date: '2012-11-20' })).statusCode).toBe(403);
  });

  it('S4.2 the docx bulletin in official style is read back: page, fonts, title, date and ranking table', async () => {
    const res = await viewer.get(`/api/bulletins/${bulletinId}/docx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('乡镇实体化“大团委”建设日通报（第1期）.docx'));
    const zip = await JSZip.loadAsync(res.rawPayload);
    const xml = await zip.file('word/document.xml')!.async('string');
    // GB/T 9704: A4, margins 37/35/28/26 mm
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    const text = (fragment: string) => [...fragment.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    const paragraphs = [...xml.matchAll(/<w:p>.*?<\/w:p>|<w:p [^>]*>.*?<\/w:p>/gs)].map((m) => m[0]);
    const title = paragraphs.find((p) => text(p) === '关于2012年11月20日乡镇新建直属团组织工作进展情况的通报')!;
    expect(title).toBeDefined();
    expect(title).toContain('w:eastAsia="方正小标宋简体"');
    expect(title).toContain('<w:sz w:val="44"/>'); // 二号 22 pt
    const bodyPara = paragraphs.find((p) => text(p).startsWith('截至2012年11月20日'))!;
    expect(bodyPara).toContain('w:eastAsia="仿宋_GB2312"');
    expect(bodyPara).toContain('<w:sz w:val="32"/>'); // 三号 16 pt
    expect(paragraphs.some((p) => text(p) === '第1期')).toBe(true);
    expect(paragraphs.some((p) => text(p) === '共青团泉州市委员会\t2012年11月20日' || text(p) === '共青团泉州市委员会2012年11月20日')).toBe(true);
    expect(paragraphs.filter((p) => text(p) === '2012年11月20日').length).toBeGreaterThanOrEqual(1); // dated at the end
    // the ranking table: header, one row per county in rank order, the total
    const rows = [...xml.matchAll(/<w:tr>.*?<\/w:tr>|<w:tr [^>]*>.*?<\/w:tr>/gs)].map((m) => [...m[0].matchAll(/<w:tc>.*?<\/w:tc>/gs)].map((c) => text(c[0])));
    expect(rows[0]).toEqual(['排名', '单位', '目标任务', '累计完成', '本期新增', '完成率']);
    // the bulletin as last generated: with the late entry under 蓬莱镇 brought in
    expect(rows[1]).toEqual(['1', '共青团安溪县委员会▲', expect.any(String), '22', '3', expect.stringMatching(/%$/)]);
    expect(rows[2]!.slice(0, 2)).toEqual(['2', '共青团南安市委员会▲']);
    expect(rows).toHaveLength(1 + 9 + 1);
    expect(rows.at(-1)!.slice(1, 5)).toEqual(['合计', '5000', '25', '3']);
  });

  it('S4.2 the daily job snapshots every running program, once per day however often it runs', async () => {
    expect(await snapshotRunningPrograms(t.database, '2012-11-21')).toBe(134);
    expect(await snapshotRunningPrograms(t.database, '2012-11-21')).toBe(134);
    expect(await t.database.query('SELECT 1 FROM target_snapshots WHERE on_date = $1', ['2012-11-21'])).toHaveLength(134);
    expect(await snapshotRunningPrograms(t.database, '2013-01-05')).toBe(0); // the 2012 program has ended
  });

  it('S4.1 two levels: the city splits among its counties, a county among its own townships, each bulletin ranks its own units', async () => {
    const counties = (await city.get(`/api/programs/${programId}/targets/subordinates?target=${TARGET}&among=children`)).json().items as { orgId: number; orgName: string }[];
    const anxi = counties.find((c) => c.orgName === '共青团安溪县委员会')!;
    const parts = counties.map((c) => ({ orgId: c.orgId, amount: c.orgId === anxi.orgId ? 1100 : 0 }));
    parts.find((p) => p.orgId !== anxi.orgId)!.amount = 3900;
    const version = (await city.get(`/api/programs/${programId}/targets/parts?target=${TARGET}`)).json().split.version;
    const byCounty = await city.post(`/api/programs/${programId}/targets/split`, { target: TARGET, method: 'hand', among: 'children', parts, version });
    expect(byCounty.statusCode, byCounty.body).toBe(200);
    // 安溪 splits its 1,100 equally among its 24 towns (its named township committees)
    const county = await city.post(`/api/programs/${programId}/targets/split`, { target: TARGET, orgId: anxi.orgId, method: 'equal' });
    expect(county.statusCode, county.body).toBe(200);
    const view = county.json();
    expect(view).toMatchObject({ whole: 1100, sum: 1100 });
    expect(view.parts).toHaveLength(townships.filter((x) => x.parent_id === anxi.orgId).length);
    expect(view.parts.find((p: { orgId: number }) => p.orgId === A.id).actual).toBe(14);
    // the city cannot now change 安溪's share under it
    const changed = parts.map((p) => (p.orgId === anxi.orgId ? { ...p, amount: 1000 } : p.amount === 3900 ? { ...p, amount: 4000 } : p));
    const refused = await city.post(`/api/programs/${programId}/targets/split`, { target: TARGET, method: 'hand', among: 'children', parts: changed, version: version + 1 });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toContain('共青团安溪县委员会已将其目标任务（1100）分解给下级');
    // the city's bulletin ranks counties by their shares; 安溪's ranks its towns
    const cityBulletin = (await city.post(`/api/programs/${programId}/bulletins`, { target: TARGET, kind: 'daily', date: '2012-11-20' })).json();
    expect(cityBulletin.content.totals.target).toBe(5000);
    expect(cityBulletin.content.ranking.find((r: { name: string }) => r.name === '共青团安溪县委员会')).toMatchObject({ target: 1100 });
    const countyBulletin = (await city.post(`/api/programs/${programId}/bulletins`, { target: TARGET, kind: 'daily', date: '2012-11-20', orgId: anxi.orgId })).json();
    expect(countyBulletin).toMatchObject({ number: 1, content: { totals: { target: 1100, actual: 22 } } });
    expect(countyBulletin.content.ranking[0]).toMatchObject({ rank: 1, name: '凤城镇团委', actual: 14 });
  });
});

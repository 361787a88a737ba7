import { beforeAll, describe, expect, it } from 'vitest';
import { registerBuiltinTemplates } from '../src/features/templates/builtin';
import { importDivisions } from '../src/features/orgs/divisions.import';
import { createOrg } from '../src/features/orgs/orgs.service';
import { createProgram } from '../src/features/programs/programs.service';
import { SYSTEM_ACTOR, systemContext } from '../src/system-actor';
import { loginAs, seedUser, testApp, type Client, orgIdByCode } from './helpers';

/**
 * Spot checks on the real 梅州 counties 梅县区 and 兴宁市 (S3.7, S3.8): N branches per county per
 * month, drawn with a seed so that the draw can be repeated by anyone from the tree as it stood.
 */
let t: Awaited<ReturnType<typeof testApp>>;
let province: Client;
let county: Client; // 梅县区
let other: Client; // 兴宁市
let programId: number;
const id = (code: string) => orgIdByCode(t.database, code);
const draw = (c: Client, body: Record<string, unknown>) => c.post(`/api/programs/${programId}/spot-checks`, { scopeOrgId: t.tree.mz, month: '2019-06', target: 'branch', perStratum: 2, recordKind: 'spot_check', ...body });
const finding = (branch: string) => ({ orgId: t.tree.gd, occurredOn: '2019-06-18', fields: {
  branch, has_cadre: true, has_wechat_group: true, wechat_member_share: 60, secretary_uses_zhtj: false, activity_name: '主题团日', member_evaluation: '活动贴近青年' } });

beforeAll(async () => {
  t = await testApp();
  await registerBuiltinTemplates(t.database.db);
  await importDivisions(t.database, systemContext('test'), ['441403', '441481']);
  const templateId = (await t.database.query<{ id: number }>("SELECT id FROM program_templates WHERE key = 's3-guangdong-stationing'"))[0]!.id;
  programId = await createProgram(t.database.db, systemContext('test'), SYSTEM_ACTOR, { templateId, issuerOrgId: t.tree.gd, scopeOrgId: t.tree.gd, year: 2019 });
  await seedUser(t.database, 'gd_checker', 'manager', t.tree.gd);
  await seedUser(t.database, 'mx_mgr', 'manager', t.tree.mx);
  await seedUser(t.database, 'xn_mgr', 'manager', t.tree.xn);
  province = await loginAs(t.app, 'gd_checker');
  county = await loginAs(t.app, 'mx_mgr');
  other = await loginAs(t.app, 'xn_mgr');
}, 120_000);

describe('S3.7 monthly spot checks of branches', () => {
  let sample: { id: number; seed: string; populationCount: number; items: Array<{ id: string; name: string; stratumName: string; rank: number; findingRecordId: number | null }> };

  it('S3.7 draws N branches from each county, every county represented', async () => {
    const res = await draw(province, {});
    expect(res.statusCode).toBe(200);
    sample = res.json();
    expect(sample.items).toHaveLength(4);
    expect(sample.items.map((i) => [i.stratumName, i.rank])).toEqual([
      ['共青团梅县区委员会', 1], ['共青团梅县区委员会', 2], ['共青团兴宁市委员会', 1], ['共青团兴宁市委员会', 2],
    ]);
    expect(sample.items.every((i) => i.name.endsWith('团支部'))).toBe(true);
    const villages = await t.database.query<{ n: number }>("SELECT count(*)::int AS n FROM orgs WHERE kind = 'branch' AND (code LIKE '441403%' OR code LIKE '441481%')");
    expect(sample.populationCount).toBe(villages[0]!.n);
  });

  it('S3.8 the same seed draws the same branches; another seed draws others', async () => {
    const again = (await draw(province, { seed: sample.seed })).json();
    expect(again.items.map((i: { id: string }) => i.id)).toEqual(sample.items.map((i) => i.id));
    const other = (await draw(province, { seed: 'another-seed' })).json();
    expect(other.items.map((i: { id: string }) => i.id)).not.toEqual(sample.items.map((i) => i.id));
  });

  it('S3.8 a branch founded after the month does not change the redraw: it is drawn from the tree as it stood', async () => {
    const township = await id('441403113');
    for (let i = 0; i < 5; i++) {
      await createOrg(t.database.db, systemContext('test'), SYSTEM_ACTOR, { parentId: township, code: `LATE-${i}`, name: `后建${i}团支部`, kind: 'branch', foundedOn: '2019-08-01' });
    }
    const redraw = (await province.get(`/api/spot-checks/${sample.id}/redraw`)).json();
    expect(redraw).toEqual({ matches: true, populationCount: sample.populationCount, drawnIds: sample.items.map((i) => i.id) });
  });

  it('S3.7 a finding is recorded once per drawn item, with the check items of the template', async () => {
    const item = sample.items[0]!;
    const res = await province.post(`/api/spot-checks/${sample.id}/items/${item.id}/finding`, finding(item.name));
    expect(res.statusCode).toBe(200);
    const recordId = res.json().items[0].findingRecordId;
    expect(recordId).toBeGreaterThan(0);
    const rec = (await t.database.query<{ kind: string; fields: Record<string, unknown> }>('SELECT kind, fields FROM records WHERE id = $1', [recordId]))[0]!;
    expect(rec).toMatchObject({ kind: 'spot_check', fields: { has_wechat_group: true, wechat_member_share: 60, secretary_uses_zhtj: false } });
    expect((await province.post(`/api/spot-checks/${sample.id}/items/${item.id}/finding`, finding(item.name))).json().message).toBe('该对象已记录抽查结果');
    const missing = await province.post(`/api/spot-checks/${sample.id}/items/${await id('441403113')}/finding`, finding('x'));
    expect(missing.statusCode).toBe(400);
    const incomplete = await province.post(`/api/spot-checks/${sample.id}/items/${sample.items[1]!.id}/finding`, { orgId: t.tree.gd, occurredOn: '2019-06-18', fields: { branch: 'x' } });
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.json().fields.map((f: { path: string }) => f.path)).toContain('body.fields.has_cadre');
  });

  it('a county sees the sample but only its own drawn branches; it cannot draw over the city; a sibling sees nothing of it', async () => {
    const seen = (await county.get(`/api/spot-checks/${sample.id}`)).json();
    expect(seen.items.map((i: { stratumName: string }) => i.stratumName)).toEqual(['共青团梅县区委员会', '共青团梅县区委员会']);
    expect((await draw(county, {})).statusCode).toBe(404);
    expect((await draw(county, { scopeOrgId: t.tree.mx })).statusCode).toBe(200);
    const list = (await other.get(`/api/programs/${programId}/spot-checks`)).json().items;
    expect(list.every((s: { scopeOrgId: number }) => s.scopeOrgId !== t.tree.mx)).toBe(true);
  });

  it('bad input is a 400 with the field path: a month outside the program, an unknown kind, a zero sample size', async () => {
    expect((await draw(province, { month: '2019-12' })).json().fields[0].path).toBe('body.month');
    expect((await draw(province, { recordKind: 'nope' })).json().fields[0].path).toBe('body.recordKind');
    expect((await draw(province, { perStratum: 0 })).json().fields[0].path).toBe('body.perStratum');
  });
});

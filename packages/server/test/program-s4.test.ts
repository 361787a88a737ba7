import { beforeAll, describe, expect, it } from 'vitest';
import { registerBuiltinTemplates } from '../src/features/templates/builtin';
import { importDivisions } from '../src/features/orgs/divisions.import';
import { createCadre } from '../src/features/people/people.service';
import { SYSTEM_ACTOR, systemContext } from '../src/system-actor';
import { loginAs, seedUser, testApp, testClock, type Client, orgIdByCode, setDay } from './helpers';

/**
 * S4 per requirement on the real 泉州 (GB/T 2260 3505), template s4-quanzhou-big-committee: the city
 * committee runs the 2012 township "big league committee" work; 晋江市 is the county whose towns are
 * linked and where a league org is founded in stages. The S4.1 split of 5,000 over the townships, its
 * counting from the registry, snapshots, burn-up and bulletins are in targets.test.ts; here S4.6 only
 * checks which stage of a founding the target counts.
 */
const clock = testClock(new Date('2012-10-15T02:00:00Z'));
let t: Awaited<ReturnType<typeof testApp>>;
let city: Client; // manager at 泉州, the issuer
let programId: number;
const ids: Record<string, number> = {};
const cadre: Record<string, number> = {};
let towns: Array<{ id: number; name: string }>; // four towns (镇) of 晋江市
const id = (code: string) => orgIdByCode(t.database, code);

async function day(date: string) {
  setDay(clock, date);
  city = await loginAs(t.app, 'qz_city');
}
const assign = (roleKey: string, holder: { type: 'org' | 'cadre'; id: number }) => city.post(`/api/programs/${programId}/holders`, { roleKey, holder });
const pair = (modeKey: string, members: Record<string, Array<number | { type: string; id: number }>>) => city.post(`/api/programs/${programId}/pairings`, { modeKey, members });
const asCadre = (name: string) => ({ type: 'cadre' as const, id: cadre[name]! });

beforeAll(async () => {
  t = await testApp({ clock });
  const ctx = systemContext('test');
  const db = t.database.db;
  await registerBuiltinTemplates(db);
  await importDivisions(t.database, ctx, ['3505']); // 泉州 with its counties, townships and villages
  ids.qz = await id('3505');
  ids.jinjiang = await id('350582');
  towns = await t.database.query<{ id: number; name: string }>(
    "SELECT id, name FROM orgs WHERE parent_id = $1 AND kind = 'committee' AND name LIKE '%镇团委' ORDER BY code LIMIT 4", [ids.jinjiang]);
  for (const name of ['林晓峰', '陈思远']) cadre[name] = await createCadre(db, ctx, SYSTEM_ACTOR, ids.jinjiang, { name, position: '晋江团市委干部' });
  cadre['王泉'] = await createCadre(db, ctx, SYSTEM_ACTOR, ids.qz, { name: '王泉', position: '团市委副书记' });
  await seedUser(t.database, 'qz_city', 'manager', ids.qz);
  city = await loginAs(t.app, 'qz_city');
  const templateId = (await t.database.query<{ id: number }>("SELECT id FROM program_templates WHERE key = 's4-quanzhou-big-committee'"))[0]!.id;
  const created = await city.post('/api/programs', { templateId, issuerOrgId: ids.qz, scopeOrgId: ids.qz, year: 2012 });
  expect(created.json()).toMatchObject({ startsOn: '2012-01-01', endsOn: '2012-12-31' });
  programId = created.json().id;
}, 120_000);

describe('S4.3 linked cadres (October 2012)', () => {
  it('S4.3 every township gets one named county-committee cadre: a second cadre for a linked township is refused, a city cadre is no link cadre', async () => {
    expect(towns).toHaveLength(4);
    const [t1, t2, t3, t4] = towns.map((x) => x.id) as [number, number, number, number];
    for (const town of [t1, t2, t3]) expect((await assign('township_committee', { type: 'org', id: town })).statusCode).toBe(200);
    for (const name of ['林晓峰', '陈思远']) expect((await assign('link_cadre', asCadre(name))).statusCode).toBe(200);
    const cityCadre = await assign('link_cadre', asCadre('王泉'));
    expect(cityCadre.statusCode).toBe(400); // a county committee's cadre, not the city's
    expect(cityCadre.json().fields[0].path).toBe('body.holder.id');

    expect((await pair('link', { cadre: [asCadre('林晓峰')], linked_township: [t1] })).statusCode).toBe(200);
    const second = await pair('link', { cadre: [asCadre('陈思远')], linked_township: [t1] });
    expect(second.statusCode).toBe(400);
    expect(second.json().fields[0]).toMatchObject({ path: 'body.members.linked_township.0', message: expect.stringContaining('已在另一个') });
    const two = await pair('link', { cadre: [asCadre('陈思远')], linked_township: [t2, t3] });
    expect(two.json().fields[0]).toMatchObject({ path: 'body.members.linked_township', message: '“乡镇团委”最多 1 个，现为 2 个' });
    const unnamed = await pair('link', { cadre: [asCadre('陈思远')], linked_township: [t4] }); // not named a township committee
    expect(unnamed.json().fields[0]).toMatchObject({ path: 'body.members.linked_township.0', message: expect.stringContaining('不是已审定的') });
    expect((await pair('link', { cadre: [asCadre('陈思远')], linked_township: [t2] })).statusCode).toBe(200);
    // one cadre may link several townships, each township keeps one cadre
    expect((await pair('link', { cadre: [asCadre('林晓峰')], linked_township: [t3] })).statusCode).toBe(200);
    const links = (await city.get(`/api/programs/${programId}/pairings`)).json().items as Array<{ modeKey: string; sides: Array<{ sideKey: string; members: Array<{ id: number; name: string }> }> }>;
    const cadreOf = new Map(links.filter((p) => p.modeKey === 'link').map((p) => [p.sides[1]!.members[0]!.id, p.sides[0]!.members.map((m) => m.name)]));
    expect(Object.fromEntries([t1, t2, t3].map((x) => [x, cadreOf.get(x)]))).toEqual({
      [t1]: ['共青团晋江市委员会·林晓峰'], [t2]: ['共青团晋江市委员会·陈思远'], [t3]: ['共青团晋江市委员会·林晓峰'],
    });
  });

  it('S4.3 city leaders link to key townships only, at least one each', async () => {
    const [t1, t2] = towns.map((x) => x.id) as [number, number];
    expect((await assign('key_township', { type: 'org', id: t1 })).statusCode).toBe(200);
    const countyCadre = await assign('city_link_leader', asCadre('林晓峰'));
    expect(countyCadre.statusCode).toBe(400); // city leaders are the city committee's cadres
    expect((await assign('city_link_leader', asCadre('王泉'))).statusCode).toBe(200);
    const none = await pair('city_link', { city_leader: [asCadre('王泉')], key_townships: [] });
    expect(none.statusCode).toBe(400);
    expect(none.json().fields[0].path).toBe('body.members.key_townships');
    const notKey = await pair('city_link', { city_leader: [asCadre('王泉')], key_townships: [t2] });
    expect(notKey.json().fields[0]).toMatchObject({ path: 'body.members.key_townships.0', message: expect.stringContaining('不是已审定的重点乡镇') });
    expect((await pair('city_link', { city_leader: [asCadre('王泉')], key_townships: [t1] })).statusCode).toBe(200);
  });
});

describe('S4.6 staged founding (October 2012)', () => {
  type Target = { key: string; actual: number | null };
  const founded = async () => ((await city.get(`/api/programs/${programId}/targets`)).json().items as Target[]).find((x) => x.key === 's4.1-direct-orgs')!.actual;
  const founding = (fields: Record<string, unknown>) => city.post(`/api/programs/${programId}/records`, { kind: 'org_founding', orgId: towns[0]!.id, occurredOn: clock.now().toISOString().slice(0, 10), fields });

  it('S4.6 youth group → quasi-league org → league org in preparation with an acting secretary → founded: only the founded league org counts toward the 5,000', async () => {
    const town = towns[0]!.id;
    expect(await founded()).toBe(0);
    const group = await city.post('/api/orgs', { parentId: town, code: 'JJ-SHOE-YG', name: '某鞋业公司青年志愿队', kind: 'youth_group', sector: 'non_public_enterprise', foundedOn: '2012-09-01' });
    expect(group.statusCode, group.body).toBe(200);
    expect((await founding({ org: '某鞋业公司青年志愿队', stage: '青年组织', unit_type: '非公企业' })).statusCode).toBe(200);
    const quasi = await city.patch(`/api/orgs/${group.json().id}`, { version: group.json().version, kind: 'quasi_org', name: '某鞋业公司青年联谊会' });
    expect(quasi.json()).toMatchObject({ kind: 'quasi_org', status: 'founded' });
    expect(await founded()).toBe(0); // a quasi-league org is not a league org

    const preparing = await city.post('/api/orgs', {
      parentId: town, code: 'JJ-SHOE-TZB', name: '某鞋业公司团支部', kind: 'direct_org', sector: 'non_public_enterprise', status: 'preparing',
      leaders: [{ position: 'acting_secretary', name: '蔡明' }],
    });
    expect(preparing.json()).toMatchObject({ status: 'preparing', foundedOn: null, leaders: [expect.objectContaining({ position: 'acting_secretary', name: '蔡明' })] });
    const bad = await founding({ org: '某鞋业公司团支部', stage: '筹备中', unit_type: '非公企业' });
    expect(bad.statusCode).toBe(400); // the stages are the template's four
    expect(bad.json().fields[0].path).toBe('body.fields.stage');
    expect((await founding({ org: '某鞋业公司团支部', stage: '团组织（筹建）', unit_type: '非公企业', mode: '直接建团', acting_secretary: '蔡明' })).statusCode).toBe(200);
    expect(await founded()).toBe(0); // in preparation: not yet

    await day('2012-10-25');
    const done = await city.post(`/api/orgs/${preparing.json().id}/found`, { effectiveOn: '2012-10-25', version: preparing.json().version });
    expect(done.json()).toMatchObject({ status: 'founded', foundedOn: '2012-10-25' });
    expect((await founding({ org: '某鞋业公司团支部', stage: '团组织', unit_type: '非公企业', mode: '直接建团', members: 12 })).statusCode).toBe(200);
    expect(await founded()).toBe(1);
    // The list is newest first; the stages read oldest first.
    const kinds = (await city.get(`/api/programs/${programId}/records?kind=org_founding`)).json().items.reverse().filter((r: { kind: string }) => r.kind === 'org_founding').map((r: { fields: { stage: string } }) => r.fields.stage);
    expect(kinds).toEqual(['青年组织', '团组织（筹建）', '团组织']);
  });
});

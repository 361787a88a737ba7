import { beforeAll, describe, expect, it } from 'vitest';
import { registerBuiltinTemplates } from '../src/features/templates/builtin';
import { loginAs, seedUser, testApp, type Client } from './helpers';

/**
 * The records list as a national program needs it (issue 8): one page at a time, newest first, the reader's
 * scope in the query, filters by kind, status, subtree and ids (the records behind a computed figure, X.2).
 * S0 issued by 梅州 over the whole city: 梅县区's towns and 兴宁市's street file records.
 */
let t: Awaited<ReturnType<typeof testApp>>;
let city: Client; // manager at 梅州, the issuer: sees every record
let county: Client; // manager at 梅县区: sees its towns' records only
let programId: number;
const ids: Record<string, number[]> = { bc: [], sy: [], xn1: [] };

type Row = { id: number; orgId: number; occurredOn: string; status: string; kind: string };
const list = async (c: Client, query = '') => (await c.get(`/api/programs/${programId}/records${query}`));

beforeAll(async () => {
  t = await testApp();
  await registerBuiltinTemplates(t.database.db);
  const templateId = (await t.database.query<{ id: number }>("SELECT id FROM program_templates WHERE key = 's0-meizhou-pairing' ORDER BY version DESC LIMIT 1"))[0]!.id;
  await seedUser(t.database, 'mz_manager', 'manager', t.tree.mz);
  await seedUser(t.database, 'mx_manager', 'manager', t.tree.mx);
  city = await loginAs(t.app, 'mz_manager');
  county = await loginAs(t.app, 'mx_manager');
  const res = await city.post('/api/programs', { templateId, issuerOrgId: t.tree.mz, scopeOrgId: t.tree.mz, year: 2026 });
  expect(res.statusCode).toBe(200);
  programId = res.json().id;
  const plan: Array<['bc' | 'sy' | 'xn1', number]> = [['bc', 12], ['sy', 8], ['xn1', 10]];
  for (const [org, n] of plan) {
    for (let i = 0; i < n; i++) {
      const day = `2026-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + ((i * 7) % 28)).padStart(2, '0')}`;
      const saved = await city.post(`/api/programs/${programId}/records`, {
        kind: 'site_supervision', orgId: t.tree[org], occurredOn: day, status: i % 4 === 0 ? 'draft' : 'submitted',
        fields: { visited_org: `${org}-${i}`, findings: '台账齐全' },
      });
      expect(saved.statusCode).toBe(200);
      ids[org]!.push(saved.json().savedId);
    }
  }
});

describe('records list, a page at a time (issue 8)', () => {
  it('pages the issuer\'s 30 records newest first with the total, and the pages join to the whole without overlap', async () => {
    const pages = await Promise.all([1, 2, 3, 4].map(async (p) => (await list(city, `?pageSize=8&page=${p}`)).json()));
    expect(pages.map((p) => p.items.length)).toEqual([8, 8, 8, 6]);
    expect(pages.every((p) => p.total === 30 && p.pageSize === 8)).toBe(true);
    const all: Row[] = pages.flatMap((p) => p.items);
    expect(new Set(all.map((r) => r.id)).size).toBe(30);
    const order = all.map((r) => `${r.occurredOn}#${String(r.id).padStart(6, '0')}`);
    expect(order).toEqual([...order].sort().reverse());
  });

  it('a county manager reads only its towns\' records, counted in the query: 20 of 30', async () => {
    const body = (await list(county, '?pageSize=500')).json();
    expect(body.total).toBe(20);
    expect(new Set(body.items.map((r: Row) => r.orgId))).toEqual(new Set([t.tree.bc, t.tree.sy]));
  });

  it('filters by kind, status and an org\'s subtree; another county\'s subtree is not found', async () => {
    const drafts = (await list(city, '?status=draft&pageSize=500')).json();
    expect(drafts.total).toBe(3 + 2 + 3);
    expect(drafts.items.every((r: Row) => r.status === 'draft')).toBe(true);
    expect((await list(city, `?orgId=${t.tree.xn}&pageSize=500`)).json().total).toBe(10);
    expect((await list(county, `?orgId=${t.tree.sy}&pageSize=500`)).json().total).toBe(8);
    expect((await list(city, '?kind=joint_activity')).json().total).toBe(0);
    const probe = await list(county, `?orgId=${t.tree.xn}`);
    expect(probe.statusCode).toBe(404);
  });

  it('X.2 opens the records behind a figure by id, never those outside the reader\'s scope', async () => {
    const wanted = [ids.bc![1]!, ids.sy![2]!, ids.xn1![3]!];
    const asCity = (await list(city, `?ids=${wanted.join(',')}`)).json();
    expect(asCity.items.map((r: Row) => r.id).sort()).toEqual([...wanted].sort());
    const asCounty = (await list(county, `?ids=${wanted.join(',')}`)).json();
    expect(asCounty.items.map((r: Row) => r.id).sort()).toEqual([ids.bc![1], ids.sy![2]].sort());
  });

  it('bad paging and id lists are 400s naming the field, in Chinese', async () => {
    for (const [query, field] of [['?pageSize=501', 'pageSize'], ['?page=0', 'page'], ['?ids=1,abc', 'ids'], ['?status=lost', 'status']] as const) {
      const res = await list(city, query);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().fields[0].path).toBe(`querystring.${field}`);
      expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  it('a write answers the record it changed, not the program\'s list', async () => {
    const saved = (await county.post(`/api/programs/${programId}/records`, {
      kind: 'site_supervision', orgId: t.tree.bc, occurredOn: '2026-06-30', fields: { visited_org: '东岭村团支部', findings: '已整改' },
    })).json();
    expect(saved.items.map((r: Row) => r.id)).toEqual([saved.savedId]);
  });

  it('a town moved to another county takes its records along: the records\' copy of the path follows the org', async () => {
    const before = (await list(county, '?pageSize=1')).json().total;
    const sy = (await city.get(`/api/orgs/${t.tree.sy}`)).json();
    const moved = await city.post(`/api/orgs/${t.tree.sy}/move`, { newParentId: t.tree.xn, effectiveOn: '2026-07-01', version: sy.version });
    expect(moved.statusCode).toBe(200);
    expect((await list(county, '?pageSize=1')).json().total).toBe(before - 8);
    expect((await list(city, `?orgId=${t.tree.xn}&pageSize=1`)).json().total).toBe(18);
    const stale = await t.database.query('SELECT r.id FROM records r JOIN orgs o ON o.id = r.org_id WHERE r.org_path <> o.path');
    expect(stale).toEqual([]);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { loginAs, seedUser, testApp, type Client, type Tree } from './helpers';

let t: Awaited<ReturnType<typeof testApp>>;
let tree: Tree;
let admin: Client;
let manager: Client;

beforeAll(async () => {
  t = await testApp();
  tree = t.tree;
  await seedUser(t.database, 'root', 'administrator', 1);
  await seedUser(t.database, 'mz', 'manager', tree.mz);
  admin = await loginAs(t.app, 'root');
  manager = await loginAs(t.app, 'mz');
});

describe('X.1 org registry', () => {
  it('creates an org with leaders and reads it back with its ancestors', async () => {
    const res = await manager.post('/api/orgs', {
      parentId: tree.bc, code: 'BC-DO-1', name: '丙村镇电商协会团支部', kind: 'direct_org', sector: 'non_public_enterprise',
      foundedOn: '2024-03-01', honors: ['may_fourth_red_flag'], leaders: [{ position: 'secretary', name: '王芳', mobile: '13800001111' }],
    });
    expect(res.statusCode).toBe(200);
    const org = res.json();
    expect(org.level).toBe('grassroots');
    expect(org.leaders).toEqual([{ position: 'secretary', name: '王芳', mobile: '13800001111' }]);
    expect(org.ancestors.map((a: { name: string }) => a.name)).toEqual(['共青团梅州市委员会', '共青团梅县区委员会', '丙村镇团委']);
  });

  it('rejects a duplicate code with the field path and a Chinese message', async () => {
    const res = await manager.post('/api/orgs', { parentId: tree.bc, code: '441403113201', name: '重复', kind: 'branch' });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toEqual([{ path: 'body.code', message: '编码已存在' }]);
  });

  it('rejects bad input with 400, field paths and Chinese, never 500', async () => {
    const res = await manager.post('/api/orgs', { parentId: 'abc', code: '坏 编码', name: '', kind: 'nonsense' });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('validation_failed');
    const paths = body.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['body.parentId', 'body.code', 'body.name', 'body.kind']));
    expect(body.message).toMatch(/[\u4e00-\u9fa5]/);
    const bad = await t.app.inject({ method: 'POST', url: '/api/orgs', headers: { 'content-type': 'application/json', 'x-csrf-token': manager.csrfToken }, cookies: { tj_session: manager.cookie }, payload: '{"broken' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toBe('请求体不是有效的 JSON');
  });

  it('refuses a stale version: the second of two concurrent edits gets 409', async () => {
    const before = (await manager.get(`/api/orgs/${tree.sy}`)).json();
    const first = await manager.patch(`/api/orgs/${tree.sy}`, { version: before.version, memberCount: 120 });
    expect(first.statusCode).toBe(200);
    const second = await admin.patch(`/api/orgs/${tree.sy}`, { version: before.version, memberCount: 999 });
    expect(second.statusCode).toBe(409);
    expect(second.json().message).toContain('已被他人修改');
    expect((await manager.get(`/api/orgs/${tree.sy}`)).json().memberCount).toBe(120);
  });

  it('lists children page by page and finds orgs by a Chinese substring', async () => {
    const kids = (await manager.get(`/api/orgs/${tree.mx}/children?pageSize=1`)).json();
    expect(kids.total).toBe(2);
    expect(kids.items).toHaveLength(1);
    const found = (await manager.get(`/api/orgs?q=${encodeURIComponent('东岭')}`)).json();
    expect(found.items.map((o: { code: string }) => o.code)).toEqual(['441403113202']);
  });
});

describe('X.1 restructuring is dated (moves, mergers, splits keep history)', () => {
  it('refuses to move an org under its own descendant', async () => {
    const mx = (await admin.get(`/api/orgs/${tree.mx}`)).json();
    const res = await admin.post(`/api/orgs/${tree.mx}/move`, { newParentId: tree.bc, effectiveOn: '2026-01-01', version: mx.version });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('下级组织');
  });

  it('moves a subtree, rewrites every path, and answers "as of" queries with the old tree', async () => {
    const bc = (await manager.get(`/api/orgs/${tree.bc}`)).json();
    const res = await manager.post(`/api/orgs/${tree.bc}/move`, { newParentId: tree.xn, effectiveOn: '2026-02-01', version: bc.version });
    expect(res.statusCode).toBe(200);
    const village = (await manager.get(`/api/orgs/${tree.bc1}`)).json();
    expect(village.ancestors.map((a: { name: string }) => a.name)).toEqual(['共青团梅州市委员会', '共青团兴宁市委员会', '丙村镇团委']);
    const now = (await manager.get(`/api/orgs/${tree.mx}/children`)).json();
    expect(now.items.map((o: { id: number }) => o.id)).not.toContain(tree.bc);
    const then = (await manager.get(`/api/orgs/${tree.mx}/children?asOf=2025-12-31`)).json();
    expect(then.items.map((o: { id: number }) => o.id)).toContain(tree.bc);
    const rows = await t.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM orgs WHERE path LIKE '/1/${tree.gd}/${tree.mz}/${tree.xn}/${tree.bc}/%'`);
    expect(rows[0]!.n).toBeGreaterThanOrEqual(2);
  });

  it('merges one township into another: children move, the merged one is dissolved on the date', async () => {
    const sy = (await manager.get(`/api/orgs/${tree.sy}`)).json();
    const res = await manager.post(`/api/orgs/${tree.sy}/merge`, { intoId: tree.bc, effectiveOn: '2026-03-01', version: sy.version });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('dissolved');
    expect(res.json().dissolvedOn).toBe('2026-03-01');
    const village = (await manager.get(`/api/orgs/${tree.sy1}`)).json();
    expect(village.parentId).toBe(tree.bc);
    const before = (await manager.get(`/api/orgs/${tree.sy}/children?asOf=2026-02-15`)).json();
    expect(before.items.map((o: { id: number }) => o.id)).toEqual([tree.sy1]);
    const events = (await manager.get(`/api/orgs/${tree.sy}/events`)).json();
    expect(events.items.map((e: { kind: string }) => e.kind)).toContain('merged');
  });

  it('splits a township into two new ones that take its villages', async () => {
    const bc = (await manager.get(`/api/orgs/${tree.bc}`)).json();
    const kids = (await manager.get(`/api/orgs/${tree.bc}/children`)).json().items.filter((o: { status: string }) => o.status !== 'dissolved');
    const ids = kids.map((k: { id: number }) => k.id);
    const res = await manager.post(`/api/orgs/${tree.bc}/split`, {
      effectiveOn: '2026-04-01', version: bc.version,
      parts: [{ name: '丙村镇东片团委', code: 'BC-E', childIds: ids.slice(0, 1) }, { name: '丙村镇西片团委', code: 'BC-W', childIds: ids.slice(1) }],
    });
    expect(res.statusCode).toBe(200);
    const { createdIds } = res.json();
    expect(createdIds).toHaveLength(2);
    expect((await manager.get(`/api/orgs/${tree.bc}`)).json().status).toBe('dissolved');
    const east = (await manager.get(`/api/orgs/${createdIds[0]}/children`)).json();
    expect(east.total).toBe(1);
  });

  it('dissolving an org that still has active children is refused', async () => {
    const xn = (await admin.get(`/api/orgs/${tree.xn}`)).json();
    const res = await admin.post(`/api/orgs/${tree.xn}/dissolve`, { effectiveOn: '2026-05-01', reason: '测试', version: xn.version });
    expect(res.statusCode).toBe(400);
  });

  it('S4.6 an org in preparation with an acting secretary is founded on a date', async () => {
    const res = await manager.post('/api/orgs', { parentId: tree.xn1, code: 'XN-Q-1', name: '宁新青年志愿队', kind: 'quasi_org', status: 'preparing', leaders: [{ position: 'acting_secretary', name: '刘洋' }] });
    expect(res.json().status).toBe('preparing');
    expect(res.json().foundedOn).toBeNull();
    const found = await manager.post(`/api/orgs/${res.json().id}/found`, { effectiveOn: '2026-06-01', version: res.json().version });
    expect(found.json().status).toBe('founded');
    expect(found.json().foundedOn).toBe('2026-06-01');
  });
});

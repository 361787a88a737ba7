import { beforeAll, describe, expect, it } from 'vitest';
import { loginAs, seedUser, testApp, type Client } from './helpers';

let t: Awaited<ReturnType<typeof testApp>>;
let mgr: Client;
let viewer: Client;

beforeAll(async () => {
  t = await testApp();
  await seedUser(t.database, 'pm', 'manager', t.tree.mz);
  await seedUser(t.database, 'pv', 'viewer', t.tree.mz);
  mgr = await loginAs(t.app, 'pm');
  viewer = await loginAs(t.app, 'pv');
});

describe('departments and cadres with contacts (subjects of S2.3, S3.2, S4.3)', () => {
  it('adds departments and cadres to a committee; viewers see masked mobiles', async () => {
    const withDep = (await mgr.post(`/api/orgs/${t.tree.mz}/departments`, { name: '组织部' })).json();
    const depId = withDep.departments[0].id;
    const res = await mgr.post(`/api/orgs/${t.tree.mz}/cadres`, { name: '黄勇君', position: '城乡部部长', departmentId: depId, mobile: '13902254110' });
    expect(res.statusCode).toBe(200);
    expect(res.json().cadres[0]).toMatchObject({ name: '黄勇君', departmentName: '组织部', mobile: '13902254110' });
    const seen = (await viewer.get(`/api/orgs/${t.tree.mz}/people`)).json();
    expect(seen.cadres[0].mobile).toBe('139****4110');
  });

  it('refuses a department of another committee and a duplicate department name', async () => {
    const other = (await mgr.post(`/api/orgs/${t.tree.mx}/departments`, { name: '宣传部' })).json().departments[0].id;
    const res = await mgr.post(`/api/orgs/${t.tree.mz}/cadres`, { name: '某人', departmentId: other });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0].path).toBe('body.departmentId');
    expect((await mgr.post(`/api/orgs/${t.tree.mz}/departments`, { name: '组织部' })).statusCode).toBe(400);
  });

  it('refuses a stale cadre edit', async () => {
    const cadre = (await mgr.get(`/api/orgs/${t.tree.mz}/people`)).json().cadres[0];
    expect((await mgr.patch(`/api/orgs/${t.tree.mz}/cadres/${cadre.id}`, { version: cadre.version, position: '副部长' })).statusCode).toBe(200);
    expect((await mgr.patch(`/api/orgs/${t.tree.mz}/cadres/${cadre.id}`, { version: cadre.version, position: '部长' })).statusCode).toBe(409);
  });
});

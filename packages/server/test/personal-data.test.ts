import { beforeAll, describe, expect, it } from 'vitest';
import { sealExistingPersonalData } from '../src/crypto/seal-existing';
import { dataCrypto } from '../src/crypto/data-crypto';
import { loginAs, seedUser, testApp, type Client } from './helpers';

/**
 * Personal data at rest (issue 9, 等保2.0): mobile numbers are sealed with SM4 in every table and masked
 * in the audit log; the API still gives them to whoever may see them.
 */
let t: Awaited<ReturnType<typeof testApp>>;
let manager: Client;
const MOBILES = ['13912340001', '13912340002', '13912340003'];

/** Every row of every table as text: what a database dump would contain. */
async function everything(): Promise<string> {
  const tables = await t.database.query<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'");
  let all = '';
  for (const { name } of tables) {
    const rows = await t.database.query<{ j: string }>(`SELECT row_to_json(x)::text AS j FROM "${name}" x`);
    all += rows.map((r) => r.j).join('\n');
  }
  return all;
}

beforeAll(async () => {
  t = await testApp();
  await seedUser(t.database, 'pd_manager', 'manager', t.tree.mx, MOBILES[0]);
  manager = await loginAs(t.app, 'pd_manager');
  const cadre = await manager.post(`/api/orgs/${t.tree.bc}/cadres`, { name: '李晓明', mobile: MOBILES[1] });
  expect(cadre.statusCode).toBe(200);
  const org = await manager.get(`/api/orgs/${t.tree.bc}`);
  const leaders = await manager.patch(`/api/orgs/${t.tree.bc}`, { version: org.json().version, leaders: [{ position: 'secretary', name: '陈静', mobile: MOBILES[2] }] });
  expect(leaders.statusCode).toBe(200);
});

describe('mobile numbers at rest', () => {
  it('no table, the audit log included, holds a readable mobile number', async () => {
    const dump = await everything();
    for (const m of MOBILES) expect(dump).not.toContain(m);
    expect(dump).toContain('sm4:1:');
    expect(dump).toContain('139****0003'); // the audit log keeps the masked form
  });

  it('whoever may see mobile numbers still reads them through the API', async () => {
    const people = (await manager.get(`/api/orgs/${t.tree.bc}/people`)).json();
    expect(people.cadres[0].mobile).toBe(MOBILES[1]);
    expect((await manager.get(`/api/orgs/${t.tree.bc}`)).json().leaders[0].mobile).toBe(MOBILES[2]);
  });

  it('a number is found by its keyed SM3 index without decrypting any row', async () => {
    const rows = await t.database.query<{ name: string }>('SELECT name FROM cadres WHERE mobile_hash = $1', [dataCrypto().blindIndex(MOBILES[1]!)]);
    expect(rows.map((r) => r.name)).toEqual(['李晓明']);
  });

  it('plaintext left by an older version is sealed at start, once', async () => {
    await t.database.query("INSERT INTO cadres (org_id, name, mobile) VALUES ($1, '旧数据', '13700000000')", [t.tree.bc]);
    expect(await sealExistingPersonalData(t.database)).toBe(1);
    expect(await sealExistingPersonalData(t.database)).toBe(0);
    expect(await everything()).not.toContain('13700000000');
    const people = (await manager.get(`/api/orgs/${t.tree.bc}/people`)).json();
    expect(people.cadres.find((c: { name: string }) => c.name === '旧数据').mobile).toBe('13700000000');
  });
});

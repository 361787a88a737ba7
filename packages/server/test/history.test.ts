import { beforeAll, describe, expect, it } from 'vitest';
import { existsDuring } from '@tuanjian/domain';
import { subtreeMembersDuring } from '../src/features/orgs/orgs.queries';
import { loginAs, seedUser, testApp, type Client } from './helpers';

let t: Awaited<ReturnType<typeof testApp>>;
let mgr: Client;

beforeAll(async () => {
  t = await testApp();
  await seedUser(t.database, 'hist', 'manager', t.tree.mz);
  mgr = await loginAs(t.app, 'hist');
  // 雁洋镇 merges into 丙村镇 on 2026-05-01.
  const sy = (await mgr.get(`/api/orgs/${t.tree.sy}`)).json();
  expect((await mgr.post(`/api/orgs/${t.tree.sy}/merge`, { intoId: t.tree.bc, effectiveOn: '2026-05-01', version: sy.version })).statusCode).toBe(200);
});

const townshipsOf = async (from: string, to: string) => {
  const ids = await subtreeMembersDuring(t.database.db, t.tree.mx, from, to, {});
  return [t.tree.bc, t.tree.sy].filter((id) => ids.includes(id));
};

describe('X.1 township mergers keep history: roll-ups use the tree as it stood', () => {
  it('a quarter before the merger rolls up over both townships', async () => {
    expect(await townshipsOf('2026-01-01', '2026-03-31')).toEqual([t.tree.bc, t.tree.sy]);
  });

  it('the quarter of the merger counts both (each existed in part of it), the next one only the survivor', async () => {
    expect(await townshipsOf('2026-04-01', '2026-06-30')).toEqual([t.tree.bc, t.tree.sy]);
    expect(await townshipsOf('2026-07-01', '2026-09-30')).toEqual([t.tree.bc]);
  });

  it('the merged township\'s village rolls up to whichever township held it on the day', async () => {
    const before = await subtreeMembersDuring(t.database.db, t.tree.sy, '2026-02-01', '2026-02-01', {});
    const after = await subtreeMembersDuring(t.database.db, t.tree.bc, '2026-06-01', '2026-06-01', {});
    expect(before).toContain(t.tree.sy1);
    expect(after).toContain(t.tree.sy1);
    expect(await subtreeMembersDuring(t.database.db, t.tree.bc, '2026-02-01', '2026-02-01', {})).not.toContain(t.tree.sy1);
  });

  it('the same dated membership narrowed in the query: to a level and kinds, or to given orgs', async () => {
    const q2 = ['2026-04-01', '2026-06-30'] as const;
    expect(await subtreeMembersDuring(t.database.db, t.tree.mx, ...q2, { level: 'township' })).toEqual([t.tree.bc, t.tree.sy].sort((a, b) => a - b));
    expect(await subtreeMembersDuring(t.database.db, t.tree.mx, '2026-07-01', '2026-09-30', { level: 'township' })).toEqual([t.tree.bc]);
    expect(await subtreeMembersDuring(t.database.db, t.tree.mz, ...q2, { level: 'township', kinds: ['working_committee'] })).toEqual([t.tree.xn1]);
    expect(await subtreeMembersDuring(t.database.db, t.tree.mx, ...q2, { ids: [t.tree.sy1, t.tree.xn1] })).toEqual([t.tree.sy1]);
  });

  it('expected reporters never exceed the orgs that existed, so rates cannot pass 100%', async () => {
    const rows = await t.database.query<{ founded_on: string | null; dissolved_on: string | null; id: number }>(
      'SELECT id, founded_on, dissolved_on FROM orgs WHERE id = ANY($1::int[])', [[t.tree.bc, t.tree.sy]]);
    const q3 = { start: '2026-07-01', end: '2026-09-30' };
    const expected = rows.filter((r) => existsDuring({ foundedOn: r.founded_on, dissolvedOn: r.dissolved_on }, q3)).map((r) => r.id);
    expect(expected).toEqual([t.tree.bc]);
  });
});

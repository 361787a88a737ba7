import { beforeAll, describe, expect, it } from 'vitest';
import { createOrg } from '../src/features/orgs/orgs.service';
import { registerBuiltinTemplates } from '../src/features/templates/builtin';
import { SYSTEM_ACTOR, systemContext } from '../src/system-actor';
import { loginAs, seedUser, testApp, testClock, type Client } from './helpers';

/**
 * 对标定级 (issue 7) on the 梅县区 fixture: branches score themselves against the 100-point standard,
 * the level above reviews, stars follow from the reviewed totals under the quotas (≤ 20% five-star,
 * ≤ 60% four-star), a failed mandatory item caps the stars, and the lock day ends it all.
 */
const clock = testClock(new Date('2026-11-02T02:00:00Z'));
let t: Awaited<ReturnType<typeof testApp>>;
let city: Client;
let town: Client; // manager at 丙村镇: reviews its branches
let branch: Client; // reporter at 丙村村团支部: scores itself
let programId: number;
const branches: number[] = [];
const FULL = { organization: 15, secretary: 15, membership: 15, meetings: 20, dues: 10, recruitment: 10, service: 15 };
/** Full marks less `off` points taken from the optional items first. */
const scoresFor = (total: number) => {
  let off = 100 - total;
  const s: Record<string, number> = { ...FULL };
  for (const k of ['service', 'membership', 'dues', 'recruitment'] as const) {
    const cut = Math.min(off, s[k]!);
    s[k] = s[k]! - cut;
    off -= cut;
  }
  return s;
};
const url = () => `/api/programs/${programId}/ratings/branch_star_rating`;
type Board = { quotas: Array<{ stars: number; max: number | null; used: number }>; rows: Array<{ orgId: number; status: string; selfTotal: number | null; reviewedTotal: number | null; stars: number | null; earned: number | null; starsReason: string | null; version: number; returnReason: string | null }> };
const rowOf = (b: Board, orgId: number) => b.rows.find((r) => r.orgId === orgId)!;

beforeAll(async () => {
  t = await testApp({ clock });
  const ctx = systemContext('test');
  await registerBuiltinTemplates(t.database.db);
  branches.push(t.tree.bc1, t.tree.bc2);
  for (let i = 3; i <= 10; i++) branches.push(await createOrg(t.database.db, ctx, SYSTEM_ACTOR, { parentId: t.tree.bc, code: `441403113-B${i}`, name: `丙村镇第${i}团支部`, kind: 'branch' }));
  await seedUser(t.database, 'r_city', 'manager', t.tree.mz);
  await seedUser(t.database, 'r_town', 'manager', t.tree.bc);
  await seedUser(t.database, 'r_branch', 'reporter', t.tree.bc1);
  city = await loginAs(t.app, 'r_city');
  town = await loginAs(t.app, 'r_town');
  branch = await loginAs(t.app, 'r_branch');
  const tpl = (await city.get('/api/templates')).json().items.find((x: { key: string }) => x.key === 'x-branch-star-rating');
  programId = (await city.post('/api/programs', { templateId: tpl.id, issuerOrgId: t.tree.mz, scopeOrgId: t.tree.mz, year: 2026 })).json().id;
}, 60_000);

describe('对标定级', () => {
  it('X.4 a branch scores itself item by item; a missing or excessive score is a 400 naming the item', async () => {
    const missing = await branch.put(`${url()}/orgs/${t.tree.bc1}`, { scores: { ...FULL, dues: undefined }, version: 0 });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().fields).toEqual([{ path: 'body.scores.dues', message: '请为“团费收缴”评分' }]);
    const over = await branch.put(`${url()}/orgs/${t.tree.bc1}`, { scores: { ...FULL, meetings: 25 }, version: 0 });
    expect(over.json().fields).toEqual([{ path: 'body.scores.meetings', message: '不能超过本项分值 20' }]);
    const ok = await branch.put(`${url()}/orgs/${t.tree.bc1}`, { scores: scoresFor(96), version: 0 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(rowOf(ok.json(), t.tree.bc1)).toMatchObject({ status: 'self_scored', selfTotal: 96, stars: null, version: 1 });
    // a branch cannot score its sibling, nor review itself
    expect((await branch.put(`${url()}/orgs/${t.tree.bc2}`, { scores: FULL, version: 0 })).statusCode).toBe(404);
    expect((await branch.post(`${url()}/orgs/${t.tree.bc1}/review`, { decision: 'approve', version: 1 })).statusCode).toBe(403);
  });

  it('X.4 the level above returns with a reason, the branch scores again, the level above confirms or corrects', async () => {
    const noReason = await town.post(`${url()}/orgs/${t.tree.bc1}/review`, { decision: 'return', version: 1 });
    expect(noReason.json().fields[0]).toEqual({ path: 'body.reason', message: '请填写退回理由' });
    const returned = await town.post(`${url()}/orgs/${t.tree.bc1}/review`, { decision: 'return', reason: '“三会两制一课”缺少会议记录照片', version: 1 });
    expect(rowOf(returned.json(), t.tree.bc1)).toMatchObject({ status: 'returned', returnReason: '“三会两制一课”缺少会议记录照片' });
    await branch.put(`${url()}/orgs/${t.tree.bc1}`, { scores: scoresFor(96), version: 2 });
    const corrected = await town.post(`${url()}/orgs/${t.tree.bc1}/review`, { decision: 'approve', scores: scoresFor(94), version: 3 });
    // one reviewed branch: 20% of 1 and 60% of 1 round down to no five- or four-star place yet
    expect(rowOf(corrected.json(), t.tree.bc1)).toMatchObject({ status: 'reviewed', selfTotal: 96, reviewedTotal: 94, earned: 5, stars: 3 });
    const audited = await t.database.query<{ action: string }>("SELECT action FROM audit_log WHERE object_type = 'star_rating' ORDER BY id");
    expect(audited.map((a) => a.action)).toEqual(['rating.self_score', 'rating.return', 'rating.self_score', 'rating.approve']);
  });

  it('X.4 stars follow the quotas: at most 20% five-star and 60% four-star, ties fall together, a failed mandatory item caps at three', async () => {
    // ten branches: 94 (already reviewed), 99, 98, 95, 95, 85, 85, 82, 70, and 97 with a mandatory item short
    const totals = [99, 98, 95, 95, 85, 85, 82, 70];
    for (const [i, total] of totals.entries()) {
      const orgId = branches[i + 1]!;
      const v = (await town.put(`${url()}/orgs/${orgId}`, { scores: scoresFor(total), version: 0 })).json();
      await town.post(`${url()}/orgs/${orgId}/review`, { decision: 'approve', version: rowOf(v, orgId).version });
    }
    const weak = branches[9]!;
    const v = (await town.put(`${url()}/orgs/${weak}`, { scores: { ...FULL, meetings: 17 }, version: 0 })).json();
    const board = (await town.post(`${url()}/orgs/${weak}/review`, { decision: 'approve', version: rowOf(v, weak).version })).json() as Board;
    const starsOf = (orgId: number) => rowOf(board, orgId).stars;
    // 10 reviewed: five-star holds 2 (99, 98); 97 fails a mandatory item → 3; 95, 95, 94 earned five but fall to four
    expect(board.quotas).toEqual([{ stars: 5, minScore: 90, max: 2, used: 2 }, { stars: 4, minScore: 80, max: 6, used: 6 }, { stars: 3, minScore: 60, max: null, used: 2 }]);
    expect([branches[1], branches[2]].map((b) => starsOf(b!))).toEqual([5, 5]);
    expect([branches[3], branches[4], branches[0]].map((b) => starsOf(b!))).toEqual([4, 4, 4]);
    expect(rowOf(board, branches[0]!)).toMatchObject({ earned: 5, starsReason: '5 星名额已满（同分者同级）' });
    expect([branches[5], branches[6], branches[7]].map((b) => starsOf(b!))).toEqual([4, 4, 4]);
    expect(starsOf(branches[8]!)).toBe(3);
    expect(rowOf(board, weak)).toMatchObject({ reviewedTotal: 97, stars: 3, starsReason: '必备条件未达到' });
    // the city sees the same stars; the branch sees only itself
    expect((await city.get(url())).json().rows).toHaveLength(10);
    expect((await branch.get(url())).json().rows.map((r: { orgId: number }) => r.orgId)).toEqual([t.tree.bc1]);
  });

  it('X.4 after the lock day nothing can be scored or reviewed', async () => {
    clock.advance(Date.parse('2026-12-21T02:00:00Z') - clock.now().getTime());
    branch = await loginAs(t.app, 'r_branch');
    const board = (await branch.get(url())).json();
    expect(board.standard).toMatchObject({ lockOn: '2026-12-20', locked: true });
    const late = await branch.put(`${url()}/orgs/${t.tree.bc1}`, { scores: FULL, version: 4 });
    expect(late.statusCode).toBe(400);
    expect(late.json().message).toBe('已过定级锁定日期（2026-12-20），不能再评分或审核');
  });
});

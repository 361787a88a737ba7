import { beforeAll, describe, expect, it } from 'vitest';
import { registerBuiltinTemplates } from '../src/features/templates/builtin';
import { createProgram } from '../src/features/programs/programs.service';
import { SYSTEM_ACTOR, systemContext } from '../src/system-actor';
import { loginAs, seedUser, testApp, type Client } from './helpers';

/** QR check-in (issue 4): people reached is counted from distinct mobiles, not typed. S0.9 joint activity on 梅县区. */
let t: Awaited<ReturnType<typeof testApp>>;
let town: Client; // reporter at 丙村镇
let county: Client; // manager at 梅县区
let programId: number;
let recordId: number;
let token: string;

const anonymous = (method: 'GET' | 'POST', url: string, payload?: unknown) => t.app.inject({ method, url, payload: payload as never });

beforeAll(async () => {
  t = await testApp();
  await registerBuiltinTemplates(t.database.db);
  const templateId = (await t.database.query<{ id: number }>("SELECT id FROM program_templates WHERE key = 's0-meizhou-pairing'"))[0]!.id;
  programId = await createProgram(t.database.db, systemContext('test'), SYSTEM_ACTOR, { templateId, issuerOrgId: t.tree.mx, scopeOrgId: t.tree.mx, year: 2026 });
  await seedUser(t.database, 'bc_rep', 'reporter', t.tree.bc);
  await seedUser(t.database, 'mx_mgr', 'manager', t.tree.mx);
  town = await loginAs(t.app, 'bc_rep');
  county = await loginAs(t.app, 'mx_mgr');
  const saved = (await town.post(`/api/programs/${programId}/records`, {
    kind: 'joint_activity', orgId: t.tree.bc, occurredOn: '2026-02-20', peopleReached: 80, partnerOrgIds: [t.tree.sy], fields: { title: '青年志愿服务进村', content: '联合开展志愿服务' },
  })).json();
  recordId = saved.savedId;
});

describe('attendance check-in', () => {
  it('S0.9 the recorder opens a check-in; the link works without an account and shows the activity', async () => {
    const res = await town.post(`/api/records/${recordId}/checkin-code`, { hours: 6 });
    expect(res.statusCode).toBe(200);
    token = res.json().token;
    expect(res.json().path).toBe(`/checkin/${token}`);
    const info = await anonymous('GET', `/api/checkin/${token}`);
    expect(info.statusCode).toBe(200);
    expect(info.json()).toMatchObject({ activity: '青年志愿服务进村', orgName: '丙村镇团委', occurredOn: '2026-02-20', count: 0 });
    const stored = await t.database.query<{ h: string }>('SELECT checkin_token_hash AS h FROM records WHERE id = $1', [recordId]);
    expect(stored[0]!.h).not.toContain(token); // only the hash is kept
  });

  it('S0.9 people reached becomes the count of distinct mobiles; a second scan of one phone counts once', async () => {
    for (const [name, mobile] of [['张三', '13800000001'], ['李四', '13800000002'], ['王五', '13800000003']]) {
      expect((await anonymous('POST', `/api/checkin/${token}`, { name, mobile })).json()).toMatchObject({ already: false });
    }
    expect((await anonymous('POST', `/api/checkin/${token}`, { name: '张三', mobile: '13800000001' })).json()).toEqual({ count: 3, already: true });
    const list = (await town.get(`/api/programs/${programId}/records`)).json().items;
    expect(list.find((r: { id: number }) => r.id === recordId).peopleReached).toBe(3);
  });

  it('the typed number can no longer be changed by hand', async () => {
    const rec = (await town.get(`/api/programs/${programId}/records`)).json().items.find((r: { id: number }) => r.id === recordId);
    const res = await town.patch(`/api/records/${recordId}`, { version: rec.version, peopleReached: 500 });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0]).toEqual({ path: 'body.peopleReached', message: '由签到统计' });
  });

  it('bad input is refused in Chinese: a malformed mobile, an empty name, a forged token', async () => {
    const bad = await anonymous('POST', `/api/checkin/${token}`, { name: '赵六', mobile: '12345' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0]).toMatchObject({ path: 'body.mobile', message: '手机号应为 11 位数字' });
    expect((await anonymous('POST', `/api/checkin/${token}`, { name: ' ', mobile: '13800000009' })).json().fields[0].path).toBe('body.name');
    expect((await anonymous('GET', `/api/checkin/${'x'.repeat(24)}`)).statusCode).toBe(404);
  });

  it('attendee mobiles are masked for those who may not see them', async () => {
    const forReporter = (await town.get(`/api/records/${recordId}/checkins`)).json();
    expect(forReporter.items.map((c: { mobile: string }) => c.mobile)).toEqual(['138****0001', '138****0002', '138****0003']);
    const forManager = (await county.get(`/api/records/${recordId}/checkins`)).json();
    expect(forManager.items[0].mobile).toBe('13800000001');
  });

  it('check-in closes at expiry, and a kind that counts no people needs none', async () => {
    t.clock.advance(7 * 3_600_000);
    expect((await anonymous('POST', `/api/checkin/${token}`, { name: '迟到', mobile: '13800000004' })).statusCode).toBe(404);
    town = await loginAs(t.app, 'bc_rep'); // the session idled out meanwhile
    const other = (await town.post(`/api/programs/${programId}/records`, { kind: 'site_supervision', orgId: t.tree.bc, occurredOn: '2026-02-21', fields: { visited_org: '丙村村团支部' } })).json();
    const res = await town.post(`/api/records/${other.savedId}/checkin-code`, {});
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe('“实地督导调研”不统计参加人数，无需签到');
  });
});

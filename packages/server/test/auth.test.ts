import { beforeAll, describe, expect, it } from 'vitest';
import { loginAs, PASSWORD, seedUser, testApp } from './helpers';

let t: Awaited<ReturnType<typeof testApp>>;

beforeAll(async () => {
  t = await testApp();
  await seedUser(t.database, 'alice', 'manager', t.tree.mz);
  await seedUser(t.database, 'bob', 'reporter', t.tree.mx);
  await seedUser(t.database, 'carol', 'viewer', t.tree.mx);
});

const login = (username: string, password: string) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

describe('accounts and sessions', () => {
  it('sets an HttpOnly SameSite session cookie and stores only a hash of the token', async () => {
    const res = await login('alice', PASSWORD);
    expect(res.statusCode).toBe(200);
    const c = res.cookies.find((x) => x.name === 'tj_session')!;
    expect(c.httpOnly).toBe(true);
    expect(c.sameSite).toBe('Strict');
    const rows = await t.database.query<{ id: string }>('SELECT id FROM sessions');
    expect(rows.map((r) => r.id)).not.toContain(c.value);
    const hash = (await t.database.query<{ password_hash: string }>("SELECT password_hash FROM users WHERE username = 'alice'"))[0]!.password_hash;
    expect(hash.startsWith('$argon2id$')).toBe(true);
  });

  it('gives the same answer for an unknown user and a wrong password', async () => {
    const a = await login('nobody', 'whatever-Pass1');
    const b = await login('alice', 'wrong-Password1');
    expect(a.statusCode).toBe(401);
    expect(b.statusCode).toBe(401);
    expect(a.json().message).toBe(b.json().message);
  });

  it('locks an account for 15 minutes after 5 failures', async () => {
    for (let i = 0; i < 4; i++) expect((await login('carol', 'bad-Password1')).statusCode).toBe(401);
    expect((await login('carol', 'bad-Password1')).statusCode).toBe(429);
    const locked = await login('carol', PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().message).toContain('锁定');
    t.clock.advance(16 * 60_000);
    expect((await login('carol', PASSWORD)).statusCode).toBe(200);
  });

  it('ends a session after 30 idle minutes', async () => {
    const c = await loginAs(t.app, 'bob');
    expect((await c.get('/api/auth/session')).statusCode).toBe(200);
    t.clock.advance(31 * 60_000);
    const res = await c.get('/api/auth/session');
    expect(res.statusCode).toBe(401);
    expect(res.json().message).toContain('过期');
  });

  it('requires the CSRF token on every state-changing request', async () => {
    const c = await loginAs(t.app, 'alice');
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/logout', cookies: { tj_session: c.cookie } });
    expect(res.statusCode).toBe(403);
    const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/logout', cookies: { tj_session: c.cookie }, headers: { 'x-csrf-token': 'x'.repeat(32) } });
    expect(wrong.statusCode).toBe(403);
    expect((await c.post('/api/auth/logout')).statusCode).toBe(200);
    expect((await c.get('/api/auth/session')).statusCode).toBe(401);
  });

  it('logs out everywhere', async () => {
    const one = await loginAs(t.app, 'alice');
    const two = await loginAs(t.app, 'alice');
    expect((await one.post('/api/auth/logout-all')).statusCode).toBe(200);
    expect((await two.get('/api/auth/session')).statusCode).toBe(401);
  });

  it('enforces the password policy (≥ 10 characters, three classes) and revokes sessions on change', async () => {
    const c = await loginAs(t.app, 'bob');
    const weak = await c.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'abcdefghij' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().fields[0].path).toBe('body.newPassword');
    const other = await loginAs(t.app, 'bob');
    expect((await c.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'New-Passw0rd-x' })).statusCode).toBe(200);
    expect((await other.get('/api/auth/session')).statusCode).toBe(401);
    expect((await login('bob', 'New-Passw0rd-x')).statusCode).toBe(200);
  });

  it('masks mobile numbers for roles that may not see them', async () => {
    const admin = await loginAs(t.app, 'alice');
    const created = await admin.post('/api/orgs', { parentId: t.tree.mx, code: 'MX-M-1', name: '手机测试团支部', kind: 'branch', leaders: [{ position: 'secretary', name: '赵六', mobile: '13812341234' }] });
    expect(created.json().leaders[0].mobile).toBe('13812341234');
    await seedUser(t.database, 'dave', 'viewer', t.tree.mx);
    const viewer = await loginAs(t.app, 'dave');
    const seen = (await viewer.get(`/api/orgs/${created.json().id}`)).json();
    expect(seen.leaders[0].mobile).toBe('138****1234');
  });
});

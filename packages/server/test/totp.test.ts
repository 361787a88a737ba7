import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/http/app';
import { base32Decode, hotp, totpAt, totpStep } from '../src/auth/totp';
import { freshDatabase, loginAs, PASSWORD, seedUser, testApp, TEST_TOTP_SECRET } from './helpers';

let t: Awaited<ReturnType<typeof testApp>>;

beforeAll(async () => {
  t = await testApp();
  await seedUser(t.database, 'newadmin', 'administrator', 1, undefined, { totp: false });
  await seedUser(t.database, 'root', 'administrator', 1);
  await seedUser(t.database, 'lockme', 'administrator', 1);
  await seedUser(t.database, 'alice', 'manager', t.tree.mz);
  await seedUser(t.database, 'sec', 'security_admin', 1);
});

const password = (username: string) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } });
const second = (pendingToken: string, code: string) => t.app.inject({ method: 'POST', url: '/api/auth/login/totp', payload: { pendingToken, code } });
const codeAt = (secret: string, step: number) => hotp(base32Decode(secret), step);
const step = () => totpStep(t.clock.now());

describe('TOTP second factor (issue 9 accounts, 等保2.0)', () => {
  it('an administrator without TOTP can only enrol: every other route answers 403 请先绑定动态口令 until a code confirms it', async () => {
    const res = await password('newadmin');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ mustEnrolTotp: true, totpEnabled: false, abilities: [] });
    const cookie = res.cookies.find((c) => c.name === 'tj_session')!.value;
    const csrf = res.json().csrfToken as string;
    const send = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
      t.app.inject({ method, url, payload: payload as never, cookies: { tj_session: cookie }, headers: method === 'GET' ? {} : { 'x-csrf-token': csrf } });

    for (const [method, url] of [['GET', '/api/orgs/roots'], ['GET', '/api/users'], ['GET', '/api/audit'], ['POST', '/api/auth/password']] as const) {
      const blocked = await send(method, url, method === 'POST' ? { currentPassword: PASSWORD, newPassword: 'Another#Passw0rd' } : undefined);
      expect(blocked.statusCode, url).toBe(403);
      expect(blocked.json().message).toBe('请先绑定动态口令');
    }
    expect((await send('GET', '/api/auth/session')).statusCode).toBe(200);

    const setup = await send('POST', '/api/auth/totp/setup', {});
    expect(setup.statusCode).toBe(200);
    const { uri, secret } = setup.json() as { uri: string; secret: string };
    expect(uri).toMatch(/^otpauth:\/\/totp\/.+\?secret=[A-Z2-7]+&issuer=.+&algorithm=SHA1&digits=6&period=30$/);
    expect(new URL(uri).searchParams.get('secret')).toBe(secret);
    // Sealed at rest (SM4), and never in the audit log.
    const stored = (await t.database.query<{ totp_secret: string; totp_enabled_at: Date | null }>("SELECT totp_secret, totp_enabled_at FROM users WHERE username = 'newadmin'"))[0]!;
    expect(stored.totp_secret.startsWith('sm4:1:')).toBe(true);
    expect(stored.totp_secret).not.toContain(secret);
    expect(stored.totp_enabled_at).toBeNull();

    const wrong = await send('POST', '/api/auth/totp/confirm', { code: codeAt(secret, step() + 5) });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().fields[0].path).toBe('body.code');
    expect((await send('GET', '/api/orgs/roots')).statusCode).toBe(403);

    const ok = await send('POST', '/api/auth/totp/confirm', { code: totpAt(secret, t.clock.now()) });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ mustEnrolTotp: false, totpEnabled: true });
    expect(ok.json().abilities).toContain('org.read');
    expect((await send('GET', '/api/orgs/roots')).statusCode).toBe(200);
    // A confirmed secret is not replaced by whoever holds the session: that is a reset by the security administrator.
    expect((await send('POST', '/api/auth/totp/setup', {})).statusCode).toBe(409);

    const audit = await t.database.query<{ action: string; text: string }>("SELECT action, before::text || after::text AS text FROM audit_log WHERE actor_name = 'newadmin' OR object_id = (SELECT id::text FROM users WHERE username = 'newadmin')");
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['auth.totp_setup', 'auth.totp_enabled']));
    expect(audit.some((a) => (a.text ?? '').includes(secret))).toBe(false);

    // From now on the password alone opens nothing: the answer asks for the code and sets no cookie.
    t.clock.advance(60_000);
    const next = await password('newadmin');
    expect(next.json()).toMatchObject({ secondFactor: 'totp' });
    expect(next.cookies.find((c) => c.name === 'tj_session')).toBeUndefined();
    const done = await second(next.json().pendingToken, totpAt(secret, t.clock.now()));
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ user: { username: 'newadmin' }, totpEnabled: true, mustEnrolTotp: false });
    expect(done.cookies.find((c) => c.name === 'tj_session')?.httpOnly).toBe(true);
  });

  it('a code is accepted one step early or late, not two, and never twice; the pending token is single-use and expires', async () => {
    t.clock.advance(5 * 60_000);
    const s = step();
    // one step late
    const a = await password('root');
    expect((await second(a.json().pendingToken, codeAt(TEST_TOTP_SECRET, s - 1))).statusCode).toBe(200);
    // the same code again, on a fresh challenge: refused
    const b = await password('root');
    const replay = await second(b.json().pendingToken, codeAt(TEST_TOTP_SECRET, s - 1));
    expect(replay.statusCode).toBe(401);
    expect(replay.json().message).toBe('动态口令错误或已使用');
    // two steps early: refused; one step early: accepted
    expect((await second(b.json().pendingToken, codeAt(TEST_TOTP_SECRET, s + 2))).statusCode).toBe(401);
    const early = await second(b.json().pendingToken, codeAt(TEST_TOTP_SECRET, s + 1));
    expect(early.statusCode).toBe(200);
    // a used pending token opens nothing, even with a code that would otherwise be good
    t.clock.advance(3 * 30_000);
    expect((await second(b.json().pendingToken, totpAt(TEST_TOTP_SECRET, t.clock.now()))).statusCode).toBe(401);
    // a pending token expires after five minutes
    const c = await password('root');
    t.clock.advance(6 * 60_000);
    const late = await second(c.json().pendingToken, totpAt(TEST_TOTP_SECRET, t.clock.now()));
    expect(late.statusCode).toBe(401);
    expect(late.json().message).toContain('过期');
  });

  it('wrong codes count toward the lockout like wrong passwords', async () => {
    const p = await password('lockme');
    const token = p.json().pendingToken as string;
    const bad = codeAt(TEST_TOTP_SECRET, step() + 10);
    for (let i = 0; i < 4; i++) expect((await second(token, bad)).statusCode).toBe(401);
    const locked = await second(token, bad);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().message).toContain('锁定');
    // locked: neither the right code nor the password gets in
    expect((await second(token, totpAt(TEST_TOTP_SECRET, t.clock.now()))).statusCode).toBe(429);
    expect((await password('lockme')).statusCode).toBe(429);
    const rows = await t.database.query<{ action: string }>("SELECT action FROM audit_log WHERE actor_name = 'lockme' AND after->>'factor' = 'totp'");
    expect(rows.map((r) => r.action)).toContain('auth.locked');
    t.clock.advance(16 * 60_000);
    expect((await loginAs(t.app, 'lockme')).csrfToken).toBeTruthy();
  });

  it('is optional for other roles: a manager signs in with a password, and after enrolling is asked for the code', async () => {
    const first = await password('alice');
    expect(first.json()).toMatchObject({ mustEnrolTotp: false, totpEnabled: false });
    const c = await loginAs(t.app, 'alice');
    expect((await c.get('/api/orgs/roots')).statusCode).toBe(200);
    const { secret } = (await c.post('/api/auth/totp/setup')).json() as { secret: string };
    expect((await c.post('/api/auth/totp/confirm', { code: totpAt(secret, t.clock.now()) })).statusCode).toBe(200);
    t.clock.advance(30_000);
    const next = await password('alice');
    expect(next.json().secondFactor).toBe('totp');
    expect((await second(next.json().pendingToken, totpAt(secret, t.clock.now()))).statusCode).toBe(200);
  });

  it('a user whose TOTP is reset by the security administrator (lost phone) loses every session and enrols again', async () => {
    const admin = await loginAs(t.app, 'sec');
    const target = (await t.database.query<{ id: number; version: number }>("SELECT id, version FROM users WHERE username = 'alice'"))[0]!;
    const aliceSession = await password('alice');
    expect(aliceSession.json().secondFactor).toBe('totp');
    // a code that is not six digits is a 400 on the field, not a failure counted against the account
    expect((await second(aliceSession.json().pendingToken, 'x'.repeat(6))).json().fields[0].path).toBe('body.code');
    const reset = await admin.patch(`/api/users/${target.id}`, { resetTotp: true, version: target.version });
    expect(reset.statusCode).toBe(200);
    expect(reset.json().totpEnabled).toBe(false);
    const again = await password('alice');
    expect(again.json()).toMatchObject({ totpEnabled: false });
  });
});

describe('TUANJIAN_ADMIN_TOTP=optional (demos and trials)', () => {
  it('lets an administrator without TOTP sign in and work (the first test above is the default, required)', async () => {
    const database = await freshDatabase();
    const app = await buildApp({ database, webDist: null, config: { sessionIdleMinutes: 30, sessionAbsoluteHours: 12, logLevel: 'silent', secureCookies: false, adminTotp: 'optional' } });
    try {
      await seedUser(database, 'demoadmin', 'administrator', 1, undefined, { totp: false });
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'demoadmin', password: PASSWORD } });
      expect(res.json()).toMatchObject({ mustEnrolTotp: false, totpEnabled: false });
      const cookie = res.cookies.find((c) => c.name === 'tj_session')!.value;
      expect((await app.inject({ method: 'GET', url: '/api/orgs/roots', cookies: { tj_session: cookie } })).statusCode).toBe(200);
    } finally {
      await app.close();
      await database.close();
    }
  });
});

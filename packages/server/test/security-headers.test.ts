import { beforeAll, describe, expect, it } from 'vitest';
import { testApp } from './helpers';

/** Secure headers and request limits (issue 9, 等保2.0 style). */
let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp();
});

describe('secure headers', () => {
  it('every answer forbids sniffing and framing and carries a self-only content security policy', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['strict-transport-security']).toBeUndefined(); // only behind HTTPS (secure cookies)
  });
});

describe('rate limits', () => {
  it('login from one address is limited per minute on top of the per-account lockout, and frees up after the window', async () => {
    const attempt = (username: string) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'Wrong#Passw0rd1' } });
    const answers = [];
    for (let i = 0; i < 31; i++) answers.push((await attempt(`sprayer${i}`)).statusCode); // a new name each time: no lockout applies
    expect(answers.slice(0, 30).every((s) => s === 401)).toBe(true);
    const limited = await attempt('sprayer31');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().message).toMatch(/^请求过于频繁，请 \d+ 秒后再试$/);
    t.clock.advance(61_000);
    expect((await attempt('sprayer32')).statusCode).toBe(401);
  });
});

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { base32Decode, hotp, totpStep } from '../../server/src/auth/totp';
import { launch, login } from './browser';

let browser: Browser;

/** A fresh account made through the API by the security administrator, so no other e2e test's demo account gains a second factor. */
async function createUser(username: string) {
  const base = inject('baseUrl');
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'secadmin', password: inject('password') }) });
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const headers = { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
  const created = await fetch(`${base}/api/users`, { method: 'POST', headers, body: JSON.stringify({ username, displayName: '动态口令测试', role: 'reporter', orgId: 1, password: inject('password') }) });
  expect(created.status).toBe(200);
}

beforeAll(async () => {
  browser = await launch();
  await createUser('e2e_totp');
});
afterAll(async () => {
  await browser?.close();
});

describe('动态口令（issue 9, 等保2.0 second factor)', () => {
  // Guards: the enrolment page (QR code + secret + code) and the login's second step work in a real browser.
  it('a user binds an authenticator from the user menu, then signs in with password and code', async () => {
    const page = await login(browser, 'e2e_totp');
    await page.getByRole('button', { name: /当前用户/ }).click();
    await page.getByRole('menuitem', { name: '绑定动态口令' }).click();
    await page.waitForURL(/\/totp-setup/);
    await page.getByRole('button', { name: '获取二维码' }).click();
    await page.getByRole('img', { name: '动态口令二维码' }).waitFor();
    const secret = (await page.locator('code').first().textContent())!.trim();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const key = base32Decode(secret);
    const step = totpStep(new Date());
    await page.getByRole('textbox', { name: '动态口令' }).fill(hotp(key, step));
    await page.getByRole('button', { name: '确认绑定' }).click();
    await page.getByText('动态口令已绑定').waitFor();
    await page.close();

    const context = await browser.newContext({ locale: 'zh-CN' });
    const again = await context.newPage();
    await again.goto(`${inject('baseUrl')}/login`);
    await again.getByLabel('用户名').fill('e2e_totp');
    await again.getByLabel('密码').fill(inject('password'));
    await again.getByRole('button', { name: /登\s*录/ }).click();
    // the password alone is not enough now
    await again.getByRole('textbox', { name: '动态口令' }).fill(hotp(key, step)); // the code just used: refused
    await again.getByRole('button', { name: /验\s*证/ }).click();
    await again.getByRole('alert').filter({ hasText: '动态口令错误或已使用' }).waitFor();
    await again.getByRole('textbox', { name: '动态口令' }).fill(hotp(key, step + 1));
    await again.getByRole('button', { name: /验\s*证/ }).click();
    await again.waitForURL(/\/orgs/);
    await context.close();
  });
});

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { base32Decode, hotp, totpStep } from '../../server/src/auth/totp';
import { launch, login } from './browser';
import { enrol } from './totp-store';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** An API call from the page's own session (cookie and CSRF token), as the UI would make it. */
async function apiPost(page: Page, url: string, data: unknown) {
  const { csrfToken } = (await (await page.request.get(`${inject('baseUrl')}/api/auth/session`)).json()) as { csrfToken: string };
  return page.request.post(`${inject('baseUrl')}${url}`, { data, headers: { 'x-csrf-token': csrfToken } });
}

describe('动态口令（issue 9, 等保2.0 second factor)', () => {
  // Guards: an administrator's first sign-in is held on the enrolment page until a code confirms the binding.
  it('the security administrator\'s first sign-in binds an authenticator before anything else opens', async () => {
    // A security administrator of its own: secadmin may have signed in (and bound) in an earlier file of the run.
    const sec = await login(browser, 'secadmin');
    const created = await apiPost(sec, '/api/users', { username: 'e2e_secadmin', displayName: '安全管理员二', role: 'security_admin', orgId: 1, password: inject('password') });
    expect(created.status()).toBe(200);
    await sec.close();

    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${inject('baseUrl')}/login`);
    await page.getByLabel('用户名').fill('e2e_secadmin');
    await page.getByLabel('密码').fill(inject('password'));
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL(/\/totp-setup/);
    await page.getByText('完成绑定前不能使用其他功能').waitFor();
    // no way around it: another page sends it back, the API refuses
    await page.goto(`${inject('baseUrl')}/users`);
    await page.waitForURL(/\/totp-setup/);
    const refused = await page.request.get(`${inject('baseUrl')}/api/users`);
    expect(refused.status()).toBe(403);
    expect((await refused.json()).message).toBe('请先绑定动态口令');

    await page.getByRole('button', { name: '获取二维码' }).click();
    await page.getByRole('img', { name: '动态口令二维码' }).waitFor();
    const secret = (await page.locator('code').first().textContent())!.trim();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await page.getByRole('textbox', { name: '动态口令' }).fill(enrol('e2e_secadmin', secret));
    await page.getByRole('button', { name: '确认绑定' }).click();
    await page.getByText('动态口令已绑定').waitFor();
    await page.getByRole('button', { name: '进入系统' }).click();
    await page.waitForURL(/\/users/); // its own page: it reads no business data
    await page.getByRole('menuitem', { name: '用户与角色' }).waitFor();
    expect(await page.getByRole('menuitem', { name: '组织架构' }).count()).toBe(0);
    expect((await page.request.get(`${inject('baseUrl')}/api/users`)).status()).toBe(200);
    await context.close();
  });

  // Guards: the enrolment page (QR code + secret + code) from the user menu and the login's second step, for an optional role.
  it('a user binds an authenticator from the user menu, then signs in with password and code', async () => {
    const sec = await login(browser, 'secadmin');
    const created = await apiPost(sec, '/api/users', { username: 'e2e_totp', displayName: '动态口令测试', role: 'reporter', orgId: 1, password: inject('password') });
    expect(created.status()).toBe(200);
    await sec.close();

    const page = await login(browser, 'e2e_totp');
    await page.getByRole('button', { name: /当前用户/ }).click();
    await page.getByRole('menuitem', { name: '绑定动态口令' }).click();
    await page.waitForURL(/\/totp-setup/);
    await page.getByRole('button', { name: '获取二维码' }).click();
    await page.getByRole('img', { name: '动态口令二维码' }).waitFor();
    const key = base32Decode((await page.locator('code').first().textContent())!.trim());
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
    // the password alone is not enough now, and the code just used is refused
    await again.getByRole('textbox', { name: '动态口令' }).fill(hotp(key, step));
    await again.getByRole('button', { name: /验\s*证/ }).click();
    await again.getByRole('alert').filter({ hasText: '动态口令错误或已使用' }).waitFor();
    await again.getByRole('textbox', { name: '动态口令' }).fill(hotp(key, step + 1));
    await again.getByRole('button', { name: /验\s*证/ }).click();
    await again.waitForURL(/\/orgs/);
    await context.close();
  });
});

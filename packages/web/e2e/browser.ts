import { chromium, type Browser, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { enrol, nextCodeWhenFree } from './totp-store';

/** Debian's Chromium, never a downloaded one; flags keep it off the closed network. */
export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
  });
}

export async function login(browser: Browser, username: string, viewport = { width: 1280, height: 860 }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(`${inject('baseUrl')}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(inject('password'));
  await page.getByRole('button', { name: /登\s*录/ }).click();
  if (ADMINISTRATORS.has(username)) await secondFactor(page, username);
  // each role's first page: the security and audit administrators have no business pages (三权分立)
  await page.waitForURL(/\/(orgs|users|audit)(\/|\?|$)/);
  return page;
}

/** The three administrators of 三权分立 sign in with a TOTP code (TUANJIAN_ADMIN_TOTP=required). */
const ADMINISTRATORS = new Set(['admin', 'secadmin', 'auditadmin']);

/** First sign-in: bind on the enrolment page it is held on; afterwards: answer the login's code step. */
async function secondFactor(page: Page, username: string) {
  await page.waitForFunction(() => location.pathname.startsWith('/totp-setup') || document.querySelector('input[autocomplete="one-time-code"]'));
  const code = page.getByRole('textbox', { name: '动态口令' });
  if (new URL(page.url()).pathname.startsWith('/totp-setup')) {
    await page.getByRole('button', { name: '获取二维码' }).click();
    await page.getByRole('img', { name: '动态口令二维码' }).waitFor();
    const secret = (await page.locator('code').first().textContent())!.trim();
    await code.fill(enrol(username, secret));
    await page.getByRole('button', { name: '确认绑定' }).click();
    await page.getByRole('button', { name: '进入系统' }).click();
    return;
  }
  await code.fill(await nextCodeWhenFree(username));
  await page.getByRole('button', { name: /验\s*证/ }).click();
}

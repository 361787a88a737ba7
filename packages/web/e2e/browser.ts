import { chromium, type Browser, type Page } from 'playwright-core';
import { inject } from 'vitest';

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
  await page.waitForURL(/\/orgs/);
  return page;
}

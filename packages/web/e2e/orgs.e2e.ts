import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, login } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('组织架构', () => {
  // Guards: search finds an org, the detail shows its heading and breadcrumb, and an edit saved with the version lands.
  it('a manager finds a township, edits it, and sees the change', async () => {
    const page = await login(browser, 'mz_manager');
    await page.getByLabel('搜索组织').fill('雁洋');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: /雁洋镇团委/ }).click();
    await page.getByRole('heading', { level: 4, name: '雁洋镇团委' }).waitFor();
    await page.getByRole('link', { name: '共青团梅县区委员会' }).waitFor();

    await page.getByRole('button', { name: '编辑', exact: true }).click();
    await page.getByLabel('团员数').fill('321');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByText('已保存').waitFor();
    await page.getByRole('cell', { name: '321', exact: true }).waitFor();
    await page.close();
  });

  // Guards: abilities, not roles, decide the buttons — a reporter sees no write buttons and no admin menu items.
  it('a reporter sees the org but no write buttons and no user or audit menu', async () => {
    const page = await login(browser, 'mx_reporter');
    await page.getByRole('heading', { level: 4 }).first().waitFor();
    expect(await page.getByRole('button', { name: '编辑', exact: true }).count()).toBe(0);
    expect(await page.getByRole('menuitem', { name: '用户与角色' }).count()).toBe(0);
    expect(await page.getByRole('menuitem', { name: '审计日志' }).count()).toBe(0);
    await page.close();
  });

  // Guards: at phone width the menu lives in a drawer behind a button, and the org page still works.
  it('works at 375 px: the menu opens from a button', async () => {
    const page = await login(browser, 'auditadmin', { width: 375, height: 740 });
    await page.getByRole('button', { name: '打开菜单' }).click();
    await page.getByRole('menuitem', { name: '审计日志' }).click();
    await page.waitForURL(/\/audit/);
    await page.getByRole('button', { name: '校验哈希链' }).waitFor();
    await page.close();
  });
});

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

describe('专项工作', () => {
  // Guards: the list opens a program; nominations show their status in Chinese; the compliance matrix renders.
  it('a manager opens the S0 program, sees the pending nomination and the compliance matrix', async () => {
    const page = await login(browser, 'mz_manager');
    await page.getByRole('menuitem', { name: '专项工作' }).click();
    await page.waitForURL(/\/programs$/);
    await page.getByRole('link', { name: /联手结对/ }).first().click();
    await page.waitForURL(/\/programs\/\d+/);
    await page.getByRole('heading', { level: 4, name: /联手结对/ }).waitFor();

    await page.getByRole('tab', { name: '推荐与审定' }).click();
    const row = page.getByRole('row', { name: /松口镇团委/ }).first();
    await row.waitFor();
    await row.getByText('待审定').waitFor();

    await page.getByRole('tab', { name: '合规矩阵' }).click();
    const matrix = page.getByRole('table', { name: '合规矩阵' }).or(page.locator('[aria-label="合规矩阵"]')).first();
    await matrix.waitFor();
    expect(await page.locator('[aria-label="合规矩阵"]').count()).toBeGreaterThan(0);
    await page.close();
  });
});

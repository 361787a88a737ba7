import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, login } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('看板', () => {
  // Guards issue 7's done-when: a county manager opens the dashboard and drills from a red figure to the missing records.
  it('X.4 a county manager opens the dashboard and drills from a red cell to the records that are missing', async () => {
    const page = await login(browser, 'mx_manager');
    await page.goto(`${inject('baseUrl')}/programs`);
    await page.getByRole('link', { name: /联手结对/ }).first().click();
    await page.waitForURL(/\/programs\/\d+/);
    await page.goto(`${page.url().split('?')[0]}?tab=dashboard`);

    const heatmap = page.getByRole('table', { name: '达标热力图' });
    await heatmap.waitFor();
    await heatmap.getByText(/梅县区.*（本级）$/).waitFor();
    expect(await heatmap.getByRole('button', { name: /（本级）$/ }).count()).toBe(0); // its own row is not a link further down
    const red = heatmap.getByRole('button', { name: /：达标 \d+，部分达标 \d+，未达标 [1-9]\d*$/ }).first();
    const label = (await red.getAttribute('aria-label'))!;
    const missedHere = Number(/未达标 (\d+)$/.exec(label)![1]);
    const partlyHere = Number(/部分达标 (\d+)/.exec(label)![1]);
    await red.click();

    const drawer = page.getByRole('dialog', { name: /未达标的工作$/ });
    await drawer.waitFor();
    const list = drawer.getByRole('table', { name: '未达标的工作' });
    await expect.poll(() => list.getByText('未达标', { exact: true }).count()).toBe(missedHere);
    expect(await list.locator('tbody tr.ant-table-row').count()).toBe(missedHere + partlyHere);
    // each line says how many records were owed and how many exist
    const owed = await list.getByLabel(/^应有 .*，已有 .*，缺 .*/).first().getAttribute('aria-label');
    expect(owed).toMatch(/^应有 [\d.]+，已有 [\d.]+，缺 [\d.]+$/);
    await drawer.getByRole('button', { name: 'Close' }).or(drawer.getByRole('button', { name: '关闭' })).first().click();

    // the red figure on top opens the whole scope's missing records
    await page.getByRole('button', { name: /^查看未达标 [1-9]\d* 个周期$/ }).click();
    const all = page.getByRole('dialog', { name: /未达标的工作$/ });
    await all.getByRole('table', { name: '未达标的工作' }).getByText('未达标', { exact: true }).first().waitFor();
    await page.context().close();
  });
});

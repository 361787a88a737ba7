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

describe('看板与年度考核', () => {
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

  // Guards issue 7's assessment: the issuer sees the ranking with points that open their records, and adjusts with a reason.
  it('S3.9 the provincial committee ranks its departments and adjusts a score with a reason', async () => {
    const page = await login(browser, 'gd_manager');
    await page.goto(`${inject('baseUrl')}/programs`);
    await page.getByRole('link', { name: /驻点/ }).first().click();
    await page.waitForURL(/\/programs\/\d+/);
    await page.goto(`${page.url().split('?')[0]}?tab=assessment`);
    const ranking = page.getByRole('table', { name: '考核排名' });
    const first = ranking.locator('tbody tr.ant-table-row').first();
    await first.waitFor();
    const totalBefore = Number(await first.locator('td').last().innerText());
    // a component's points open the records they stand on
    await ranking.getByRole('button', { name: /典型经验推广 [\d.]+ 分，查看记录$/ }).first().click();
    await page.getByRole('dialog', { name: /典型经验推广/ }).getByRole('row').nth(1).waitFor();
    await page.keyboard.press('Escape');

    await first.getByRole('button', { name: '调整分值' }).click();
    const dialog = page.getByRole('dialog', { name: /^调整分值/ });
    await dialog.getByLabel(/加减分/).fill('-2');
    await dialog.getByRole('button', { name: '调整', exact: true }).click();
    await dialog.getByText('请写明调整理由').waitFor();
    await dialog.getByLabel('调整理由').fill('抽查发现一条驻点记录无法核实');
    await dialog.getByRole('button', { name: '调整', exact: true }).click();
    await page.getByText('已调整，理由已记入审计日志').waitFor();
    await ranking.getByText('抽查发现一条驻点记录无法核实').waitFor();
    const row = ranking.locator('tbody tr.ant-table-row', { hasText: '抽查发现一条驻点记录无法核实' });
    expect(Number(await row.locator('td').last().innerText())).toBeCloseTo(totalBefore - 2, 2);
    await page.context().close();
  });

  // Guards 对标定级: stars under quotas with the mandatory cap explained, and a county reviewing a waiting branch.
  it('X.4 a county reviews a branch’s self-score and the stars follow the standard', async () => {
    const page = await login(browser, 'mx_manager');
    await page.goto(`${inject('baseUrl')}/programs`);
    await page.getByRole('link', { name: /对标定级/ }).first().click();
    await page.waitForURL(/\/programs\/\d+/);
    await page.goto(`${page.url().split('?')[0]}?tab=ratings`);
    const list = page.getByRole('table', { name: '定级名单' });
    await list.getByLabel(/ 3 星（必备条件未达到）$/).first().waitFor();
    const waiting = list.locator('tbody tr.ant-table-row', { hasText: '待审核' }).first();
    await waiting.getByRole('button', { name: '审核' }).click();
    const dialog = page.getByRole('dialog', { name: /^审核定级/ });
    await dialog.getByRole('button', { name: '审核通过' }).click();
    await page.getByText('已审核通过').waitFor();
    await expect.poll(() => list.locator('tbody tr.ant-table-row', { hasText: '待审核' }).count()).toBe(0);
    await page.context().close();
  });
});

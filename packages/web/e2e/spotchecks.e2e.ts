import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, inject, it } from 'vitest';
import { launch, login } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('抽查', () => {
  // Guards S3.7/S3.8: the province draws one branch per county for this month, the seed draws the same sample
  // again (复核抽样：一致), and a finding is recorded on a drawn branch with the template's check items.
  it('S3.7 a manager draws a sample per county, checks it redraws the same, and records a finding', async () => {
    const page = await login(browser, 'gd_manager');
    await page.goto(`${inject('baseUrl')}/programs`);
    await page.getByRole('link', { name: /驻点推动团的基层建设/ }).first().click();
    await page.waitForURL(/\/programs\/\d+/);
    await page.goto(`${page.url().split('?')[0]}?tab=spot-checks`);

    await page.getByLabel('每县抽取').fill('1');
    await page.getByRole('combobox', { name: '结果记录为' }).click();
    await page.locator('.ant-select-item-option', { hasText: '团支部实地抽查' }).click();
    await page.getByRole('button', { name: '抽取' }).click();

    const sample = page.getByRole('dialog', { name: /^抽查样本 · / });
    const county = sample.getByRole('region', { name: '抽中 共青团梅县区委员会' });
    await county.getByText('未录入').waitFor();
    await sample.getByRole('button', { name: '复核抽样' }).click();
    await sample.getByText('复核抽样：一致').waitFor();

    await county.getByRole('button', { name: /^录入结果 / }).click();
    const finding = page.getByRole('dialog', { name: /^录入结果 · .*团支部$/ });
    await finding.getByLabel('被评价的支部活动名称').fill('主题团日');
    await finding.getByLabel('团员对本支部所开展活动的评价').fill('活动贴近青年，参与积极');
    await finding.getByRole('button', { name: '保存' }).click();
    await page.getByText('已录入抽查结果').waitFor();
    await county.getByText('已录入').waitFor();
    await page.context().close();
  });
});

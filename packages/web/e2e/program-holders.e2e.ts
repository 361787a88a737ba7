import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, login } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const DELIVERABLE_STATE = /：(按时|逾期提交|未交|待交|即将到期)/;

/** Opens a demo program from the list by part of its name and waits for its heading. */
async function openProgram(page: Page, name: RegExp) {
  await page.goto(`${inject('baseUrl')}/programs`);
  await page.getByRole('link', { name }).first().click();
  await page.waitForURL(/\/programs\/\d+/);
  await page.getByRole('heading', { level: 4, name }).waitFor();
  return page.url().split('?')[0]!;
}

describe('专项工作：名单、结对、任务成果', () => {
  // Guards: S3.1/S3.2 — departments and cadres are holders the issuer names and withdraws (reason, version),
  // the assignment table's pairings list each side's members, a roster import is checked before anything is
  // saved and its row errors are shown, and each deliverable cell shows its state.
  it('S3.1 an administrator sees the 广东 stationing holders and pairings, withdraws and names a cadre, checks a roster, sees deliverable states', async () => {
    const page = await login(browser, 'admin');
    await openProgram(page, /驻点推动团的基层建设/);

    await page.getByRole('tab', { name: '名单' }).click();
    const departments = page.getByRole('region', { name: '名单 团省委机关部室及直属单位' });
    await departments.getByRole('row', { name: /组织部/ }).first().waitFor();
    const cadres = page.getByRole('region', { name: '名单 参与驻点的专职干部' });
    const cadreRow = cadres.getByRole('row', { name: /组织干部2/ });
    await cadreRow.waitFor();

    // withdraw: the confirmation asks for a reason before it lets the act go ahead
    await cadreRow.getByRole('button', { name: /撤出/ }).click();
    const ok = page.getByRole('button', { name: '撤出', exact: true });
    expect(await ok.isDisabled()).toBe(true);
    await page.getByLabel('撤出原因').fill('干部调离');
    await ok.click();
    await page.getByText(/已将.*组织干部2撤出名单/).waitFor();
    await cadreRow.waitFor({ state: 'detached' });

    // and named again directly, a cadre of the issuing committee
    await page.getByRole('button', { name: '指定参与驻点的专职干部' }).click();
    const dialog = page.getByRole('dialog', { name: '指定承担者' });
    await dialog.getByLabel('团干部', { exact: true }).click();
    await page.locator('.ant-select-item-option', { hasText: '组织干部2' }).click();
    await dialog.getByRole('button', { name: '指定', exact: true }).click();
    await page.getByText('已指定为参与驻点的专职干部').waitFor();
    await cadres.getByRole('row', { name: /组织干部2/ }).waitFor();

    await page.getByRole('tab', { name: '结对' }).click();
    const liaison = page.getByRole('region', { name: /^结对 驻点对接/ });
    await liaison.getByRole('row', { name: /组织部.*梅州|梅州.*组织部/ }).first().waitFor();

    // a roster with an unknown department: the check reports the row, nothing is imported
    await page.getByRole('button', { name: '导入名单' }).click();
    const importer = page.getByRole('dialog', { name: '导入结对名单' });
    await importer.getByText(/表头：“部门（直属单位）”、“对接地市”/).waitFor();
    await importer.locator('input[type=file]').setInputFiles({
      name: '名单.csv', mimeType: 'text/csv', buffer: Buffer.from('部门（直属单位）,对接地市\n不存在的部,梅州\n', 'utf8'),
    });
    await importer.getByRole('button', { name: '检查' }).click();
    const problems = importer.getByRole('table', { name: '导入问题' }).or(importer.locator('[aria-label="导入问题"]')).first();
    await problems.waitFor();
    await importer.getByText(/找不到部室“不存在的部”/).waitFor();
    expect(await importer.getByRole('button', { name: '确认导入' }).isDisabled()).toBe(true);
    await importer.getByRole('button', { name: '取消' }).click();

    await page.getByRole('tab', { name: '任务成果' }).click();
    await page.getByRole('button', { name: DELIVERABLE_STATE }).first().waitFor();
    expect(await page.getByRole('button', { name: DELIVERABLE_STATE }).count()).toBeGreaterThan(0);

    await page.getByRole('tab', { name: '逾期与风险' }).click();
    await page.locator('[aria-label="逾期与风险"]').first().waitFor();
    await page.close();
  });

  // Guards: S2.3 at phone width — the 漯河 departments appear by name on the holder list, in the compliance
  // matrix (marked 部室) and in the deliverables table, without the page overflowing sideways.
  it('S2.3 on a phone, the 漯河 departments are listed as holders and as compliance and deliverable subjects', async () => {
    const page = await login(browser, 'admin', { width: 375, height: 740 });
    const url = await openProgram(page, /活力团建/);

    await page.goto(`${url}?tab=holders`);
    await page.getByRole('region', { name: '名单 团市委机关部室' }).getByRole('row', { name: /组织部/ }).first().waitFor();

    await page.goto(`${url}?tab=compliance`);
    const matrix = page.locator('[aria-label="合规矩阵"]').first();
    await matrix.getByText('部室').first().waitFor();

    await page.goto(`${url}?tab=deliverables`);
    await page.getByRole('button', { name: /组织部.*：(按时|逾期提交|未交|待交|即将到期)/ }).first().waitFor();

    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.close();
  });
});

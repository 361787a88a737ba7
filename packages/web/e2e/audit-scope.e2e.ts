import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { launch, login } from './browser';

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

/** The virtual tree renders only what is in view: scroll it, as a person would, until the node shows. */
async function reveal(page: Page, name: string) {
  const node = page.locator('.ant-tree-treenode', { hasText: name }).first();
  const holder = page.locator('.ant-tree-list-holder').first();
  await holder.waitFor();
  for (let i = 0; i < 60 && (await node.count()) === 0; i++) {
    await holder.hover();
    await page.mouse.wheel(0, 240);
    await page.waitForTimeout(100);
  }
  await node.waitFor();
  return node;
}

/** Opens a tree node's children by clicking its expander (unless already open). */
async function expand(page: Page, name: string) {
  const node = await reveal(page, name);
  if (!(await node.locator('.ant-tree-switcher_open').count())) await node.locator('.ant-tree-switcher').click();
}

describe('X.1 browsing the tree, audited edits, scope', () => {
  // Guards: the tree lazy-loads level by level down to a village; an edit there lands in the audit log with its actor.
  it('an administrator browses down to a village, edits it and finds the edit in the audit log', async () => {
    const page = await login(browser, 'admin');
    // find the county by search (the tree opens the path to it), then walk down the tree by hand
    await page.getByLabel('搜索组织').fill('441403');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: /共青团梅县区委员会/ }).click();
    await page.getByRole('heading', { level: 4, name: '共青团梅县区委员会' }).waitFor();
    await expand(page, '共青团梅县区委员会');
    await expand(page, '丙村镇团委');
    await (await reveal(page, '雷丰村团支部')).locator('.ant-tree-title').click();
    await page.getByRole('heading', { level: 4, name: '雷丰村团支部' }).waitFor();

    await page.getByRole('button', { name: '编辑', exact: true }).click();
    await page.getByLabel('团员数').fill('37');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByText('已保存').waitFor();

    await page.close();

    // 三权分立: the audit log is the audit administrator's to read, not the system administrator's.
    const auditor = await login(browser, 'auditadmin');
    await auditor.goto(`${inject('baseUrl')}/audit`);
    const row = auditor.locator('tr.ant-table-row').filter({ hasText: /修改组织|org\.update/ }).first();
    await row.waitFor();
    const text = await row.textContent();
    expect(text).toContain('admin');
    expect(text).toMatch(/修改组织|org\.update/);
    await auditor.close();
  });

  // Guards: scope — a county reporter's tree starts at the county; the sibling county is absent from tree, search and API.
  it('a county reporter cannot see a sibling county', async () => {
    const page = await login(browser, 'mx_reporter');
    await page.locator('.ant-tree-treenode', { hasText: '共青团梅县区委员会' }).first().waitFor();
    expect(await page.locator('.ant-tree-treenode', { hasText: '兴宁' }).count()).toBe(0);
    await page.getByLabel('搜索组织').fill('兴宁市');
    await page.keyboard.press('Enter');
    await page.getByText("没有匹配的组织").first().waitFor();
    const api = await page.request.get(`${inject('baseUrl')}/api/orgs?q=441481`);
    expect((await api.json()).total).toBe(0);
    const sibling = await page.request.get(`${inject('baseUrl')}/api/orgs/roots`);
    expect(JSON.stringify(await sibling.json())).not.toContain('兴宁');
    await page.close();
  });
});

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, login } from './browser';

/**
 * Issue 9, stored XSS checked in Chromium: hostile strings are stored through the API in what the pages render —
 * org names, a record's fields, a program's name and document number, a task's progress note, a user's name — and
 * the pages that show them are opened. Each payload would set window.__xss if it ran; it must stay undefined, no
 * element the payloads describe may exist in the page, and the text must show as typed.
 */
const XSS = {
  img: '<img src=x onerror="window.__xss=1">',
  script: '<script>window.__xss=1</script>',
  js: 'javascript:window.__xss=1//',
  svg: '<svg onload="window.__xss=1"></svg>',
  link: '<a href="javascript:window.__xss=1">点我</a>',
  iframe: '<iframe src="javascript:window.__xss=1"></iframe>',
  attr: '" autofocus onfocus="window.__xss=1" x="',
};

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

/** An API call from the page's own session (cookie and CSRF token), as the UI makes it. */
async function api<T = unknown>(page: Page, method: 'GET' | 'POST' | 'PATCH', url: string, data?: unknown): Promise<T> {
  const base = inject('baseUrl');
  const { csrfToken } = (await (await page.request.get(`${base}/api/auth/session`)).json()) as { csrfToken: string };
  const res = await page.request.fetch(`${base}${url}`, { method, data, headers: { 'x-csrf-token': csrfToken } });
  expect(res.status(), `${method} ${url}: ${await res.text()}`).toBe(200);
  return (await res.json()) as T;
}

/** Dialogs (alert, confirm) would be a script running: count them, and dismiss so nothing hangs. */
function watch(page: Page) {
  const seen = { dialogs: 0 };
  page.on('dialog', (d) => { seen.dialogs++; void d.dismiss(); });
  return seen;
}

/** The strings are on screen as text, and none of them ran or became an element. */
async function expectInert(page: Page, seen: { dialogs: number }, texts: string[]) {
  for (const text of texts) await page.getByText(text).first().waitFor();
  await page.waitForTimeout(300); // an <img onerror> fires after the failed load
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
  const injected = await page.evaluate(() =>
    document.querySelectorAll('img[src="x"], svg[onload], iframe, a[href^="javascript:"], [onerror], [onload], [onfocus], script:not([src])').length);
  expect(injected).toBe(0);
  expect(seen.dialogs).toBe(0);
}

const stamp = Date.now() % 100000;
const ids = {} as { county: number; orgs: Record<'img' | 'js' | 'script', number>; s0: number; s2: number; program: number; taskNumber: number };

describe('stored XSS: hostile text stays text in Chromium (issue 9)', () => {
  // Guards: React escapes every string the API returns; nothing renders user text as HTML or as a link.
  it('stores hostile strings through the API as the system administrator', async () => {
    const page = await login(browser, 'admin');
    const county = (await api<{ items: Array<{ id: number; code: string }> }>(page, 'GET', '/api/orgs?q=441403&pageSize=50')).items.find((o) => o.code === '441403')!;
    ids.county = county.id;
    ids.orgs = {} as typeof ids.orgs;
    for (const key of ['img', 'js', 'script'] as const) {
      const org = await api<{ id: number }>(page, 'POST', '/api/orgs', { parentId: county.id, code: `XSS-${key}-${stamp}`, name: XSS[key], kind: 'direct_org' });
      ids.orgs[key] = org.id;
    }
    const programs = (await api<{ items: Array<{ id: number; templateKey: string; templateId: number; endsOn: string }> }>(page, 'GET', '/api/programs')).items;
    const s0 = programs.find((p) => p.templateKey === 's0-meizhou-pairing')!;
    const s2 = programs.find((p) => p.templateKey === 's2-luohe-vital')!;
    ids.s0 = s0.id;
    ids.s2 = s2.id;

    // dated on the program's last day, so that it heads the newest-first list
    await api(page, 'POST', `/api/programs/${s0.id}/records`, {
      kind: 'problem_solved', orgId: ids.orgs.img, occurredOn: s0.endsOn, status: 'submitted',
      fields: { problem: XSS.svg, solution: XSS.link },
    });
    const program = await api<{ id: number }>(page, 'POST', '/api/programs', {
      templateId: s0.templateId, issuerOrgId: county.id, scopeOrgId: county.id, year: new Date().getFullYear(), name: XSS.img, docNumber: XSS.iframe,
    });
    ids.program = program.id;
    const task = (await api<{ items: Array<{ id: number; number: number; version: number }> }>(page, 'GET', `/api/programs/${s2.id}/tasks`)).items[0]!;
    ids.taskNumber = task.number;
    await api(page, 'POST', `/api/tasks/${task.id}/progress`, { version: task.version, status: 'in_progress', progress: 10, note: XSS.attr });
    await page.close();
  });

  it('org pages: the detail heading, the search results and the tree show the names as text', async () => {
    const page = await login(browser, 'admin');
    const seen = watch(page);
    for (const key of ['img', 'js', 'script'] as const) {
      await page.goto(`${inject('baseUrl')}/orgs/${ids.orgs[key]}`);
      await page.getByRole('heading', { level: 4, name: XSS[key] }).waitFor();
      await expectInert(page, seen, [XSS[key]]);
    }
    await page.getByLabel('搜索组织').fill(`XSS-`);
    await page.keyboard.press('Enter');
    await expectInert(page, seen, [XSS.img, XSS.js, XSS.script]);
    await page.close();
  });

  it('program pages: the list, the overview, a record\'s fields and a task\'s progress note show as text', async () => {
    const page = await login(browser, 'admin');
    const seen = watch(page);
    await page.goto(`${inject('baseUrl')}/programs`);
    await expectInert(page, seen, [XSS.img]);
    await page.goto(`${inject('baseUrl')}/programs/${ids.program}`);
    await expectInert(page, seen, [XSS.img, XSS.iframe]);

    await page.goto(`${inject('baseUrl')}/programs/${ids.s0}?tab=records`);
    // the record's first field, cut short in the list as any long text is, and its org's name
    await expectInert(page, seen, [XSS.svg.slice(0, 20), XSS.img]);

    await page.goto(`${inject('baseUrl')}/programs/${ids.s2}?tab=targets`);
    await page.getByText('任务分工', { exact: true }).click();
    await page.getByRole('button', { name: `任务${ids.taskNumber}进展记录` }).click();
    await expectInert(page, seen, [XSS.attr]);
    await page.close();
  });

  it('the security administrator\'s user list and the audit administrator\'s log show them as text', async () => {
    const sec = await login(browser, 'secadmin');
    const seenSec = watch(sec);
    await api(sec, 'POST', '/api/users', { username: `a0_xss_${stamp}`, displayName: XSS.script, role: 'viewer', orgId: ids.orgs.img, password: inject('password') });
    await sec.goto(`${inject('baseUrl')}/users`);
    await expectInert(sec, seenSec, [XSS.script, XSS.img]); // the name, and the org it sits in
    await sec.close();

    const auditor = await login(browser, 'auditadmin');
    const seenAud = watch(auditor);
    await auditor.goto(`${inject('baseUrl')}/audit`);
    await auditor.getByLabel('对象编号').fill(String(ids.orgs.script));
    await auditor.getByLabel('对象类型').click();
    await auditor.locator('.ant-select-item-option', { hasText: /^组织$/ }).click();
    await auditor.getByRole('button', { name: /查\s*询/ }).click();
    const row = auditor.locator('tr.ant-table-row').filter({ hasText: '新建组织' }).first();
    await row.waitFor();
    await row.locator('.ant-table-row-expand-icon').click();
    await expectInert(auditor, seenAud, [XSS.script]); // inside the row's JSON, as stored
    await auditor.close();
  });
});

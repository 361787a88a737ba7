import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, login } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const PHONE = { width: 375, height: 812 };
const month = new Date().toISOString().slice(0, 7);

/** The S0 梅州 demo program's address; the tests go to its tabs by address (a phone hides most tabs behind “more”). */
async function meizhouProgram(page: Page): Promise<string> {
  await page.goto(`${inject('baseUrl')}/programs`);
  await page.getByRole('link', { name: /联手结对/ }).first().click();
  await page.waitForURL(/\/programs\/\d+/);
  return page.url().split('?')[0]!;
}

const getJson = <T>(page: Page, path: string) => page.evaluate(async (p) => (await fetch(p)).json(), path) as Promise<T>;
const programIdOf = (url: string) => Number(/\/programs\/(\d+)/.exec(url)![1]);

async function demoVillage(page: Page, programId: number): Promise<string> {
  const { items } = await getJson<{ items: Array<{ roleKey: string; status: string; orgName: string }> }>(page, `/api/programs/${programId}/nominations`);
  return items.find((n) => n.roleKey === 'demo_village' && n.status === 'approved')!.orgName;
}

/** A photo drawn in the browser: random shapes, so no other record's photo is a near duplicate. */
async function photo(page: Page): Promise<Buffer> {
  const dataUrl = await page.evaluate(() => {
    const c = document.createElement('canvas');
    c.width = 640;
    c.height = 480;
    const g = c.getContext('2d')!;
    for (let i = 0; i < 40; i++) {
      g.fillStyle = `hsl(${Math.random() * 360}, 70%, 50%)`;
      g.fillRect(Math.random() * 640, Math.random() * 480, 40 + Math.random() * 200, 40 + Math.random() * 200);
    }
    return c.toDataURL('image/jpeg', 0.9);
  });
  return Buffer.from(dataUrl.split(',')[1]!, 'base64');
}

/** Two taps: the org from the program's holders, then the duty it records (the partner comes with it). */
async function pick(drawer: Locator, org: string, kind: string) {
  await drawer.getByRole('group', { name: '名单中的组织' }).getByText(org, { exact: true }).click();
  await drawer.getByRole('group', { name: '该组织要记录的工作' }).getByText(new RegExp(`^${kind}（与`)).click();
}

async function openS09Matrix(page: Page, program: string) {
  await page.goto(`${program}?tab=compliance`);
  await page.getByRole('combobox', { name: '工作要求' }).click();
  await page.locator('.ant-select-item-option', { hasText: /^S0\.9 示范村团委/ }).click();
}

async function recordsNamed(page: Page, programId: number, title: string) {
  const { items } = await getJson<{ items: Array<{ id: number; status: string; fields: Record<string, unknown> }> }>(page, `/api/programs/${programId}/records`);
  return items.filter((r) => r.fields.title === title);
}

const ACTIVITY = `青年志愿服务进村（手机录入 ${Date.now() % 100000}）`;

describe('工作记录：手机录入、离线草稿、扫码签到、核实', () => {
  // Guards issue 4's done-when: at phone width a cadre logs a joint activity with a photo in one pass — org, kind
  // and partner pre-filled from the approved roles and pairings — and the S0.9 matrix counts it this month.
  it('S0.9 at 375 px a cadre logs a joint activity with a photo in one pass and sees it counted in the compliance matrix', async () => {
    const page = await login(browser, 'mx_reporter', PHONE);
    const program = await meizhouProgram(page);
    const village = await demoVillage(page, programIdOf(program));

    await openS09Matrix(page, program);
    await page.getByRole('button', { name: new RegExp(`^${village}.* ${month}：进行中 0/1$`) }).waitFor();

    await page.goto(`${program}?tab=records`);
    await page.getByRole('button', { name: '新增记录' }).click();
    const drawer = page.getByRole('dialog', { name: '新增记录' });
    await pick(drawer, village, '联合开展活动');
    await drawer.getByLabel('活动名称').fill(ACTIVITY);
    await drawer.getByLabel('活动内容').fill('示范村与共建村青年一起清理河道、走访留守儿童');
    await drawer.locator('input[type="file"]').setInputFiles({ name: '活动现场.jpg', mimeType: 'image/jpeg', buffer: await photo(page) });
    // nothing of the form runs off a phone's screen
    expect(await drawer.locator('.ant-drawer-body').evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await drawer.getByRole('button', { name: '提交', exact: true }).click();
    await page.getByText('已提交记录，并上传 1 个佐证材料').waitFor();
    await drawer.waitFor({ state: 'detached' });
    await page.getByRole('row', { name: new RegExp(ACTIVITY.replace(/[()（）]/g, '.')) }).getByText('已提交').waitFor();

    await openS09Matrix(page, program);
    const cell = page.getByRole('button', { name: new RegExp(`^${village}.* ${month}：达标 1/1$`) });
    await cell.click();
    // the figure opens the record behind it, and the record its photo
    const behind = page.getByRole('dialog', { name: new RegExp(`${village} · ${month}`) });
    await behind.getByRole('button', { name: /^佐证材料/ }).first().click();
    await page.getByRole('dialog', { name: /^佐证材料 · 联合开展活动/ }).getByText('活动现场.jpg').waitFor();
    await page.context().close();
  });

  // Guards: typed values are kept in the browser; a submission made offline waits and goes out by itself when the
  // network is back; the first answer lost on the way is retried with the same Idempotency-Key: exactly one record.
  it('a draft typed offline is kept and submitted once when the network is back, even when the first answer is lost', async () => {
    const page = await login(browser, 'mx_reporter', PHONE);
    const program = await meizhouProgram(page);
    const programId = programIdOf(program);
    const village = await demoVillage(page, programId);
    const title = `离线录入的联合活动 ${Date.now() % 100000}`;

    await page.goto(`${program}?tab=records`);
    await page.getByRole('button', { name: '新增记录' }).click();
    const drawer = page.getByRole('dialog', { name: '新增记录' });
    await pick(drawer, village, '联合开展活动');
    await page.context().setOffline(true);
    await drawer.getByLabel('活动名称').fill(title);
    await drawer.getByLabel('活动内容').fill('山里没有信号，先记下来');
    const stored = () => page.evaluate(() => Object.entries(localStorage).filter(([k]) => k.startsWith('tj.records.')).map(([k, v]) => `${k}=${v}`).join('\n'));
    expect(await stored()).toContain(title); // kept while typing

    await drawer.getByRole('button', { name: '提交', exact: true }).click();
    await drawer.getByText('网络不通，记录已保存在本机').waitFor();
    expect(await stored()).toMatch(new RegExp(`\\.outbox=.*${title}`));

    // back online: the first request reaches the server but its answer is lost; the retry must not make a second record
    let dropped = 0;
    let firstStatus = 0;
    await page.route('**/api/programs/*/records', async (route) => {
      if (route.request().method() === 'POST' && dropped === 0) {
        dropped++;
        firstStatus = (await route.fetch()).status();
        await route.abort('failed');
      } else {
        await route.continue();
      }
    });
    await page.context().setOffline(false);
    await page.getByText('已提交记录').waitFor({ timeout: 20_000 });
    expect([dropped, firstStatus]).toEqual([1, 200]); // the lost answer was a record made on the server
    await page.getByRole('row', { name: new RegExp(title) }).waitFor();
    const made = await recordsNamed(page, programId, title);
    expect(made.map((r) => r.status)).toEqual(['submitted']);
    expect(await stored()).not.toContain(title); // cleared only after the server's answer
    await page.context().close();
  });

  // Guards: attendance is counted, not typed — the QR code's page works without an account, validates in Chinese,
  // and the organizer's count rises as people check in.
  it('the QR check-in page works without a login and the count rises', async () => {
    const page = await login(browser, 'mx_reporter');
    const program = await meizhouProgram(page);
    await page.goto(`${program}?tab=records`);
    await page.getByRole('button', { name: /^扫码签到 / }).first().click();
    const modal = page.getByRole('dialog', { name: '扫码签到' });
    await modal.getByRole('img', { name: '签到二维码' }).or(modal.getByRole('alert')).waitFor();
    expect(await modal.getByRole('alert').count(), await modal.innerText()).toBe(0);
    await modal.getByRole('status', { name: '已签到 0 人' }).waitFor();
    const link = (await modal.getByLabel('签到链接').textContent())!.trim();
    expect(link).toMatch(new RegExp(`^${inject('baseUrl')}/checkin/[A-Za-z0-9_-]{20,40}$`));

    // an attendee's phone: another browser with no session at all
    const visitor = await browser.newContext({ viewport: PHONE, locale: 'zh-CN' });
    const phone = await visitor.newPage();
    await phone.goto(link);
    await phone.getByText('已有 0 人签到').waitFor();
    expect(phone.url()).toBe(link); // not sent to the login page
    await phone.getByRole('button', { name: '签到' }).click();
    await phone.getByText('请填写姓名').waitFor();
    await phone.getByText('请填写手机号').waitFor();
    await phone.getByLabel('姓名').fill('李青年');
    await phone.getByLabel('手机号').fill('1380013');
    await phone.getByRole('button', { name: '签到' }).click();
    await phone.getByText('手机号应为 11 位数字').waitFor();
    await phone.getByLabel('手机号').fill('13800138000');
    await phone.getByRole('button', { name: '签到' }).click();
    await phone.getByText('签到成功').waitFor();
    await phone.getByText(/已有 1 人签到/).waitFor();
    await visitor.close();

    await modal.getByRole('status', { name: '已签到 1 人' }).waitFor({ timeout: 10_000 });
    await modal.getByText('李青年').waitFor();
    await page.context().close();
  });

  // Guards S3.8/S4.8 in the UI: the level above verifies a record that has its photo, is told in Chinese why one
  // without evidence cannot be verified, and returns it with a reason the author sees.
  it('S3.8 the level above verifies a record with evidence, cannot verify one without, and returns it with a reason', async () => {
    const page = await login(browser, 'mz_manager');
    const program = await meizhouProgram(page);
    await page.goto(`${program}?tab=records`);
    const ours = page.getByRole('row', { name: new RegExp(ACTIVITY.replace(/[()（）]/g, '.')) });
    await ours.getByRole('button', { name: /^核实 / }).click();
    let dialog = page.getByRole('dialog', { name: '核实记录' });
    await dialog.getByRole('button', { name: '核实', exact: true }).click();
    // the toast, not any other 已核实 on the page (a status filter's hidden option would match first)
    await page.locator('.ant-message').getByText('已核实', { exact: true }).waitFor();
    await ours.getByText('已核实').waitFor();

    // a demo record has no photo: verification is refused with the server's reason, then it is returned
    const bare = page.getByRole('row').filter({ has: page.getByRole('button', { name: /^核实 / }) }).last();
    const bareName = (await bare.getByRole('button', { name: /^核实 / }).getAttribute('aria-label'))!.replace(/^核实 /, '');
    await bare.getByRole('button', { name: /^核实 / }).click();
    dialog = page.getByRole('dialog', { name: '核实记录' });
    await dialog.getByRole('button', { name: '核实', exact: true }).click();
    await dialog.getByText(/须有佐证材料才能核实/).waitFor();
    await dialog.getByRole('button', { name: '取消' }).click();

    const row = page.getByRole('row').filter({ has: page.getByRole('button', { name: `退回 ${bareName}` }) });
    await row.getByRole('button', { name: `退回 ${bareName}` }).click();
    dialog = page.getByRole('dialog', { name: '退回记录' });
    await dialog.getByRole('button', { name: '退回', exact: true }).click();
    await dialog.getByText('请填写退回理由').waitFor();
    await dialog.getByLabel('退回理由').fill('请补充活动照片');
    await dialog.getByRole('button', { name: '退回', exact: true }).click();
    await page.getByText('理由：请补充活动照片').first().waitFor();
    await page.context().close();
  });
});

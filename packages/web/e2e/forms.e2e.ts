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

const PHONE = { width: 375, height: 812 };
const FORM = 's0.10-statistics';

type Period = { key: string; due: string; locksAfter: string | null };
type Cell = { column: string; source: string; value: number | string | null; recordIds: number[] };
type Report = {
  entryOpen: boolean; status: string;
  form: { columns: Array<{ id: string; label: string }> };
  rows: Array<{ key: string; label: string; kind: string; cells: Cell[] }>;
};

const getJson = <T>(page: Page, path: string) => page.evaluate(async (p) => (await fetch(p)).json(), path) as Promise<T>;

/** The S0 梅州 demo program's address, reached as a person does: 专项工作 → 联手结对. */
async function meizhouProgram(page: Page): Promise<string> {
  await page.goto(`${inject('baseUrl')}/programs`);
  await page.getByRole('link', { name: /联手结对/ }).first().click();
  await page.waitForURL(/\/programs\/\d+/);
  return page.url().split('?')[0]!;
}

/** What the tab shows first: the latest quarter already due, else the first (early in the year nothing is due yet). */
function expectedPeriod(periods: Period[]): Period {
  const today = new Date().toISOString().slice(0, 10);
  return periods.filter((p) => p.due < today).at(-1) ?? periods[0]!;
}

const quarterName = (key: string) => key.replace(/^(\d{4})-Q(\d)$/, '$1年第$2季度');

/** As the approver on the report's page: 延期填报 to a date three days on (always among the calendar's 42 days). */
async function grantException(manager: Page, reportUrl: string): Promise<string> {
  await manager.goto(reportUrl);
  await manager.getByRole('button', { name: '延期填报' }).click();
  const dialog = manager.getByRole('dialog', { name: '延期填报' });
  await dialog.getByLabel('准许填报至').click();
  const until = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
  await manager.locator(`.ant-picker-dropdown td[title="${until}"]`).click();
  await dialog.getByLabel('延期理由').fill('乡镇换届，材料延后报送');
  await dialog.getByRole('button', { name: '准许延期' }).click();
  await manager.getByText('已准许延期填报', { exact: true }).waitFor();
  await manager.getByText(`上级已准许延期填报至 ${until}`).waitFor();
  return until;
}

describe('报表：按记录生成、查看记录、上报与审核', () => {
  // Guards issue 5's web side: a county reporter opens the S0.10 statistics table of a quarter, every computed number
  // opens the records behind it (X.2), the county submits (after the city grants a dated exception when the quarter's
  // entry has closed) and the city committee approves; the status changes in the report and in the period's list.
  it('S0.10 梅县区 opens its quarterly statistics, drills from a number to its records, submits; 梅州 approves', async () => {
    const reporter = await login(browser, 'mx_reporter');
    const program = await meizhouProgram(reporter);
    const programId = Number(/\/programs\/(\d+)/.exec(program)![1]);
    const { items } = await getJson<{ items: Array<{ id: string; periods: Period[] }> }>(reporter, `/api/programs/${programId}/forms`);
    const period = expectedPeriod(items.find((f) => f.id === FORM)!.periods);

    await reporter.getByRole('tab', { name: '报表' }).click();
    await reporter.getByRole('combobox', { name: '报表' }).click();
    await reporter.locator('.ant-select-item-option', { hasText: /^S0\.10 / }).click();
    // the period chosen for the reader: the quarter just past
    await reporter.getByText(new RegExp(`梅县区.* · ${quarterName(period.key)}$`)).waitFor();
    await reporter.getByRole('group', { name: /报送率：应报 1，已报 0/ }).waitFor();
    const row = reporter.getByRole('table', { name: '填报单位' }).getByRole('row', { name: /梅县区/ });
    await row.getByText('填报中').waitFor();
    await row.getByRole('link', { name: /梅县区/ }).click();
    await reporter.waitForURL(new RegExp(`/forms/${FORM.replace('.', '\\.')}/periods/${period.key}/reports/org-\\d+$`));
    const reportUrl = reporter.url();
    const apiPath = new URL(reportUrl).pathname;

    // the table as in Attachment 1: its title, the county as the stamp line, the rows of the 2+3 units
    const sheet = reporter.getByRole('region', { name: '全市基层团组织“联手结对，共促发展”结对共建信息统计表' });
    await sheet.getByText(/^县（市、区）团委（盖章）：.*梅县区/).waitFor();
    const report = await getJson<Report>(reporter, `/api${apiPath}`);
    const withRecords = report.rows.flatMap((r) => r.cells.filter((c) => c.source === 'computed' && c.recordIds.length > 0).map((c) => ({ r, c })))[0];
    expect(withRecords, 'the demo quarter has counted records').toBeDefined();
    const { r, c } = withRecords!;
    const column = report.form.columns.find((x) => x.id === c.column)!.label;

    // a number opens the records it counts, each with its evidence
    await sheet.getByRole('button', { name: new RegExp(`^${r.label} ${column.replace(/[()（）]/g, '.')}：${c.value}，上报 `) }).click();
    const drawer = reporter.getByRole('dialog', { name: `${r.label} · ${column}` });
    const records = drawer.getByRole('region', { name: '计入的工作记录' });
    await records.waitFor();
    await expect.poll(() => records.locator('.ant-list-item').count()).toBe(new Set(c.recordIds).size);
    await records.getByRole('button', { name: /^佐证材料 / }).first().click();
    await reporter.getByRole('dialog', { name: /^佐证材料 · / }).waitFor();
    await reporter.keyboard.press('Escape');
    await reporter.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });

    // the quarter's entry closed 30 days after its due date: the city committee grants 梅县区 a dated exception first
    const manager = await login(browser, 'mz_manager', PHONE);
    if (!report.entryOpen) {
      await reporter.getByText(`本期已于 ${period.locksAfter} 截止填报`).waitFor();
      expect(await reporter.getByRole('button', { name: '提交' }).count()).toBe(0);
      const until = await grantException(manager, reportUrl);
      await reporter.reload();
      await reporter.getByText(`上级已准许延期填报至 ${until}`).waitFor();
    }

    await reporter.getByRole('button', { name: '提交' }).click();
    await reporter.getByRole('button', { name: '确认上报' }).click();
    await reporter.getByText('已上报，等待上级审核').waitFor();
    await reporter.getByLabel('状态：已上报').waitFor();
    expect(await reporter.getByRole('button', { name: '提交' }).count()).toBe(0);

    // the city committee, on a phone: the report fits the screen (the table scrolls inside it), approve
    await manager.goto(reportUrl);
    await manager.getByLabel('状态：已上报').waitFor();
    expect(await manager.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await manager.getByRole('button', { name: '审核通过' }).click();
    await manager.getByRole('button', { name: '确认通过' }).click();
    await manager.getByText('已审核通过，报表已锁定').waitFor();
    await manager.getByLabel('状态：审核通过').waitFor();
    await manager.getByRole('button', { name: '重新打开' }).waitFor();

    // the period's list shows it too, for the city and for the county
    await manager.goto(`${program}?tab=forms&form=${FORM}&period=${period.key}`);
    const listed = manager.getByRole('table', { name: '填报单位' }).getByRole('row', { name: /梅县区/ });
    await listed.getByText('审核通过').waitFor();
    await listed.getByText(period.due >= new Date().toISOString().slice(0, 10) ? '按时' : '逾期报送').waitFor();
    await reporter.reload();
    await reporter.getByLabel('状态：审核通过').waitFor();
    await manager.context().close();
    await reporter.context().close();
  });

  // Guards the typed cells of S0.11 (only the remarks are typed): who typed and when is shown, and a save made over
  // a version someone else saved first is refused with 409 — the page says so and shows what is there now.
  it('S0.11 梅县区 types the remark with who and when; a save over a newer version is refused and the page reloads', async () => {
    const first = await login(browser, 'mx_reporter');
    const program = await meizhouProgram(first);
    const programId = Number(/\/programs\/(\d+)/.exec(program)![1]);
    const status = await getJson<{ reporters: Array<{ param: string }> }>(first, `/api/programs/${programId}/forms/s0.11-pairing-table/periods/program`);
    const reportUrl = `${program}/forms/s0.11-pairing-table/periods/program/reports/${status.reporters[0]!.param}`;
    const report = await getJson<Report>(first, `/api${new URL(reportUrl).pathname}`);
    if (!report.entryOpen) {
      const manager = await login(browser, 'mz_manager');
      await grantException(manager, reportUrl);
      await manager.context().close();
    }

    await first.goto(reportUrl);
    const second = await first.context().newPage();
    await second.goto(reportUrl);
    await second.getByLabel(/ 备注$/).waitFor();

    await first.getByLabel(/ 备注$/).fill('示范村团委书记外出务工，由副书记联系');
    await first.getByRole('button', { name: '保存' }).click();
    await first.getByText('已保存').waitFor();
    await first.getByText(/^.+ 于 \d{4}\/\d{2}\/\d{2} \d{2}:\d{2} 填写$/).waitFor();

    await second.getByLabel(/ 备注$/).fill('另一位填报员的备注');
    await second.getByRole('button', { name: '保存' }).click();
    await second.getByText('已被他人修改，请刷新').waitFor();
    await expect.poll(() => second.getByLabel(/ 备注$/).inputValue()).toBe('示范村团委书记外出务工，由副书记联系');
    await first.context().close();
  });
});

import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, nuanjing } from '../support/e2e-calls';
import { samplePerson } from '../support/hospital-sheet';
import { launchChromium, makeTempDir, openPage, startWebMode, testOutputDir, type WebModeApp } from '../support/web-mode';

/**
 * A clerk plans leave in real Chromium against web mode: a leave across 国庆 2026 shows its working
 * days (the seven days of 国庆 not counted) before it is saved; a second leave that takes the station
 * below its minimum strength warns with the day and who else is away, is saved with a reason, and
 * the station calendar shows the day in red.
 */
describe('休假轮休 in web mode (real Chromium)', () => {
  const dir = makeTempDir('nuanjing-leave-e2e-');
  const db = join(dir, 'station.sqlite');
  // 民警 and 辅警 only (the station's strength): three people, minimum two on duty.
  const people = [1, 2, 3].map((n) => samplePerson(n, { category: '民警', workStartDate: '2008-07-01' }));
  let app: WebModeApp;
  let browser: Browser;

  beforeAll(async () => {
    await nuanjing(['init', '--db', db, '--code', '330102-01', '--name', '北山派出所']);
    app = await startWebMode(db);
    for (const person of people) await callApi(app, 'staff.save', person);
    await callApi(app, 'settings.set', { key: 'station.minimumOnDuty', value: 2 });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  async function fillLeave(page: Page, name: string, type: string, from: string, to: string) {
    const dialog = page.getByRole('dialog', { name: '登记休假' });
    // As a clerk does: open the list, then type the name. The people arrive with the dialog: a name
    // typed before they did found nothing once (fresh clone), so it is typed again if no one shows.
    const person = dialog.getByLabel('人员');
    const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: name });
    for (let attempt = 1; ; attempt += 1) {
      await person.click();
      await person.fill(name);
      const shown = await option.waitFor({ timeout: 10_000 }).then(() => true, () => false);
      if (shown || attempt === 3) break;
      await person.fill('');
    }
    await option.click();
    await dialog.getByLabel('假别').click();
    await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${type}"]`).click();
    for (const [label, value] of [['开始日期', from], ['结束日期', to]] as const) {
      await dialog.getByLabel(label).fill(value);
      await dialog.getByLabel(label).press('Enter');
    }
    return dialog;
  }

  it('plans a leave across 国庆 and sees its working days; breaks the minimum and sees the warning', async () => {
    const page = await openPage(browser, app.url);
    await page.getByRole('menuitem', { name: /休假轮休/ }).click();
    await page.getByRole('tab', { name: '请休假' }).click();

    await page.getByRole('button', { name: /登记休假/ }).click();
    const first = await fillLeave(page, people[0].name, '年休假', '2026-09-28', '2026-10-09');
    await first.getByTestId('leave-day-count').getByText('共 5 个工作日（不计国庆节 7 天）').waitFor();
    await page.screenshot({ path: join(testOutputDir, 'leave-national-day.png') });
    await first.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByTestId('leave-list').getByText('5 工作日').waitFor();

    await page.getByRole('button', { name: /登记休假/ }).click();
    const second = await fillLeave(page, people[1].name, '事假', '2026-10-08', '2026-10-09');
    await second.getByTestId('leave-day-count').getByText('共 2 个工作日').waitFor();
    await second.getByRole('button', { name: /保\s*存/ }).click();
    const warning = second.getByTestId('leave-form-error');
    await warning.getByText(`2026-10-08 在岗 1 人，低于最低在岗警力 2 人（同日休假：${people[0].name}（年休假））`).waitFor();
    await page.screenshot({ path: join(testOutputDir, 'leave-below-minimum.png') });
    await second.getByLabel(/确认说明/).fill('国庆后集中轮休，所长同意');
    await second.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByTestId('leave-list').getByText('低于最低在岗警力：国庆后集中轮休，所长同意').waitFor();

    await page.getByRole('tab', { name: '日历' }).click();
    await page.locator('.ant-picker-calendar-year-select').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: /^2026/ }).click();
    await page.locator('.ant-picker-calendar-month-select').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: /^10月$/ }).click();
    await page.getByTestId('below-minimum').getByText('本月 2 天低于最低在岗警力：10-08、10-09').waitFor();
    await page.getByTestId('day-2026-10-01').getByText('国庆节').waitFor();
    await page.screenshot({ path: join(testOutputDir, 'leave-calendar.png') });

    const month = await callApi<{ days: { date: string; onDuty: number; belowMinimum: boolean }[] }>(app, 'leave.stationMonth', { month: '2026-10' });
    expect(month.days.filter((d) => d.belowMinimum).map((d) => `${d.date}:${d.onDuty}`)).toEqual(['2026-10-08:1', '2026-10-09:1']);
  }, 180_000);
});

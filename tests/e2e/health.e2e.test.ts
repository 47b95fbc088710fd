import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, nuanjing } from '../support/e2e-calls';
import { samplePerson } from '../support/hospital-sheet';
import { launchChromium, makeTempDir, openPage, startWebMode, testOutputDir, type WebModeApp, reviewScreenshot } from '../support/web-mode';

/**
 * A clerk's health workflow in real Chromium against web mode: import the hospital's sheet and see
 * the overdue list shrink, record a hospitalisation in the person's 健康 tab, see it on 工作台.
 */
describe('健康管理 in web mode (real Chromium)', () => {
  const dir = makeTempDir('nuanjing-health-e2e-');
  const db = join(dir, 'station.sqlite');
  const people = 20;
  let app: WebModeApp;
  let browser: Browser;
  let today: string;

  beforeAll(async () => {
    await nuanjing(['init', '--db', db, '--code', '330102-01', '--name', '北山派出所']);
    app = await startWebMode(db);
    today = (await callApi<{ today: string }>(app, 'app.info')).today;
    // Overdue from January, so the list is full whatever month the test runs in.
    await callApi(app, 'settings.set', { key: 'health.checkupOverdueFromMonth', value: 1 });
    for (let n = 0; n < people; n += 1) await callApi(app, 'staff.save', samplePerson(n));
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('imports the sheet (the overdue list shrinks), records a hospitalisation, and 工作台 shows it', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('体检结果');
    sheet.addRow(['市公安医院 体检结果汇总']);
    sheet.addRow(['序号', '受检人', '身份证号码', '检查日期', '总检结论', '主要异常']);
    for (let n = 0; n < 12; n += 1) sheet.addRow([n + 1, samplePerson(n).name, samplePerson(n).idNumber, today, n % 3 === 0 ? '建议复查' : '未见异常', n % 3 === 0 ? '高血压、脂肪肝' : '']);
    sheet.addRow([13, '错名字', samplePerson(12).idNumber, today, '正常', '']);
    const file = join(dir, '体检结果.xlsx');
    await writeFile(file, Buffer.from(await workbook.xlsx.writeBuffer()));

    const page = await openPage(browser, app.url);
    await page.getByRole('menuitem', { name: /健康管理/ }).click();
    await page.getByText(`体检逾期（${people} 人）`).waitFor();

    await page.getByRole('button', { name: /导入医院体检结果/ }).click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: /选择医院的体检结果表/ }).click();
    await (await chooser).setFiles(file);
    const dialog = page.getByRole('dialog', { name: '导入医院体检结果（Excel）' });
    await dialog.getByText(/姓名「错名字」与身份证号对应的在册人员/).waitFor();
    await reviewScreenshot(page, { path: join(testOutputDir, 'health-import-preview.png') });
    await dialog.getByRole('button', { name: '确认导入（12 条）' }).click();
    await page.getByText(`体检逾期（${people - 12} 人）`).waitFor();
    await reviewScreenshot(page, { path: join(testOutputDir, 'health-after-import.png'), fullPage: true });

    // Record a hospitalisation for someone still overdue, in their 健康 tab.
    const overdue = page.getByTestId('overdue-checkups');
    const name = (await overdue.locator('tbody a').first().textContent()) ?? '';
    await overdue.locator('tbody a').first().click();
    await page.getByRole('tab', { name: '健康' }).click();
    await page.getByRole('button', { name: '添加就医' }).click();
    const form = page.getByRole('dialog', { name: '添加就医记录' });
    // 类别 住院 (the hospital fields follow it). On a busy machine a click can reach the drop-down
    // while it is still opening and pick nothing: then open it and pick again.
    for (let attempt = 1; ; attempt += 1) {
      const dropdown = page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="住院"]');
      if (!(await dropdown.isVisible())) await form.getByLabel('类别').click();
      await dropdown.click();
      const shown = await form
        .getByText('入院日期')
        .waitFor({ timeout: 5_000 })
        .then(() => true)
        .catch(() => false);
      if (shown) break;
      if (attempt === 3) throw new Error('选择类别「住院」三次都没有生效');
    }
    await form.getByLabel('医院').fill('市第一人民医院');
    await form.getByLabel('入院日期').fill(today);
    await form.getByLabel('入院日期').press('Enter');
    await form.getByLabel('诊断（通俗说明）').fill('急性阑尾炎');
    await form.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByTestId('person-health').getByText('在院', { exact: true }).waitFor();
    await page.locator('.ant-drawer-close').click();

    await page.getByRole('menuitem', { name: /工作台/ }).click();
    const card = page.getByTestId('dashboard-in-hospital');
    await card.getByText('1', { exact: true }).waitFor();
    await reviewScreenshot(page, { path: join(testOutputDir, 'health-dashboard.png') });
    const overview = await callApi<{ inHospital: { name: string }[] }>(app, 'health.overview');
    expect(overview.inHospital.map((p) => p.name)).toEqual([name]);
  }, 180_000);
});

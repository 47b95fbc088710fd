import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, nuanjing } from '../support/e2e-calls';
import { launchChromium, makeTempDir, openPage, reviewScreenshot, startWebMode, testOutputDir, type WebModeApp } from '../support/web-mode';

/**
 * A clerk's monthly report in real Chromium against web mode: open 月报, pick last month, look at
 * the page as it will print (tables and ECharts SVG charts in the preview frame), save the PDF
 * (Chromium on the server) and read it back with pdftotext: headings, numbers, the page footer.
 * Then the other printed lists: 打印花名册 from 人员档案 (A4 landscape over two pages) and
 * 统计与名单 beside the report.
 */
describe('月报 in web mode (real Chromium)', () => {
  const dir = makeTempDir('nuanjing-report-e2e-');
  const db = join(dir, 'station.sqlite');
  let app: WebModeApp;
  let browser: Browser;
  let month: string;

  beforeAll(async () => {
    await nuanjing(['init', '--db', db, '--code', '330102-01', '--name', '北山派出所']);
    await nuanjing(['seed', '--db', db, '--staff', '40', '--seed', '4', '--visits', '--leave']);
    app = await startWebMode(db);
    const today = (await callApi<{ today: string }>(app, 'app.info')).today;
    const [year, monthNumber] = today.split('-').map(Number);
    month = monthNumber === 1 ? `${year - 1}-12` : `${year}-${String(monthNumber - 1).padStart(2, '0')}`;
    await callApi(app, 'settings.set', { key: 'report.preparedBy', value: '王丽' });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('opens 月报, picks a month, previews the print page and saves it as a PDF', async () => {
    const expected = await callApi<{ figures: { staff: { active: number } } }>(app, 'report.monthly', { month });
    const page = await openPage(browser, app.url);
    await page.getByRole('menuitem', { name: /月报/ }).click();
    const picker = page.getByLabel('月份');
    await picker.click();
    await picker.fill(month);
    await picker.press('Enter');
    const title = `北山派出所${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月工作月报`;
    const preview = page.frameLocator('[data-testid="report-preview"]');
    await preview.getByRole('heading', { name: title }).waitFor();
    await preview.getByText(`月末在职 ${expected.figures.staff.active} 人`).waitFor();
    expect(await preview.locator('svg').count()).toBeGreaterThanOrEqual(2);
    await reviewScreenshot(page, { path: join(testOutputDir, 'monthly-report-preview.png') });

    const download = page.waitForEvent('download', { timeout: 150_000 }); // the PDF: a Chromium started on the server (slow on a loaded PC)
    await page.getByRole('button', { name: /保存 PDF/ }).click();
    const pdf = join(dir, '月报.pdf');
    await (await download).saveAs(pdf);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
    for (const heading of [title, '一、人员', '二、健康', '三、休假', '年休假使用（截至月末）', '四、慰问', '五、表彰', '六、下月提醒', '制表人：王丽']) expect(text).toContain(heading);
    expect(text).toContain(`月末在职 ${expected.figures.staff.active} 人`);
    expect(text).toMatch(/第\s*1\s*页\s*共\s*\d+\s*页/);
    expect(execFileSync('pdfinfo', [pdf]).toString()).toMatch(/Page size:.*\(A4\)/);
  }, 180_000);

  it('prints the 花名册 as the roster is filtered (A4 landscape, two pages) and shows 统计与名单', async () => {
    const roster = await callApi<{ name: string; idNumber: string; status: string }[]>(app, 'staff.list', {});
    const active = roster.filter((p) => p.status === '在职');
    expect(active.length).toBeGreaterThan(26); // more than one landscape page of rows
    const page = await openPage(browser, app.url);
    await page.getByRole('menuitem', { name: /人员档案/ }).click();
    await page.getByTestId('roster-count').getByText(`共 ${active.length} 人`).waitFor();
    await page.getByRole('button', { name: /打印花名册/ }).click();
    const preview = page.frameLocator('[data-testid="print-preview"]');
    await preview.getByRole('heading', { name: '北山派出所花名册' }).waitFor();
    await preview.getByText(active[0].idNumber).waitFor();
    await reviewScreenshot(page, { path: join(testOutputDir, 'roster-sheet-preview.png') });
    const download = page.waitForEvent('download', { timeout: 150_000 }); // the PDF: a Chromium started on the server (slow on a loaded PC)
    await page.getByRole('dialog').getByRole('button', { name: /保存 PDF/ }).click();
    const pdf = join(dir, '花名册.pdf');
    await (await download).saveAs(pdf);
    expect(execFileSync('pdfinfo', [pdf]).toString()).toMatch(/Page size:\s+841\.\d+ x 59[45]\.\d+ pts \(A4\)/);
    const first = execFileSync('pdftotext', ['-layout', '-f', '1', '-l', '1', pdf, '-']).toString();
    expect(first).toContain('北山派出所花名册');
    expect(first).toMatch(new RegExp(`${active[0].name}.*${active[0].idNumber}`));
    const second = execFileSync('pdftotext', ['-layout', '-f', '2', '-l', '2', pdf, '-']).toString();
    expect(second).toContain('身份证号');
    expect(second).toMatch(/第\s*2\s*页\s*共\s*\d+\s*页/);
    await page.getByRole('dialog').getByRole('button', { name: '关闭' }).click();

    await page.getByRole('menuitem', { name: /月报/ }).click();
    await page.getByRole('tab', { name: '统计与名单' }).click();
    const lists = page.frameLocator('[data-testid="list-preview"]');
    await lists.getByRole('heading', { name: '北山派出所人员统计表' }).waitFor();
    await lists.getByText(`在职人员 ${active.length} 人`, { exact: false }).waitFor();
    await reviewScreenshot(page, { path: join(testOutputDir, 'station-lists-preview.png') });
  }, 180_000);
});

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
 */
describe('月报 in web mode (real Chromium)', () => {
  const dir = makeTempDir('nuanjing-report-e2e-');
  const db = join(dir, 'station.sqlite');
  let app: WebModeApp;
  let browser: Browser;
  let month: string;

  beforeAll(async () => {
    await nuanjing(['init', '--db', db, '--code', '330102-01', '--name', '北山派出所']);
    await nuanjing(['seed', '--db', db, '--staff', '20', '--seed', '4', '--visits']);
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

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: /保存 PDF/ }).click();
    const pdf = join(dir, '月报.pdf');
    await (await download).saveAs(pdf);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
    for (const heading of [title, '一、人员', '二、健康', '三、休假', '休假数据待休假模块上线后提供', '四、慰问', '五、表彰', '六、下月提醒', '制表人：王丽']) expect(text).toContain(heading);
    expect(text).toContain(`月末在职 ${expected.figures.staff.active} 人`);
    expect(text).toMatch(/第\s*1\s*页\s*共\s*\d+\s*页/);
    expect(execFileSync('pdfinfo', [pdf]).toString()).toMatch(/Page size:.*\(A4\)/);
  }, 180_000);
});

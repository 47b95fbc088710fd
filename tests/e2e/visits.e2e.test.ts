import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, nuanjing } from '../support/e2e-calls';
import { samplePerson } from '../support/hospital-sheet';
import { launchChromium, makeTempDir, openPage, startWebMode, testOutputDir, type WebModeApp, reviewScreenshot } from '../support/web-mode';

/**
 * A clerk's 中秋 in real Chromium against web mode: the festival coverage shows who is not yet
 * visited, 全选 → one visit each in one step, then the 签领表 is previewed and saved as a PDF
 * (made by Chromium on the server), read back with pdftotext and pdffonts.
 */
describe('慰问 in web mode (real Chromium)', () => {
  const dir = makeTempDir('nuanjing-visits-e2e-');
  const db = join(dir, 'station.sqlite');
  const people = 8;
  let app: WebModeApp;
  let browser: Browser;
  let year: number;

  beforeAll(async () => {
    await nuanjing(['init', '--db', db, '--code', '330102-01', '--name', '北山派出所']);
    app = await startWebMode(db);
    year = Number((await callApi<{ today: string }>(app, 'app.info')).today.slice(0, 4));
    await callApi(app, 'station.setOperator', { operatorName: '王丽' });
    const ids: string[] = [];
    for (let n = 0; n < people; n += 1) ids.push((await callApi<{ id: string }>(app, 'staff.save', samplePerson(n))).id);
    // One of them was visited already: the batch must not visit them twice.
    await callApi(app, 'visits.save', { staffId: ids[0], kind: '节日慰问', date: `${year}-09-20`, goods: '月饼礼盒', goodsValueFen: 20000, funding: '工会经费', event: `${year}中秋` });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('records a 中秋 batch for everyone not yet visited, prints the 签领表 and saves it as a PDF', async () => {
    const page = await openPage(browser, app.url);
    await page.getByRole('menuitem', { name: /慰问记录/ }).click();
    await page.getByRole('tab', { name: '节日覆盖' }).click();
    await page.getByText(`未慰问 ${people - 1} 人`).waitFor();
    await page.getByRole('button', { name: /全\s*选/ }).click();
    await page.getByLabel('慰问物品（节日慰问只发实物）').fill('月饼礼盒');
    await page.getByLabel('每人物品价值（元）').fill('200');
    await page.getByLabel('慰问人').fill('所长 王建国');
    await page.getByRole('button', { name: `登记（${people - 1} 人）` }).click();
    await page.getByText('未慰问 0 人').waitFor();
    await reviewScreenshot(page, { path: join(testOutputDir, 'visits-coverage-done.png') });

    await page.getByRole('button', { name: /打印签领表/ }).click();
    const dialog = page.getByRole('dialog', { name: '北山派出所慰问品（金）签领表' });
    await dialog.waitFor();
    await page.frameLocator('[data-testid="receipt-preview"]').getByText(samplePerson(people - 1).name).waitFor();
    await reviewScreenshot(page, { path: join(testOutputDir, 'visits-receipt-preview.png') });
    const download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: /保存 PDF/ }).click();
    const pdf = join(dir, '签领表.pdf');
    await (await download).saveAs(pdf);

    const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
    expect(text).toContain('北山派出所慰问品（金）签领表');
    expect(text).toContain(`${year}年中秋慰问`);
    for (const header of ['序号', '姓名', '类别', '金额/物品', '签名', '备注']) expect(text).toContain(header);
    for (let n = 0; n < people; n += 1) expect(text).toContain(samplePerson(n).name);
    expect(text.match(/月饼礼盒（¥200\.00）/g)).toHaveLength(people);
    expect(text).toMatch(new RegExp(`合计：${people}\\s*人次`));
    expect(text).toMatch(/经办人：王丽/);
    expect(text).toMatch(/第\s*1\s*页\s*共\s*1\s*页/);
    expect(execFileSync('pdfinfo', [pdf]).toString()).toMatch(/Page size:.*\(A4\)/);
    const fonts = execFileSync('pdffonts', [pdf]).toString().split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.every((line) => / yes /.test(line))).toBe(true);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdf, join(testOutputDir, 'visits-receipt-pdf')]);

    const coverage = await callApi<{ visited: unknown[]; missing: unknown[] }>(app, 'visits.coverage', { festival: '中秋', year });
    expect([coverage.visited.length, coverage.missing.length]).toEqual([people, 0]);
  }, 180_000);
});

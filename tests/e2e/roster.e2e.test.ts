import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDateOf } from '../../shared/china-date';
import { makeValidIdNumber } from '../../shared/id-number';
import { ageOn, workYearsOn } from '../../shared/person-derivations';
import { computeRetirement } from '../../shared/retirement-date';
import { writeRosterSheet } from '../support/roster-sheet';
import { launchChromium, makeTempDir, openPage, startWebMode, testOutputDir, type WebModeApp, reviewScreenshot } from '../support/web-mode';
import { runNuanjingInProcess } from '../support/cli-in-process';

/** The 辅警 the clerk adds by hand: a woman (even sequence code), 陈晓燕 → initials cxy. */
const CHEN = { name: '陈晓燕', idNumber: makeValidIdNumber('330106', '1990-06-15', 128), birthDate: '1990-06-15', workStartDate: '2015-03-01' };

/** Picks an option of an antd Select whose field has the given label. */
async function choose(scope: Locator, page: Page, label: string, option: string) {
  await scope.getByLabel(label, { exact: true }).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: new RegExp(`^${option}$`) }).click();
}

/** Types a date into an antd DatePicker and commits it. */
async function typeDate(scope: Locator, label: string, date: string) {
  const input = scope.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

/** A screenshot for review: toasts gone, transitions finished. */
async function snap(page: Page, name: string) {
  await reviewScreenshot(page, { path: join(testOutputDir, name), animations: 'disabled' }, () =>
    page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 6_000 }).catch(() => undefined),
  );
}

describe('人员档案 in web mode (real Chromium)', () => {
  let app: WebModeApp;
  let browser: Browser;
  let page: Page;
  let dir: string;

  /** People in the ledger file, read by the CLI beside the running web mode. */
  async function staffInLedger(): Promise<number> {
    const stats = await runNuanjingInProcess(['stats', '--db', app.dbPath, '--json']);
    expect(stats.code, stats.stderr).toBe(0);
    const rows = JSON.parse(stats.stdout) as { table: string; rows: number }[];
    return rows.filter((r) => r.table === 'staff').reduce((sum, r) => sum + r.rows, 0);
  }

  beforeAll(async () => {
    dir = makeTempDir();
    const db = join(dir, 'ledger.sqlite');
    const init = await runNuanjingInProcess(['init', '--db', db, '--code', '330102-01', '--name', '北山派出所']);
    expect(init.code, init.stderr).toBe(0);
    app = await startWebMode(db);
    browser = await launchChromium();
    page = await openPage(browser, app.url);
    mkdirSync(testOutputDir, { recursive: true });
    await page.getByRole('menuitem', { name: '人员档案' }).click();
    await page.getByTestId('roster-count').getByText('共 0 人').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('adds a 辅警 with a spouse and a child, then finds her again by pinyin initials', async () => {
    await page.getByRole('button', { name: '新增人员' }).click();
    const form = page.getByRole('dialog', { name: '新增人员' });
    await form.getByText('辅警', { exact: true }).click();
    await form.getByLabel('姓名', { exact: true }).fill(CHEN.name);
    await form.getByLabel('身份证号', { exact: true }).fill(CHEN.idNumber);
    await form.getByTestId('id-derivation').getByText(`出生日期 ${CHEN.birthDate} · 女`).waitFor();
    await form.getByLabel('电话', { exact: true }).fill('13912345678');
    await form.getByLabel('辅警编号', { exact: true }).fill('FJ1203');
    await form.getByLabel('岗位', { exact: true }).fill('巡逻');
    await form.getByLabel('层级', { exact: true }).fill('3');
    await choose(form, page, '星级', '三星');
    await typeDate(form, '参加工作时间', CHEN.workStartDate);
    await form.getByLabel('工会会员').check();
    await snap(page, 'roster-staff-form.png');
    await form.getByRole('button', { name: /保\s*存/ }).click();

    // The new file opens at once.
    const detail = page.getByRole('dialog', { name: new RegExp(CHEN.name) });
    await detail.getByText('FJ1203').waitFor();
    await page.getByTestId('roster-count').getByText('共 1 人').waitFor();

    await detail.getByRole('tab', { name: '家属' }).click();
    for (const member of [
      { relation: '配偶', name: '刘建国', birthDate: '1988-02-10', phone: '13800001234', work: '西湖区城管局' },
      { relation: '子女', name: '刘子涵', birthDate: '2010-03-08', phone: '', work: '杭州第二中学', grade: '高二' },
    ]) {
      await detail.getByRole('button', { name: '添加家属' }).click();
      const dialog = page.getByRole('dialog', { name: '添加家属' });
      await choose(dialog, page, '与本人关系', member.relation);
      await dialog.getByLabel('家属姓名').fill(member.name);
      await typeDate(dialog, '出生日期', member.birthDate);
      if (member.phone) await dialog.getByLabel('家属电话').fill(member.phone);
      await dialog.getByLabel(member.grade ? '学校' : '工作单位', { exact: true }).fill(member.work);
      if (member.grade) await dialog.getByLabel('年级').fill(member.grade);
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await dialog.waitFor({ state: 'hidden' });
      await detail.getByRole('cell', { name: member.name, exact: false }).first().waitFor();
    }
    await page.keyboard.press('Escape');
    await detail.waitFor({ state: 'hidden' });

    const search = page.getByPlaceholder('姓名 / 拼音首字母 / 身份证号 / 警号');
    await search.fill('zzz');
    await page.getByTestId('roster-count').getByText('共 0 人').waitFor();
    await search.fill('cxy');
    await page.getByTestId('roster-count').getByText('共 1 人').waitFor();
    await page.locator('.ant-table-tbody-virtual').getByText(CHEN.name).waitFor();
    // One match: Enter in the search box opens her file (a click on the row does too).
    await search.press('Enter');

    const again = page.getByRole('dialog', { name: new RegExp(CHEN.name) });
    await again.getByText(CHEN.idNumber).waitFor();
    await again.getByRole('tab', { name: /家属/ }).click();
    await again.getByText('刘建国').waitFor();
    await again.getByText('刘子涵').waitFor();
    await expect(again.getByRole('tab', { name: /家属/ }).textContent()).resolves.toContain('2');
    await snap(page, 'roster-detail-family.png');
    await again.getByRole('tab', { name: '基本信息' }).click();
    await snap(page, 'roster-detail.png');
    await page.keyboard.press('Escape');
    await again.waitFor({ state: 'hidden' });
    await search.fill('');
  });

  it('imports an .xlsx, listing both broken rows by row number before anything is written', async () => {
    const good = [
      { 姓名: '周建华', 身份证号码: makeValidIdNumber('330102', '1972-11-05', 13), 类别: '民警', 警号: '023401', 岗位: '所长', 参加工作时间: '1993-08-01' },
      { 姓名: '吴丽娟', 身份证号码: makeValidIdNumber('330104', '1985-04-22', 26), 类别: '民警', 警号: '023402', 岗位: '户籍内勤', 参加工作时间: '2007-07-01' },
      { 姓名: '郑小龙', 身份证号码: makeValidIdNumber('330105', '1998-09-30', 57), 类别: '辅警', 警号: 'FJ1301', 岗位: '巡逻', 参加工作时间: '2019-02-15' },
    ];
    const badCheck = makeValidIdNumber('330106', '1979-01-20', 35);
    const sheet = join(dir, '北山所人员名单.xlsx');
    await writeRosterSheet(sheet, [
      good[0],
      // row 3: a wrong check digit
      { 姓名: '孙伟', 身份证号码: badCheck.slice(0, 17) + (badCheck[17] === '1' ? '2' : '1'), 类别: '民警', 警号: '023403', 岗位: '社区民警', 参加工作时间: '2001-07-01' },
      good[1],
      // row 5: no name
      { 姓名: '', 身份证号码: makeValidIdNumber('330106', '1990-12-12', 71), 类别: '辅警', 警号: 'FJ1302', 岗位: '巡逻', 参加工作时间: '2016-05-01' },
      good[2],
    ]);

    await page.getByRole('button', { name: '导入 Excel' }).click();
    const dialog = page.getByRole('dialog', { name: '导入人员名单（Excel）' });
    const chooser = page.waitForEvent('filechooser');
    await dialog.getByRole('button', { name: '选择 Excel 文件' }).click();
    await (await chooser).setFiles(sheet);

    const errors = dialog.getByTestId('import-errors');
    await errors.waitFor();
    await expect(errors.locator('li').allTextContents()).resolves.toEqual([
      expect.stringMatching(/^第3行 · .*校验位/),
      expect.stringMatching(/^第5行 · .*姓名/),
    ]);
    await dialog.getByText('将新增').waitFor();
    await snap(page, 'roster-import-preview.png');
    // Nothing is written before the clerk confirms: the ledger file still holds one person.
    await expect(page.getByTestId('roster-count').textContent()).resolves.toBe('共 1 人');
    await expect(staffInLedger()).resolves.toBe(1);

    await dialog.getByRole('button', { name: '确认导入（3 人）' }).click();
    await page.getByText('导入完成：新增 3 人，更新 0 人，2 行有错未导入').waitFor();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId('roster-count').getByText('共 4 人').waitFor();
    await expect(staffInLedger()).resolves.toBe(4);
    const table = page.locator('.ant-table-tbody-virtual');
    for (const person of good) await table.getByText(person.姓名).waitFor();
    await expect(table.getByText('孙伟').count()).resolves.toBe(0);
    await snap(page, 'roster-list.png');
  });

  it('exports the roster and the file carries the derived columns', async () => {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出 Excel' }).click();
    const file = join(dir, 'export.xlsx');
    await (await download).saveAs(file);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0];
    const text = (value: ExcelJS.CellValue): string =>
      value instanceof Date ? value.toISOString().slice(0, 10) : value === null || value === undefined ? '' : String(value);
    let headerRow = 0;
    sheet.eachRow((row, n) => {
      if (!headerRow && (row.values as ExcelJS.CellValue[]).some((v) => text(v) === '姓名')) headerRow = n;
    });
    expect(headerRow).toBeGreaterThan(0);
    const headers = (sheet.getRow(headerRow).values as ExcelJS.CellValue[]).map(text);
    const rows: Record<string, string>[] = [];
    sheet.eachRow((row, n) => {
      if (n <= headerRow) return;
      const values = row.values as ExcelJS.CellValue[];
      rows.push(Object.fromEntries(headers.map((h, i) => [h, text(values[i])]).filter(([h]) => h)));
    });
    expect(rows.map((r) => r['姓名']).sort()).toEqual(['吴丽娟', '周建华', '郑小龙', CHEN.name].sort());

    const today = chinaDateOf(Date.now());
    const chen = rows.find((r) => r['姓名'] === CHEN.name) as Record<string, string>;
    expect(chen['出生日期']).toBe(CHEN.birthDate);
    expect(chen['性别']).toBe('女');
    expect(Number(chen['年龄'])).toBe(ageOn(CHEN.birthDate, today));
    expect(Number(chen['工龄'])).toBe(workYearsOn(CHEN.workStartDate, 0, today));
    // A woman 辅警 on the female50 base born 1990-06 has reached the 60-month cap: 55, on 2045-06-15.
    expect(chen['预计退休日期']).toBe(computeRetirement(CHEN.birthDate, 'female50').retirementDate);
    expect(chen['预计退休日期']).toBe('2045-06-15');
  });

  it('keeps the import preview scrolling inside the dialog so 确认导入 stays in view', async () => {
    // A sheet whose preview is taller than the 1366×768 window: counts, a long list of refused
    // rows, unknown headers, the row table.
    const rows = Array.from({ length: 40 }, (_, i) => ({
      姓名: `预览${'一二三四五六七八九十'[i % 10]}${i}`,
      身份证号码: i % 4 === 3 ? '330106197901201234' : makeValidIdNumber('330106', `1980-01-${String(1 + (i % 28)).padStart(2, '0')}`, 200 + i),
      类别: '民警',
      警号: `0250${String(i).padStart(2, '0')}`,
      籍贯: '浙江杭州',
      特长: '无',
    }));
    const sheet = join(dir, '长名单.xlsx');
    await writeRosterSheet(sheet, rows);
    await page.getByRole('button', { name: '导入 Excel' }).click();
    const dialog = page.getByRole('dialog', { name: '导入人员名单（Excel）' });
    const chooser = page.waitForEvent('filechooser');
    await dialog.getByRole('button', { name: '选择 Excel 文件' }).click();
    await (await chooser).setFiles(sheet);
    await dialog.getByTestId('import-errors').waitFor();

    // The preview scrolls inside the dialog's body, not the window behind it…
    const heights = (el: { scrollHeight: number; clientHeight: number }) => ({ scroll: el.scrollHeight, client: el.clientHeight });
    const body = await dialog.locator('.ant-modal-body').evaluate(heights);
    expect(body.scroll).toBeGreaterThan(body.client);
    const wrap = await page.locator('.ant-modal-wrap').filter({ has: dialog }).evaluate(heights);
    expect(wrap.scroll).toBeLessThanOrEqual(wrap.client);
    // …and 确认导入 is inside the window.
    const confirm = dialog.getByRole('button', { name: /^确认导入/ });
    const box = await confirm.boundingBox();
    const viewport = page.viewportSize() as { width: number; height: number };
    expect(box).not.toBeNull();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y + box!.height).toBeLessThanOrEqual(viewport.height);
    await snap(page, 'roster-import-long-preview.png');

    await dialog.getByRole('button', { name: /^取\s*消$/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect(staffInLedger()).resolves.toBe(4);
  });
});

import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffListItem } from '../../shared/staff-record';
import { callApi, nuanjing } from '../support/e2e-calls';
import { launchChromium, makeTempDir, openPage, reviewScreenshot, startWebMode, testOutputDir, type WebModeApp } from '../support/web-mode';

/**
 * The 备份 page in real Chromium against web mode: back up now, lose a person, restore the backup
 * from the list — the preview compares the counts, the server reopens the restored ledger and the
 * page reloads on it.
 */
describe('备份 page (real Chromium)', () => {
  const dir = makeTempDir('nuanjing-backup-e2e-');
  const db = join(dir, 'station.sqlite');
  let app: WebModeApp;
  let browser: Browser;

  beforeAll(async () => {
    await nuanjing(['init', '--db', db, '--code', '330102-01', '--name', '北山派出所', '--operator', '王丽']);
    await nuanjing(['seed', '--db', db, '--staff', '6', '--seed', '3']);
    app = await startWebMode(db);
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('restores a backup from the list with a preview, and the page reloads on the restored ledger', async () => {
    const page = await openPage(browser, app.url);
    await page.getByRole('menuitem', { name: '备份' }).click();
    await page.getByRole('button', { name: '立即备份' }).click();
    await page.getByText('已备份并通过完整性检查').waitFor();

    const people = await callApi<StaffListItem[]>(app, 'staff.list');
    expect(people).toHaveLength(6);
    await callApi(app, 'staff.delete', { id: people[0].id });

    // The newest backup (the one just taken) is the first row.
    await page.getByRole('button', { name: '恢复…', exact: true }).first().click();
    const dialog = page.getByRole('dialog', { name: '从备份恢复' });
    const staffRow = dialog.getByRole('row').filter({ hasText: '人员' }).first();
    await staffRow.waitFor();
    expect((await staffRow.innerText()).replace(/\s+/g, ' ')).toMatch(/人员 6 5 \+1/);
    await reviewScreenshot(page, { path: join(testOutputDir, 'backup-restore-preview.png') });

    const reloaded = page.waitForEvent('load');
    await dialog.getByRole('button', { name: '恢复到这个备份' }).click();
    await page.getByText(/已恢复到 .* 的备份/).waitFor();
    await reloaded;
    // Once (of many runs, the machine loaded) the menu never came back after the reload: say what the page showed instead.
    await page
      .getByRole('menuitem', { name: '备份' })
      .click()
      .catch(async (error: Error) => {
        throw new Error(`${error.message}\nthe page showed: ${(await page.locator('body').innerText().catch(() => '?')).slice(0, 600)}`);
      });
    await page.getByRole('cell', { name: '恢复备份前' }).waitFor();
    expect(await callApi<StaffListItem[]>(app, 'staff.list')).toHaveLength(6);
    await page.getByRole('menuitem', { name: '人员档案' }).click();
    await page.getByText(/共 6 人/).first().waitFor();
  }, 120_000);
});

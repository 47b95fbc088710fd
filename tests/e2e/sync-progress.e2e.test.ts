import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, nuanjing } from '../support/e2e-calls';
import { launchChromium, makeTempDir, openPage, startWebMode, testOutputDir, type WebModeApp, reviewScreenshot } from '../support/web-mode';

const shotDir = join(testOutputDir, 'sync-progress');

/**
 * A station's first bundle of 600 people (paced, so it lasts a few seconds) imports at the bureau as a long job: the dialog shows
 * the count of changes while the worker applies them, the window keeps answering, and 取消导入
 * stops it with nothing written.
 */
describe('a large import in web mode shows its progress and can be cancelled (real Chromium)', () => {
  const dir = makeTempDir('nuanjing-progress-e2e-');
  const bureauDb = join(dir, 'bureau.sqlite');
  const stationDb = join(dir, 'station.sqlite');
  let bureau: WebModeApp;
  let browser: Browser;
  let bundlePath: string;

  beforeAll(async () => {
    mkdirSync(shotDir, { recursive: true });
    await nuanjing(['init', '--db', bureauDb, '--code', '3301', '--name', '杭州市公安局', '--role', 'bureau']);
    await nuanjing(['sync', 'open-station', '--db', bureauDb, '--code', '330102-01', '--name', '北山派出所', '--out', join(dir, 'setup.njsetup')]);
    await nuanjing(['init', '--db', stationDb, '--setup', join(dir, 'setup.njsetup')]);
    await nuanjing(['seed', '--db', stationDb, '--staff', '600', '--seed', '5']);
    const outDir = join(dir, 'out');
    mkdirSync(outDir);
    await nuanjing(['sync', 'export', '--db', stationDb, '--to', '3301', '--out', outDir]);
    bundlePath = join(outDir, readdirSync(outDir)[0]);
    // Paced (a pause at each progress point), so the import is still running when 取消导入 is
    // clicked however fast this machine is.
    bureau = await startWebMode(bureauDb, { NUANJING_JOB_PACE_MS: '250' });
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await bureau?.stop();
  });

  it('counts the changes as they are applied, and 取消导入 leaves the bureau as it was', async () => {
    const page = await openPage(browser, bureau.url);
    await page.getByTestId('station-name').getByText('杭州市公安局').waitFor();
    await page.getByRole('menuitem', { name: '数据同步' }).click();
    const stations = page.getByTestId('sync-stations-card');
    const choosing = page.waitForEvent('filechooser');
    await stations.getByRole('button', { name: '导入同步文件' }).click();
    await (await choosing).setFiles(bundlePath);

    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: /^确认导入/ }).click({ timeout: 120_000 });
    const progress = dialog.getByTestId('sync-task-progress');
    // The count moves while the worker applies the changes (not only the 0 it starts from).
    await progress.getByText(/导入同步文件：[1-9][\d,]* \/ [\d,]+ 项修改/).waitFor({ timeout: 60_000 });
    await reviewScreenshot(page, { path: join(shotDir, '1-import-progress.png') });
    // The window is not frozen: the main process answers while the worker imports.
    await expect(callApi<{ appName: string }>(bureau, 'app.info')).resolves.toMatchObject({ appName: '暖警台账' });

    await dialog.getByRole('button', { name: '取消导入' }).click();
    await dialog.getByText('没有导入任何文件，本机数据未被改动。').waitFor({ timeout: 60_000 });
    await dialog.getByText(/已取消「导入同步文件」：没有写入任何数据/).waitFor();
    await reviewScreenshot(page, { path: join(shotDir, '2-import-cancelled.png') });
    await expect(callApi<unknown[]>(bureau, 'staff.list')).resolves.toHaveLength(0);
    await expect(callApi<unknown[]>(bureau, 'sync.history')).resolves.toEqual([]);
  }, 240_000);
});

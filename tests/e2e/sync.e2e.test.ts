import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, nuanjing } from '../support/e2e-calls';
import { launchChromium, makeTempDir, openPage, startWebMode, testOutputDir, type WebModeApp, reviewScreenshot } from '../support/web-mode';

const shotDir = join(testOutputDir, 'sync');

async function shot(page: Page, name: string): Promise<void> {
  await reviewScreenshot(page, { path: join(shotDir, name), fullPage: true });
}

describe('sync in web mode: a station exports, the bureau imports (real Chromium)', () => {
  const dir = makeTempDir('nuanjing-sync-e2e-');
  const bureauDb = join(dir, 'bureau.sqlite');
  const stationDb = join(dir, 'station.sqlite');
  let bureau: WebModeApp;
  let station: WebModeApp;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(shotDir, { recursive: true });
    await nuanjing(['init', '--db', bureauDb, '--code', '3301', '--name', '杭州市公安局', '--role', 'bureau']);
    await nuanjing(['sync', 'open-station', '--db', bureauDb, '--code', '330102-01', '--name', '北山派出所', '--out', join(dir, 'setup.njsetup')]);
    await nuanjing(['init', '--db', stationDb, '--setup', join(dir, 'setup.njsetup')]);
    await nuanjing(['seed', '--db', stationDb, '--staff', '30', '--seed', '3']);
    [station, bureau] = await Promise.all([startWebMode(stationDb), startWebMode(bureauDb)]);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all([station?.stop(), bureau?.stop()]);
  });

  it('carries the station’s 30 people to the bureau through a downloaded and uploaded bundle', async () => {
    // ── The station: 数据同步 → 生成同步文件 → the browser downloads the bundle.
    const stationPage = await openPage(browser, station.url);
    await stationPage.getByTestId('station-name').getByText('北山派出所').waitFor();
    await stationPage.getByRole('menuitem', { name: '数据同步' }).click();
    const parentCard = stationPage.getByTestId('sync-parent-card');
    await parentCard.getByText('杭州市公安局', { exact: true }).waitFor();
    const pending = await parentCard.locator('.ant-statistic').filter({ hasText: '待发送变更' }).locator('.ant-statistic-content-value').innerText();
    expect(Number(pending.replace(/\D/g, ''))).toBeGreaterThan(30);
    await shot(stationPage, '1-station-before-export.png');

    const downloading = stationPage.waitForEvent('download');
    await parentCard.getByRole('button', { name: '生成同步文件' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^330102-01-3301-.*\.njb$/);
    const bundlePath = join(dir, download.suggestedFilename());
    await download.saveAs(bundlePath);
    await stationPage.getByText(`已生成给「杭州市公安局」的同步文件「${download.suggestedFilename()}」`).waitFor();
    await stationPage.getByRole('cell', { name: download.suggestedFilename() }).waitFor();
    await shot(stationPage, '2-station-exported.png');

    // ── The bureau: 数据同步 → 导入同步文件 → upload → preview with per-table counts → 确认导入 → summary.
    const bureauPage = await openPage(browser, bureau.url);
    await bureauPage.getByTestId('station-name').getByText('杭州市公安局').waitFor();
    await bureauPage.getByRole('menuitem', { name: '数据同步' }).click();
    const stations = bureauPage.getByTestId('sync-stations-card');
    await stations.getByRole('row', { name: /北山派出所/ }).getByText('待首次报送').waitFor();
    await shot(bureauPage, '3-bureau-before-import.png');

    const choosing = bureauPage.waitForEvent('filechooser');
    await stations.getByRole('button', { name: '导入同步文件' }).click();
    const chooser = await choosing;
    expect(chooser.isMultiple()).toBe(true);
    await chooser.setFiles(bundlePath);

    const dialog = bureauPage.getByRole('dialog');
    await dialog.getByRole('button', { name: /^确认导入/ }).waitFor();
    await dialog.getByText('北山派出所（330102-01）').waitFor();
    const staffRow = dialog.getByTestId('sync-import-counts').getByRole('row', { name: /^人员 / });
    await expect(staffRow.getByRole('cell').nth(1).innerText()).resolves.toBe('30');
    await expect(callApi<unknown[]>(bureau, 'staff.list')).resolves.toHaveLength(0);
    await shot(bureauPage, '4-bureau-preview.png');

    await dialog.getByRole('button', { name: /^确认导入/ }).click();
    await dialog.getByText(/^已导入 1 个文件。/).waitFor();
    await dialog.getByText('已导入', { exact: true }).waitFor();
    await shot(bureauPage, '5-bureau-summary.png');
    // The printed record: only the summary sheet reaches the paper.
    await bureauPage.emulateMedia({ media: 'print' });
    await shot(bureauPage, '6-bureau-summary-print.png');
    await bureauPage.pdf({ path: join(shotDir, '6-bureau-summary.pdf'), format: 'A4' });
    await bureauPage.emulateMedia({ media: 'screen' });

    await dialog.getByRole('button', { name: /^完\s*成$/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = stations.getByRole('row', { name: /北山派出所/ });
    await row.getByText('已登记').waitFor();
    await row.getByText('第 1 号').waitFor();
    await bureauPage.getByRole('row', { name: /导入/ }).filter({ hasText: download.suggestedFilename() }).waitFor();
    await shot(bureauPage, '7-bureau-after-import.png');

    // ── At 1024×768 the stations table stays readable: the name on one line, the summary and the
    // bureau's own fingerprint shown in full, the station's fingerprint in its row.
    await bureauPage.setViewportSize({ width: 1024, height: 768 });
    const nameCell = row.getByRole('cell', { name: /北山派出所/ });
    const nameBox = await nameCell.boundingBox();
    const codeBox = await row.getByRole('cell', { name: '330102-01', exact: true }).boundingBox();
    expect(nameBox && codeBox && nameBox.height <= codeBox.height + 2).toBe(true);
    expect(nameBox!.width).toBeGreaterThan(120);
    const summary = stations.getByTestId('sync-stations-summary');
    await expect(summary.isVisible()).resolves.toBe(true);
    const summaryBox = await summary.boundingBox();
    const importBox = await stations.getByRole('button', { name: '导入同步文件' }).boundingBox();
    expect(summaryBox!.y).toBeGreaterThanOrEqual(importBox!.y + importBox!.height);
    const ownFingerprint = (await callApi<{ fingerprint: string }>(bureau, 'sync.status')).fingerprint;
    await stations.getByTestId('sync-own-fingerprint').getByText(ownFingerprint).waitFor();
    const stationFingerprint = (await callApi<{ fingerprint: string }>(station, 'sync.status')).fingerprint;
    await row.getByText(stationFingerprint).waitFor();
    await shot(bureauPage, '7b-bureau-1024.png');
    await bureauPage.setViewportSize({ width: 1366, height: 768 });

    // ── The bureau's roster now shows the station's people.
    const people = await callApi<{ name: string; status: string }[]>(station, 'staff.list');
    expect(people).toHaveLength(30);
    const active = people.filter((p) => p.status === '在职');
    await bureauPage.getByRole('menuitem', { name: '人员档案' }).click();
    // The roster opens on active staff; the whole list is counted beside it.
    await bureauPage.getByTestId('roster-count').getByText(`共 ${active.length} 人`).waitFor();
    await bureauPage.getByText(/共 30 人/).first().waitFor();
    await shot(bureauPage, '8-bureau-roster.png');
    await bureauPage.getByLabel('搜索人员').fill(active[0].name);
    const namesakes = active.filter((p) => p.name === active[0].name).length;
    await bureauPage.getByTestId('roster-count').getByText(`共 ${namesakes} 人`).waitFor();
    await bureauPage.getByText(active[0].name, { exact: true }).first().waitFor();
    await shot(bureauPage, '9-bureau-roster-search.png');
  });
});

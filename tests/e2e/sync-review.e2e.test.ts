import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClockStatus, SyncStatus, WithheldChange } from '../../shared/sync-record';
import { openLedgerStore } from '../../db/ledger-store';
import { createBureau, exportFor, openStationFile, pairStation, personInput, stationFromSetup, carry } from '../support/sync-sites';
import { callApi } from '../support/e2e-calls';
import { launchChromium, makeTempDir, openPage, startWebMode, testOutputDir, type WebModeApp, reviewScreenshot } from '../support/web-mode';

const DAY_MS = 86_400_000;

const shotDir = join(testOutputDir, 'sync-review');

async function shot(page: Page, name: string): Promise<void> {
  await reviewScreenshot(page, { path: join(shotDir, name), fullPage: true });
}

/** The bundle files the bureau's clerk will upload, and the ledger files the servers open. */
interface SeededFiles {
  bureauDb: string;
  northDb: string;
  /** 北山派出所's second bundle: one change after the person moved away (拒收), the rest dated 60 days ahead (暂缓). */
  northBundle: string;
  /** 东湖派出所's first bundle (registers its keys). */
  eastBundle: string;
  eastFingerprint: string;
}

/**
 * Seeds the ledgers through the real handlers, as the clerks would have: the bureau opens 北山 and
 * 南星 (registered) and 东湖 (set up, not yet reported). 北山 reports a person; the bureau moves him
 * to 南星; 北山, not yet aware, edits him (the bureau will refuse that); then 北山's PC date jumps 60
 * days ahead and its clerk adds a person (the bureau will hold those changes). Back on the right
 * date, 北山's ledger holds edits dated 60 days after now: its clock banner shows.
 */
async function seed(dir: string): Promise<SeededFiles> {
  let northOffset = 0;
  const bureauDb = join(dir, 'bureau.sqlite');
  const northDb = join(dir, 'north.sqlite');
  const bureau = await createBureau('3301', '杭州市公安局', { store: await openLedgerStore(bureauDb) });
  const north = await pairStation(bureau, '330102-01', '北山派出所', {
    store: await openLedgerStore(northDb, { wallClock: () => Date.now() + northOffset }),
    userName: '王丽',
  });
  const south = await pairStation(bureau, '330102-02', '南星派出所', { store: await openLedgerStore(':memory:') });
  const eastSetup = await openStationFile(bureau, '330102-03', '东湖派出所');
  const east = await stationFromSetup(eastSetup, { code: '330102-03', name: '东湖派出所', store: await openLedgerStore(':memory:') });

  const person = await north.client.call('staff.save', personInput(3));
  await carry(north, bureau);
  await bureau.client.call('sync.transferStaff', { staffId: person.id, toStationCode: south.code, date: new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10) });
  await new Promise((resolve) => setTimeout(resolve, 20));
  await north.client.call('staff.save', { ...personInput(3), id: person.id, notes: '调出后又改的备注' });
  northOffset = 60 * DAY_MS;
  await north.client.call('staff.save', personInput(7));

  const northBundle = await exportFor(north, bureau);
  const eastBundle = await exportFor(east, bureau);
  const eastFingerprint = (await east.client.call('sync.status', {})).fingerprint;
  const files = { northBundle: join(dir, northBundle.fileName), eastBundle: join(dir, eastBundle.fileName) };
  writeFileSync(files.northBundle, northBundle.bytes);
  writeFileSync(files.eastBundle, eastBundle.bytes);
  for (const site of [bureau, north, south, east]) site.store.close();
  return { bureauDb, northDb, ...files, eastFingerprint };
}

describe('sync review in web mode: 未导入的修改 and the clock banner (real Chromium)', () => {
  const dir = makeTempDir('nuanjing-sync-review-e2e-');
  let files: SeededFiles;
  let bureau: WebModeApp;
  let north: WebModeApp;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(shotDir, { recursive: true });
    files = await seed(dir);
    [bureau, north] = await Promise.all([startWebMode(files.bureauDb), startWebMode(files.northDb)]);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all([bureau?.stop(), north?.stop()]);
  });

  it('shows a new unit’s fingerprint and what will not be imported in the preview, lists it after, and dismisses it', async () => {
    const page = await openPage(browser, bureau.url);
    await page.getByTestId('station-name').getByText('杭州市公安局').waitFor();
    await page.getByRole('menuitem', { name: '数据同步' }).click();
    const stations = page.getByTestId('sync-stations-card');
    await stations.getByRole('row', { name: /东湖派出所/ }).getByText('待首次报送').waitFor();

    // ── Both files at once: the preview shows 东湖's fingerprint to compare by phone, and 北山's
    // withheld changes with their sentences; nothing is written yet.
    const choosing = page.waitForEvent('filechooser');
    await stations.getByRole('button', { name: '导入同步文件' }).click();
    await (await choosing).setFiles([files.eastBundle, files.northBundle]);
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: /^确认导入/ }).waitFor();
    const registrant = dialog.getByTestId('sync-registrant');
    await registrant.getByText('首次报送：请与对方电话核对密钥指纹').waitFor();
    await expect(registrant.getByTestId('sync-registrant-fingerprint').innerText()).resolves.toBe(files.eastFingerprint);
    await registrant.getByText(/这是「东湖派出所」（330102-03）的第一个同步文件/).waitFor();
    const withheldNotice = dialog.getByTestId('sync-import-withheld');
    const noticeTitle = await withheldNotice.locator('.ant-alert-title').innerText();
    const [, total, rejected, held] = /^有 (\d+) 项修改不会导入：(\d+) 项对方无权修改（拒收），(\d+) 项修改时间比本机晚得太多（暂缓）。文件里的其余内容照常导入。$/.exec(noticeTitle) ?? [];
    expect(Number(rejected)).toBe(1);
    expect(Number(held)).toBeGreaterThan(10);
    expect(Number(total)).toBe(Number(rejected) + Number(held));
    await withheldNotice.getByText(/人员记录的「备注」：该记录已于 .* 调出「北山派出所（330102-01）」/).waitFor();
    await withheldNotice.getByText(/「北山派出所（330102-01）」.*电脑日期可能设错了/).first().waitFor();
    await expect(callApi<WithheldChange[]>(bureau, 'sync.withheld')).resolves.toHaveLength(0);
    await shot(page, '1-bureau-preview.png');
    await withheldNotice.scrollIntoViewIfNeeded();
    await reviewScreenshot(page, { path: join(shotDir, '1b-bureau-preview-withheld.png') });

    await dialog.getByRole('button', { name: /^确认导入/ }).click();
    await dialog.getByText(/^已导入 2 个文件。/).waitFor();
    await dialog.getByText(/已登记「东湖派出所」（330102-03）的密钥/).waitFor();
    await dialog.getByText(`有 ${total} 项修改没有导入：${rejected} 项对方无权修改（拒收），${held} 项修改时间比本机晚得太多（暂缓）。文件里的其余内容已照常导入。`).waitFor();
    await shot(page, '2-bureau-summary.png');
    await dialog.getByRole('button', { name: /^完\s*成$/ }).click();
    await dialog.waitFor({ state: 'hidden' });

    // ── 未导入的修改: the badge counts every entry; the table lists them with the sender's word.
    const status = await callApi<SyncStatus>(bureau, 'sync.status');
    expect([status.withheldRejected, status.withheldHeld]).toEqual([Number(rejected), Number(held)]);
    const tab = page.getByRole('tab', { name: /未导入的修改/ });
    const badgeCount = () => tab.getByTestId('sync-withheld-badge').locator('sup').getAttribute('title');
    await expect.poll(badgeCount).toBe(total);
    await tab.click();
    const panel = page.getByTestId('sync-withheld');
    await panel.getByText('这里列出导入同步文件时没有采用的修改，文件里的其余内容已照常导入。').waitFor();
    await panel.getByText(`全部 ${total}`).waitFor();
    for (const header of ['来源单位', '记录', '字段', '值', '修改时间', '修改人（对方填写）', '原因', '收到时间']) {
      await panel.getByRole('columnheader', { name: header }).waitFor();
    }
    await shot(page, '3-withheld-tab.png');

    // 拒收 → select → 已知悉，移出列表 → it leaves the list (and stays out of the ledger).
    await panel.getByText(`拒收 ${rejected}`).click();
    const rejectedRow = panel.getByRole('row', { name: /备注/ });
    await rejectedRow.getByText('调出后又改的备注').waitFor();
    await rejectedRow.getByText('王丽').waitFor();
    await rejectedRow.getByText('北山派出所', { exact: true }).waitFor();
    await rejectedRow.getByText('330102-01', { exact: true }).waitFor();
    await expect(panel.locator('tbody tr.ant-table-row').count()).resolves.toBe(1);
    await rejectedRow.getByRole('checkbox').check();
    await panel.getByRole('button', { name: '已知悉，移出列表（1）' }).click();
    await page.getByText('将 1 项拒收的修改移出列表？').waitFor();
    await shot(page, '4-dismiss-confirm.png');
    await page.locator('.ant-popover').getByRole('button', { name: '移出列表', exact: true }).click();
    await page.getByText('已将 1 项拒收的修改移出列表').waitFor();
    await panel.getByText('没有拒收的修改').waitFor();
    await panel.getByText('拒收 0').waitFor();

    // 暂缓 → select two → 放弃 → they leave the list; the rest stay held.
    await panel.getByText(`暂缓 ${held}`).click();
    const heldRows = panel.locator('tbody tr.ant-table-row');
    await heldRows.first().getByText('暂缓').waitFor();
    await heldRows.nth(0).getByRole('checkbox').check();
    await heldRows.nth(1).getByRole('checkbox').check();
    await panel.getByRole('button', { name: '放弃（2）' }).click();
    await page.getByText('放弃 2 项暂缓的修改？').waitFor();
    await page.locator('.ant-popover:visible').getByRole('button', { name: /^放\s*弃$/ }).click();
    await page.getByText('已放弃 2 项暂缓的修改，到时也不会再导入').waitFor();
    await panel.getByText(`暂缓 ${Number(held) - 2}`).waitFor();
    const after = await callApi<SyncStatus>(bureau, 'sync.status');
    expect([after.withheldRejected, after.withheldHeld]).toEqual([0, Number(held) - 2]);
    await expect.poll(badgeCount).toBe(String(Number(held) - 2));
    // The bureau's ledger never took the refused edit.
    const people = await callApi<{ notes: string | null }[]>(bureau, 'staff.list');
    expect(people.some((p) => p.notes === '调出后又改的备注')).toBe(false);
    await shot(page, '5-withheld-after-dismiss.png');

    // At 1024 px the table still fits its card.
    await page.setViewportSize({ width: 1024, height: 768 });
    await shot(page, '6-withheld-1024.png');
    await page.setViewportSize({ width: 1366, height: 768 });
  });

  it('warns on a PC whose ledger is dated ahead, refuses saving until 以电脑当前时间为准, then saves', async () => {
    const before = await callApi<ClockStatus>(north, 'app.clockStatus');
    expect(before).toMatchObject({ ok: false, aheadDays: 60 });
    expect(before.futureChanges).toBeGreaterThan(10);

    const page = await openPage(browser, north.url);
    await page.getByTestId('station-name').getByText('北山派出所').waitFor();
    const banner = page.getByTestId('clock-banner');
    await banner.getByText('电脑日期可能不对，暂时不能保存修改').waitFor();
    await banner.getByText(new RegExp(`但台账里已有 ${before.ledgerTime} 的修改，晚了 60 天`)).waitFor();
    await shot(page, '7-clock-banner.png');

    // A save is refused with the same message (and the banner stays).
    await page.getByRole('menuitem', { name: '设置' }).click();
    const minimum = page.getByLabel('最低在岗警力');
    await minimum.fill('12');
    const saveMinimum = page.locator('.ant-form-item').filter({ has: minimum }).getByRole('button', { name: /保\s*存/ });
    await saveMinimum.click();
    await page.locator('.ant-message').getByText(/电脑日期可能不对：本机现在是/).waitFor();
    await banner.waitFor();
    await reviewScreenshot(page, { path: join(shotDir, '8-save-refused.png') });

    // 以电脑当前时间为准 → the dialog explains → confirm → the wrong-dated edits are re-dated.
    await banner.getByRole('button', { name: '以电脑当前时间为准' }).click();
    const confirm = page.getByRole('dialog');
    await confirm.locator('.ant-modal-confirm-title').getByText('以电脑当前时间为准？').waitFor();
    await confirm.getByText(/只有电脑现在的日期是对的/).waitFor();
    await confirm.getByText(new RegExp(`本机以前在错误日期下做的 ${before.futureChanges} 项修改`)).waitFor();
    await confirm.getByText(/如果电脑现在的日期不对，请不要点这里/).waitFor();
    await reviewScreenshot(page, { path: join(shotDir, '9-repair-confirm.png') }, () => page.waitForTimeout(500)); // the dialog's opening animation
    await confirm.getByRole('button', { name: '以电脑当前时间为准' }).click();
    await page.getByText(new RegExp(`在错误日期下做的 ${before.futureChanges} 项修改已改记为现在的时间`)).waitFor();
    await banner.waitFor({ state: 'detached' });
    await expect(callApi<ClockStatus>(north, 'app.clockStatus')).resolves.toMatchObject({ ok: true, futureChanges: 0 });

    // Saving works again.
    await saveMinimum.click();
    await page.getByText('已保存「最低在岗警力」').waitFor();
    const settings = await callApi<Record<string, unknown>>(north, 'settings.get');
    expect(settings['station.minimumOnDuty']).toBe(12);
    await reviewScreenshot(page, { path: join(shotDir, '10-saved-after-repair.png') }, () => page.waitForTimeout(400)); // the message's entrance animation
  });
});

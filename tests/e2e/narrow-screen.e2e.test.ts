import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nuanjing } from '../support/e2e-calls';
import { launchChromium, makeTempDir, signInContext, startWebMode, testOutputDir, type WebModeApp, reviewScreenshot } from '../support/web-mode';

/**
 * A 1024×768 screen (older office PCs, a projector): the menu folds to its icons and nothing the
 * clerk needs is cut off — the roster's columns up to 标记, the bureau's table of stations and its
 * buttons. Checked with the boxes Chromium lays out, and kept as screenshots for review.
 */

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

async function boxOf(locator: Locator): Promise<Box> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('element not laid out');
  return box;
}

/** Fails naming the element when `inner` reaches outside `outer` horizontally. */
function expectInside(inner: Box, outer: Box, what: string) {
  expect(inner.x, `${what} starts left of its container`).toBeGreaterThanOrEqual(outer.x - 0.5);
  expect(inner.x + inner.width, `${what} ends right of its container`).toBeLessThanOrEqual(outer.x + outer.width + 0.5);
}

/** Every element of a locator lies within `outer` (and within the window). */
async function expectAllInside(items: Locator, outer: Box, what: (i: number, text: string) => string) {
  const count = await items.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i += 1) {
    const item = items.nth(i);
    const box = await boxOf(item);
    const name = what(i, (await item.innerText()).trim());
    expectInside(box, outer, name);
    expectInside(box, { x: 0, y: 0, width: 1024, height: 768 }, name);
  }
}

/** Whether a scrolling box hides part of its content sideways. */
async function overflowsSideways(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => el.scrollWidth > el.clientWidth + 1);
}

async function openNarrowPage(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: 'zh-CN' });
  await signInContext(context, url);
  const page = await context.newPage();
  await page.goto(new URL(url).origin);
  return page;
}

describe('at 1024×768 (real Chromium)', () => {
  let station: WebModeApp;
  let bureau: WebModeApp;
  let browser: Browser;

  beforeAll(async () => {
    const dir = makeTempDir();
    const bureauDb = join(dir, 'bureau.sqlite');
    const stationDb = join(dir, 'station.sqlite');
    await nuanjing(['init', '--db', bureauDb, '--code', '3301', '--name', '杭州市公安局', '--role', 'bureau']);
    await nuanjing(['sync', 'open-station', '--db', bureauDb, '--code', '330102-01', '--name', '西湖区公安分局北山街道派出所', '--out', join(dir, 'a.njsetup')]);
    await nuanjing(['sync', 'open-station', '--db', bureauDb, '--code', '330102-02', '--name', '灵隐派出所', '--out', join(dir, 'b.njsetup')]);
    await nuanjing(['init', '--db', stationDb, '--setup', join(dir, 'a.njsetup')]);
    await nuanjing(['seed', '--db', stationDb, '--staff', '40', '--seed', '3']);
    mkdirSync(join(dir, 'usb'));
    await nuanjing(['sync', 'export', '--db', stationDb, '--to', '3301', '--out', join(dir, 'usb')]);
    await nuanjing(['sync', 'import', '--db', bureauDb, join(dir, 'usb')]);
    [station, bureau] = await Promise.all([startWebMode(stationDb), startWebMode(bureauDb)]);
    browser = await launchChromium();
    mkdirSync(testOutputDir, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await Promise.all([station?.stop(), bureau?.stop()]);
  });

  it('folds the menu, and shows every column of the roster up to 标记 and every button', async () => {
    const page = await openNarrowPage(browser, station.url);
    await page.getByRole('menuitem', { name: /人员档案/ }).click();
    await expect.poll(() => page.getByTestId('roster-count').innerText()).toMatch(/^共 \d+ 人$/);
    expect((await boxOf(page.getByTestId('app-sider'))).width).toBeLessThanOrEqual(80);

    await reviewScreenshot(page, { path: join(testOutputDir, 'narrow-1024-roster.png'), animations: 'disabled' });
    const table = page.locator('.ant-table').first();
    const tableBox = await boxOf(table);
    expectInside(tableBox, { x: 0, y: 0, width: 1024, height: 768 }, 'the roster table');
    await expectAllInside(table.locator('.ant-table-thead th'), tableBox, (i, text) => `column ${i} 「${text}」`);
    expect(await table.locator('.ant-table-thead th').last().innerText()).toContain('标记');
    expect(await overflowsSideways(table.locator('.ant-table-body, .ant-table-tbody-virtual-holder').first())).toBe(false);
    // The tags of the first rows stay inside their cells.
    const tags = table.locator('.ant-table-tbody .ant-table-row .ant-table-cell:last-child .ant-tag');
    const flagsHeader = await boxOf(table.locator('.ant-table-thead th').last());
    for (let i = 0; i < Math.min(await tags.count(), 20); i += 1) {
      expectInside(await boxOf(tags.nth(i)), flagsHeader, `tag 「${await tags.nth(i).innerText()}」`);
    }
    await expectAllInside(page.locator('.ant-card').first().locator('button:visible'), { x: 0, y: 0, width: 1024, height: 768 }, (i, text) => `button 「${text}」`);

    // A drop-down typed into never picks its first option: 星级 「abc」 then Enter stays empty.
    await page.getByRole('button', { name: /新增人员/ }).click();
    const drawer = page.getByRole('dialog', { name: '新增人员' });
    await drawer.getByText('辅警', { exact: true }).click();
    const stars = drawer.getByLabel('星级', { exact: true });
    const starsShown = () => stars.locator('xpath=ancestor::*[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]').innerText();
    await stars.focus();
    await page.keyboard.type('abc');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    expect(await starsShown()).not.toContain('一星');
    // Typing 三 then Enter takes 三星: choosing by keyboard still works.
    await stars.focus();
    await page.keyboard.type('三');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(starsShown).toContain('三星');
    await page.context().close();
  });

  it('shows the bureau its stations, and its roster, with every column and button in view', async () => {
    const page = await openNarrowPage(browser, bureau.url);
    await page.getByRole('menuitem', { name: /数据同步/ }).click();
    const card = page.getByTestId('sync-stations-card');
    await card.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
    await reviewScreenshot(page, { path: join(testOutputDir, 'narrow-1024-stations.png'), animations: 'disabled', fullPage: true });
    const cardBox = await boxOf(card);
    expectInside(cardBox, { x: 0, y: 0, width: 1024, height: 768 }, 'the stations card');
    const table = card.locator('.ant-table').first();
    await expectAllInside(table.locator('.ant-table-thead th'), cardBox, (i, text) => `column ${i} 「${text}」`);
    expect(await overflowsSideways(table.locator('.ant-table-content, .ant-table-body').first())).toBe(false);
    await expectAllInside(card.locator('button:visible'), cardBox, (i, text) => `button 「${text}」`);

    // The bureau's roster adds 所属单位: still every column up to 标记 in view, no sideways scroll.
    await page.getByRole('menuitem', { name: /人员档案/ }).click();
    const roster = page.locator('.ant-table').first();
    await roster.locator('.ant-table-thead th', { hasText: '所属单位' }).waitFor();
    const rosterBox = await boxOf(roster);
    expectInside(rosterBox, { x: 0, y: 0, width: 1024, height: 768 }, 'the bureau roster');
    await expectAllInside(roster.locator('.ant-table-thead th'), rosterBox, (i, text) => `column ${i} 「${text}」`);
    expect(await roster.locator('.ant-table-thead th').last().innerText()).toContain('标记');
    expect(await overflowsSideways(roster.locator('.ant-table-body, .ant-table-tbody-virtual-holder').first())).toBe(false);
    await page.context().close();
  });
});

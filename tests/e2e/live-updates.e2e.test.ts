import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, nuanjing } from '../support/e2e-calls';
import { launchChromium, makeTempDir, openPage, startWebMode, testOutputDir, type WebModeApp, reviewScreenshot } from '../support/web-mode';

/**
 * An open page follows writes it did not make: people added from the command line (another
 * program on the same ledger file) appear in the open roster, without reloading the page.
 */
describe('live updates in web mode (real Chromium)', () => {
  const dir = makeTempDir('nuanjing-live-e2e-');
  const db = join(dir, 'station.sqlite');
  let app: WebModeApp;
  let browser: Browser;

  beforeAll(async () => {
    await nuanjing(['init', '--db', db, '--code', '330102-01', '--name', '北山派出所']);
    app = await startWebMode(db);
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('shows people the CLI adds in the roster that is already open', async () => {
    const page = await openPage(browser, app.url);
    await page.getByRole('menuitem', { name: '人员档案' }).click();
    await page.getByText(/共 0 人/).first().waitFor();

    await nuanjing(['seed', '--db', db, '--staff', '6', '--seed', '7']);
    const everyone = await callApi<unknown[]>(app, 'staff.list');
    expect(everyone).toHaveLength(6);
    await page.getByText(new RegExp(`共 ${everyone.length} 人`)).first().waitFor({ timeout: 10_000 });
    await reviewScreenshot(page, { path: join(testOutputDir, 'live-roster-after-cli.png') });
  }, 120_000);
});

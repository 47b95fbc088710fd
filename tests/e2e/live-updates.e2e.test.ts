import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, makeTempDir, openPage, startWebMode, testOutputDir, type WebModeApp } from '../support/web-mode';
import { runNuanjingInProcess } from '../support/cli-in-process';

/** Runs the CLI and fails with its output when it does not succeed. */
async function nuanjing(args: string[]): Promise<string> {
  const result = await runNuanjingInProcess(args);
  if (result.code !== 0) throw new Error(`nuanjing ${args.join(' ')} exited with ${result.code}:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/** Calls web mode's API directly, with the token from the printed URL. */
async function callApi<T>(app: WebModeApp, method: string, args: unknown = {}): Promise<T> {
  const url = new URL(app.url);
  const response = await fetch(`${url.origin}/api/call/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-nuanjing-token': url.searchParams.get('token') ?? '' },
    body: JSON.stringify(args),
  });
  const body = (await response.json()) as { ok: boolean; data: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${method}: ${body.error?.message}`);
  return body.data;
}

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
    await page.screenshot({ path: join(testOutputDir, 'live-roster-after-cli.png') });
  }, 120_000);
});

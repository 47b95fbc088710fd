import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { nuanjing } from '../support/e2e-calls';
import { TEST_CLERK } from '../support/test-accounts';
import { launchChromium, makeTempDir, openPage, reviewScreenshot, startWebMode, testOutputDir, type WebModeApp } from '../support/web-mode';

describe('signing in, the idle lock and unlocking (real Chromium)', () => {
  const dir = makeTempDir('nuanjing-e2e-accounts-');
  const db = join(dir, 'station.sqlite');
  let app: WebModeApp;
  let browser: Browser;

  beforeAll(async () => {
    await nuanjing(['init', '--db', db, '--code', '330102-01', '--name', '北山派出所']);
    // The helper signs the test clerk in as the first 管理员.
    app = await startWebMode(db);
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('asks for a login, locks the screen after 10 idle minutes, and only the password unlocks it', async () => {
    const page = await openPage(browser, app.url, { signIn: false });
    // The page's own clock, moved by hand: the idle time passes without waiting for it.
    await page.clock.install();
    await page.reload();
    const login = page.getByTestId('sign-in-screen');
    await login.getByText('北山派出所').waitFor();
    await page.getByLabel('姓名').fill(TEST_CLERK.name);
    await page.getByLabel('密码').fill('not-the-password');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await login.getByText(/姓名或密码不正确.*再错 4 次将暂停登录/).waitFor();
    await page.getByLabel('密码').fill(TEST_CLERK.password);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByTestId('user-menu').getByText(`${TEST_CLERK.name}（管理员）`).waitFor();
    await reviewScreenshot(page, { path: join(testOutputDir, 'accounts-signed-in.png') });

    await page.clock.fastForward('10:30');
    const lock = page.getByTestId('lock-screen');
    await lock.getByText(`「${TEST_CLERK.name}」已登录`).waitFor();
    await reviewScreenshot(page, { path: join(testOutputDir, 'accounts-locked.png') });
    await page.getByLabel('解锁密码').fill('wrong-again');
    await lock.getByRole('button', { name: /解\s*锁/ }).click();
    await lock.getByText(/密码不正确/).waitFor();
    await page.getByLabel('解锁密码').fill(TEST_CLERK.password);
    await lock.getByRole('button', { name: /解\s*锁/ }).click();
    await lock.waitFor({ state: 'detached' });
    await page.getByRole('menuitem', { name: '操作记录' }).click();
    await page.getByRole('tab', { name: '登录与查阅记录' }).click();
    // Each kind of event is listed (waited for: the tab loads its rows after it opens).
    for (const kind of ['登录失败（密码错误）', '锁定屏幕', '解锁失败（密码错误）', '解锁']) {
      await page.getByRole('cell', { name: kind, exact: true }).first().waitFor();
    }
  }, 120_000);
});

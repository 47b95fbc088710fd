import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, makeTempDir, openPage, startWebMode, testOutputDir, type WebModeApp, reviewScreenshot } from '../support/web-mode';
import { runNuanjingInProcess } from '../support/cli-in-process';

describe('first run in web mode (real Chromium)', () => {
  let app: WebModeApp;
  let browser: Browser;

  beforeAll(async () => {
    app = await startWebMode(join(makeTempDir(), 'ledger.sqlite'));
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('prints a loopback URL with the token, and refuses the API without it', async () => {
    expect(app.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
    const base = app.url.split('?')[0];
    const response = await fetch(`${base}api/call/app.info`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('UNAUTHORIZED');
  });

  it('completes the setup wizard and shows the station in the frame', async () => {
    // With antd's animations, as on a PC set to animate (the other flows run without).
    const page = await openPage(browser, app.url, { motion: true });
    await page.getByText('欢迎使用暖警台账').waitFor();
    expect(page.url()).not.toContain('token=');

    await page.getByRole('button', { name: '完成设置' }).click();
    await page.getByText('请填写单位代码').waitFor();

    await page.getByLabel('单位代码').fill('330102-01');
    await page.getByLabel('单位名称').fill('西湖区公安分局北山派出所');
    await page.getByLabel('经办人（选填）').fill('王丽');
    await page.getByRole('button', { name: '完成设置' }).click();

    await page.getByTestId('station-name').getByText('西湖区公安分局北山派出所').waitFor();
    for (const item of ['工作台', '人员档案', '健康管理', '休假轮休', '慰问记录', '月报', '数据同步', '操作记录', '备份', '设置']) {
      await expect(page.getByRole('menuitem', { name: item }).count()).resolves.toBe(1);
    }
    mkdirSync(testOutputDir, { recursive: true });
    await reviewScreenshot(page, { path: join(testOutputDir, 'setup-done.png'), fullPage: true });

    // Every page is built: 月报 opens on its month picker.
    await page.getByRole('menuitem', { name: '月报' }).click();
    await page.getByLabel('月份').waitFor();

    const info = await runNuanjingInProcess(['info', '--db', app.dbPath, '--json']);
    expect(info.code).toBe(0);
    expect(JSON.parse(info.stdout).station.code).toBe('330102-01');
  });
});

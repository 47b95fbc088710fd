// Takes the README's screenshot (docs/screenshot.png): web mode on a fresh demo ledger, the roster
// page in Debian's Chromium at an office PC's 1366×768. Run after `npm run build:renderer`.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const root = resolve(import.meta.dirname, '..');
const folder = mkdtempSync(join(tmpdir(), 'nuanjing-screenshot-'));
const server = spawn(process.execPath, [join(root, 'bin/nuanjing.mjs'), 'serve', '--demo', '--db', join(folder, 'demo.sqlite')], { cwd: root });

const url = await new Promise((done, fail) => {
  let output = '';
  server.stdout.on('data', (chunk) => {
    output += chunk;
    const line = output.split('\n').find((l) => l.startsWith('http://127.0.0.1:'));
    if (line) done(line.trim());
  });
  server.stderr.on('data', (chunk) => (output += chunk));
  server.on('exit', (code) => fail(new Error(`web mode exited with ${code}:\n${output}`)));
});

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  await page.goto(url);
  await page.getByRole('menuitem', { name: /人员档案/ }).click();
  await page.locator('.ant-table-row').first().waitFor();
  mkdirSync(join(root, 'docs'), { recursive: true });
  await page.screenshot({ path: join(root, 'docs/screenshot.png') });
  console.log('docs/screenshot.png');
} finally {
  await browser.close();
  server.kill('SIGTERM');
  rmSync(folder, { recursive: true, force: true });
}

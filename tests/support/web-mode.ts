import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page, type PageScreenshotOptions } from 'playwright-core';
import { inject } from 'vitest';
import { chromiumLaunchOptions } from './chromium-options';
import { TEST_CLERK } from './test-accounts';

/** The project root (tests run from it). */
export const projectRoot = resolve(import.meta.dirname, '../..');
/** Screenshots and other artefacts of the e2e tests (git-ignored). */
export const testOutputDir = join(projectRoot, 'test-output');

/**
 * Keeps a picture of a step in `test-output/` for a person to look at, when asked to
 * (`NUANJING_E2E_SCREENSHOTS=1 npx vitest run --project e2e`). No assertion reads them, and each
 * costs Chromium up to a second (a full page more): about 40 of them were a tenth of `npm test`.
 */
export async function reviewScreenshot(page: Page, options: PageScreenshotOptions, settle?: () => Promise<unknown>): Promise<void> {
  if (process.env.NUANJING_E2E_SCREENSHOTS !== '1') return;
  // What the picture waits for (an animation to end, a toast to go) — only when one is taken.
  await settle?.();
  await page.screenshot(options);
}

/** A running `nuanjing serve` child process on a temporary database. */
export interface WebModeApp {
  url: string;
  dbPath: string;
  /** The test clerk's session (signed in as the app started: `callApi` sends it). */
  sessionCookie: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** A fresh temporary folder for one test's files. */
export function makeTempDir(prefix = 'nuanjing-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Runs the `nuanjing` CLI as a user would, returning its exit code and output. */
export function runNuanjing(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, [join(projectRoot, 'bin/nuanjing.mjs'), ...args], { cwd: projectRoot });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolvePromise({ code: code ?? -1, stdout, stderr }));
  });
}

/** Posts one call to a web-mode app with its token (and a session cookie), as a program does. */
export async function postToApp<T>(app: Pick<WebModeApp, 'url'>, method: string, args: unknown, cookie?: string): Promise<{ body: Envelope<T>; setCookie: string | null }> {
  const url = new URL(app.url);
  const response = await fetch(`${url.origin}/api/call/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-nuanjing-token': url.searchParams.get('token') ?? '', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(args),
  });
  return { body: (await response.json()) as Envelope<T>, setCookie: response.headers.get('set-cookie') };
}

/**
 * Signs the test clerk in, through the calls the login screen makes — creating them as the first
 * 管理员 on a ledger without accounts (the app's first start) — and returns the session cookie.
 */
async function signInTestClerk(url: string): Promise<string> {
  const status = await postToApp<{ accountsExist: boolean }>({ url }, 'account.status', {});
  const signed = await postToApp({ url }, status.body.data.accountsExist ? 'account.signIn' : 'account.createFirstAdmin', TEST_CLERK);
  if (!signed.body.ok || !signed.setCookie) throw new Error(`test sign-in failed: ${signed.body.error?.message}`);
  return signed.setCookie.split(';')[0];
}

/**
 * Starts web mode (`nuanjing serve`) on a database, with extra environment variables, waits for the
 * URL line and signs the test clerk in (so the ledger has its 管理员 from the start, as after the
 * app's first start).
 */
export async function startWebMode(dbPath: string, env: Record<string, string> = {}): Promise<WebModeApp> {
  const app = await startServeProcess(dbPath, env);
  try {
    return { ...app, sessionCookie: await signInTestClerk(app.url) };
  } catch (error) {
    await app.stop();
    throw error;
  }
}

function startServeProcess(dbPath: string, env: Record<string, string>): Promise<Omit<WebModeApp, 'sessionCookie'>> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [join(projectRoot, 'bin/nuanjing.mjs'), 'serve', '--db', dbPath], { cwd: projectRoot, env: { ...process.env, ...env } });
    let output = '';
    const timer = setTimeout(() => reject(new Error(`web mode did not print its URL:\n${output}`)), 60_000);
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
      const line = output.split('\n').find((l) => l.startsWith('http://127.0.0.1:'));
      if (line) {
        clearTimeout(timer);
        resolvePromise({
          url: line.trim(),
          dbPath,
          process: child,
          stop: () =>
            new Promise((done) => {
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.on('exit', (code) => reject(new Error(`web mode exited with ${code}:\n${output}`)));
  });
}

/**
 * Debian's Chromium, driven by playwright-core, with the flags this machine needs: a connection to
 * the one the e2e project started (`shared-chromium.ts`), or a browser of its own elsewhere.
 * `close()` ends the connection and the contexts opened through it.
 */
export function launchChromium(): Promise<Browser> {
  const endpoint = inject('chromiumEndpoint');
  return endpoint ? chromium.connect(endpoint) : chromium.launch(chromiumLaunchOptions());
}

/** An API envelope as web mode answers. */
interface Envelope<T> {
  ok: boolean;
  data: T;
  error?: { code: string; message: string };
}

/**
 * Signs a browser context in as {@link TEST_CLERK} before its page opens, through the same calls
 * the login screen makes: the printed URL (token → cookie), then `account.createFirstAdmin` on a
 * ledger without accounts (the first start) or `account.signIn`. The context keeps the session's
 * cookie, so its pages open on the frame, as after a login.
 */
export async function signInContext(context: BrowserContext, url: string): Promise<void> {
  const origin = new URL(url).origin;
  await context.request.get(url);
  const call = async <T>(method: string, data: unknown) => (await (await context.request.post(`${origin}/api/call/${method}`, { data })).json()) as Envelope<T>;
  const status = await call<{ accountsExist: boolean; user: unknown }>('account.status', {});
  const signed = status.data.accountsExist ? await call('account.signIn', TEST_CLERK) : await call('account.createFirstAdmin', TEST_CLERK);
  if (!signed.ok) throw new Error(`test sign-in failed: ${signed.error?.message}`);
}

/**
 * A page at 1366×768, the office PC's usual screen, in Chinese — signed in as the test clerk
 * (`signIn: false`: on the login screen, for the tests of the login itself) — with the system
 * asking for no animations (the app then turns antd's off: each dialog and drop-down no longer
 * waits out its motion). `motion: true` keeps them, as on a PC set to animate: one flow runs so.
 */
export async function openPage(browser: Browser, url: string, options: { signIn?: boolean; motion?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
    acceptDownloads: true,
    reducedMotion: options.motion ? 'no-preference' : 'reduce',
  });
  if (options.signIn !== false) await signInContext(context, url);
  const page = await context.newPage();
  await page.goto(options.signIn !== false ? new URL(url).origin : url);
  return page;
}

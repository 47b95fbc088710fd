import { runNuanjingInProcess } from './cli-in-process';
import type { WebModeApp } from './web-mode';
import { TEST_CLERK } from './test-accounts';

/** Runs the CLI in-process and fails with its output when it does not succeed. */
export async function nuanjing(args: string[]): Promise<string> {
  const result = await runNuanjingInProcess(args);
  if (result.code !== 0) throw new Error(`nuanjing ${args.join(' ')} exited with ${result.code}:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/** Per web-mode app, the session cookie of the test clerk's sign-in. */
const sessionCookies = new WeakMap<WebModeApp, string>();

async function post<T>(app: WebModeApp, method: string, args: unknown, cookie?: string): Promise<{ body: { ok: boolean; data: T; error?: { message: string } }; setCookie: string | null }> {
  const url = new URL(app.url);
  const response = await fetch(`${url.origin}/api/call/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-nuanjing-token': url.searchParams.get('token') ?? '', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(args),
  });
  return { body: (await response.json()) as { ok: boolean; data: T; error?: { message: string } }, setCookie: response.headers.get('set-cookie') };
}

/** The test clerk's session cookie for an app (signing in, or creating the first 管理员, once). */
async function sessionCookie(app: WebModeApp): Promise<string> {
  const known = sessionCookies.get(app);
  if (known) return known;
  const status = await post<{ accountsExist: boolean }>(app, 'account.status', {});
  const signed = await post(app, status.body.data.accountsExist ? 'account.signIn' : 'account.createFirstAdmin', TEST_CLERK);
  if (!signed.body.ok || !signed.setCookie) throw new Error(`test sign-in failed: ${signed.body.error?.message}`);
  const cookie = signed.setCookie.split(';')[0];
  sessionCookies.set(app, cookie);
  return cookie;
}

/** Calls web mode's API directly, as the page does: with the token from the printed URL, signed in as the test clerk. */
export async function callApi<T>(app: WebModeApp, method: string, args: unknown = {}): Promise<T> {
  const { body } = await post<T>(app, method, args, await sessionCookie(app));
  if (!body.ok) throw new Error(`${method}: ${body.error?.message}`);
  return body.data;
}

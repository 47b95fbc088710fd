import { runNuanjingInProcess } from './cli-in-process';
import type { WebModeApp } from './web-mode';

/** Runs the CLI in-process and fails with its output when it does not succeed. */
export async function nuanjing(args: string[]): Promise<string> {
  const result = await runNuanjingInProcess(args);
  if (result.code !== 0) throw new Error(`nuanjing ${args.join(' ')} exited with ${result.code}:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/** Calls web mode's API directly, as the page does, with the token from the printed URL. */
export async function callApi<T>(app: WebModeApp, method: string, args: unknown = {}): Promise<T> {
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

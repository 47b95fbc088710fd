import { runNuanjingInProcess } from './cli-in-process';
import { postToApp, type WebModeApp } from './web-mode';

/** Runs the CLI in-process and fails with its output when it does not succeed. */
export async function nuanjing(args: string[]): Promise<string> {
  const result = await runNuanjingInProcess(args);
  if (result.code !== 0) throw new Error(`nuanjing ${args.join(' ')} exited with ${result.code}:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/** Calls web mode's API directly, as the page does: with the token from the printed URL, signed in as the test clerk. */
export async function callApi<T>(app: WebModeApp, method: string, args: unknown = {}): Promise<T> {
  const { body } = await postToApp<T>(app, method, args, app.sessionCookie);
  if (!body.ok) throw new Error(`${method}: ${body.error?.message}`);
  return body.data;
}

import { runCli } from '../../electron/cli/run-cli';
import { withTestClerk } from './test-accounts';

/** What one `nuanjing` invocation left: its exit code and its output. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a `nuanjing` command in this process — the same `runCli` that `bin/nuanjing.mjs` calls,
 * with stdout and stderr captured exactly as the bin writes them (each text and a newline) — for
 * tests of what a command does. Tests of the process itself (the bin, its exit status, its clean
 * stdout) spawn it with `runNuanjing` from `web-mode.ts`.
 *
 * On a ledger with accounts (a web-mode test signed in) it runs as the test clerk (`--user`), unless
 * `signIn: false` — for the tests of the sign-in itself.
 */
export async function runNuanjingInProcess(args: string[], options: { signIn?: boolean } = {}): Promise<CliRun> {
  if (options.signIn !== false) args = withTestClerk(args);
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (text) => {
      stdout += `${text}\n`;
    },
    stderr: (text) => {
      stderr += `${text}\n`;
    },
  });
  return { code, stdout, stderr };
}

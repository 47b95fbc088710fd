import { runCli } from '../../electron/cli/run-cli';

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
 */
export async function runNuanjingInProcess(args: string[]): Promise<CliRun> {
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

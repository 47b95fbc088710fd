#!/usr/bin/env node
// The `nuanjing` command. Runs the TypeScript sources through tsx, so it works right after
// `npm install` without a build step.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../electron/cli/run-cli.ts');
const code = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text + '\n'),
  stderr: (text) => process.stderr.write(text + '\n'),
});
process.exitCode = code;

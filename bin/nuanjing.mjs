#!/usr/bin/env node
// The `nuanjing` command. Runs the CLI bundle (dist/cli/nuanjing.cjs, built by scripts/build-cli.mjs
// with esbuild like the Electron main): starting from JavaScript takes a fraction of compiling the
// TypeScript sources at every start.
//
// The bundle is never stale: when any file that went into it changed since it was built (sizes and
// times in dist/cli/inputs.json), the bin rebuilds it first, quietly (stdout and stderr stay the
// command's own), which takes a second or two. So a fresh clone needs no build step, and an edit
// is live at the next run of the bin, `npm run web` or any test that spawns it; `npm test` and
// `npm run web` also build it up front (`npm run build:cli`). Without esbuild (a production-only
// install), a stale or missing bundle gives way to running the sources through tsx.
import { createRequire } from 'node:module';
import { cliBundlePaths, isCliBundleCurrent } from '../scripts/cli-bundle.mjs';

async function loadRunCli() {
  const paths = cliBundlePaths();
  if (!isCliBundleCurrent(paths)) {
    let esbuildMissing = false;
    try {
      await import('esbuild');
    } catch {
      esbuildMissing = true;
    }
    if (esbuildMissing) {
      const { register } = await import('tsx/esm/api');
      register();
      return (await import('../electron/cli/run-cli.ts')).runCli;
    }
    const { buildCli } = await import('../scripts/build-cli.mjs');
    try {
      await buildCli({ quiet: true });
    } catch (error) {
      process.stderr.write(`命令行程序构建失败（源代码有误？）：\n${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    }
  }
  return createRequire(import.meta.url)(paths.bundle).runCli;
}

const runCli = await loadRunCli();
const code = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text + '\n'),
  stderr: (text) => process.stderr.write(text + '\n'),
});
process.exitCode = code;

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { BenchCase } from '../bench-kit';
import type { BenchFolder } from '../bench-ledgers';
import { ISSUE_8_TARGETS } from '../bench-targets';

const projectRoot = join(import.meta.dirname, '..', '..');
const bin = join(projectRoot, 'bin', 'nuanjing.mjs');

/** Runs `node args…` to its end; throws when it fails (a failing command would time nothing useful). */
function runNode(args: string[]): void {
  const result = spawnSync(process.execPath, args, { cwd: projectRoot, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited ${result.status}:\n${result.stderr}`);
}

/**
 * A 120-person demo ledger made by the CLI itself (`seed` on a new file: 演示派出所 with families,
 * honours and status history, as `npm run web` makes). The run also rebuilds the CLI bundle when a
 * source changed, so the timed runs start the current bundle, never a rebuild.
 */
export function createCliDemoLedger(folder: BenchFolder): string {
  const path = folder.file('cli-demo-120.sqlite');
  runNode([bin, 'seed', '--db', path, '--staff', '120', '--seed', '1']);
  return path;
}

/**
 * Case 5 — the package's bin as a user starts it, `node bin/nuanjing.mjs ARGS`, spawned and waited
 * for; against `node -e 0` (starting Node itself), spawned the same way, alternating.
 */
export function cliStartupCase(label: string, args: string[]): BenchCase {
  return {
    name: `CLI: nuanjing ${label}`,
    baselineLabel: 'node -e 0, spawned and waited for the same way',
    targetRatio: ISSUE_8_TARGETS.cliStartupRatio,
    repetitions: 11,
    async setup() {
      return {
        ours: () => runNode([bin, ...args]),
        baseline: () => runNode(['-e', '0']),
      };
    },
  };
}

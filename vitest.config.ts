import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

/**
 * Three vitest projects, one per place the code runs:
 * - node: shared rules, db, main-process handlers, bundles (real SQLite, in memory or temp files);
 * - renderer: React pages in jsdom through the in-process transport and real handlers;
 * - e2e: web mode in real Chromium (needs `npm run build` first; `npm test` does that).
 *
 * `npm test` runs the three together. vitest's default for `run` is one worker fewer than the CPUs
 * (one worker on our 2-core machines, every file in turn); the tests are independent (in-memory or
 * temporary ledgers, their own ports), so every core runs files.
 *
 * Every project's files share their worker's modules (`isolate: false`): each file imported the
 * handlers, the CLI, React, antd and their packages anew, which was a third of the Node project's
 * time and 40 % of the jsdom project's. They may: every file opens its own ledgers, servers,
 * folders and app store, what the modules keep beyond a call is keyed by the database it serves or
 * a pure result, and spies are restored after each test (`restoreMocks`). A jsdom file still gets a
 * window of its own (the environment is set up per file); antd's style cache, shared, writes each
 * style into the document that mounts it. Their jsdom matches style rules through an index
 * (tests/support/jsdom-rule-index.ts): the same computed styles, a quarter of the time.
 */
/**
 * The passphrase that unlocks the test ledgers' sync keys (see electron/keys/): a file ledger's
 * private keys are sealed, and the CLI and web mode read the passphrase from this variable when no
 * `--key-passphrase-file` is given. Child processes (web mode, the CLI) inherit it. Tests only.
 */
const testKeyEnv = { NUANJING_KEY_PASSPHRASE: 'test-suite-only-passphrase' };

export default defineConfig({
  test: {
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          isolate: false,
          restoreMocks: true,
          include: ['tests/shared/**/*.test.ts', 'tests/db/**/*.test.ts', 'tests/electron/**/*.test.ts'],
          env: testKeyEnv,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'renderer', isolate: false,
          environment: './tests/support/jsdom-environment.ts',
          include: ['tests/renderer/**/*.test.tsx', 'tests/renderer/**/*.test.ts'],
          setupFiles: ['tests/renderer/setup-jsdom.ts'],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          isolate: false,
          include: ['tests/e2e/**/*.test.ts'],
          env: testKeyEnv,
          globalSetup: ['tests/support/shared-chromium.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          // e2e files run beside the others (each its own web-mode server, ports and folders; one shared
          // Chromium): run one at a time, they all waited for the Node and jsdom files to end first.
          fileParallelism: true,
        },
      },
    ],
  },
});

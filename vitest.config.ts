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
 */
export default defineConfig({
  test: {
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['tests/shared/**/*.test.ts', 'tests/db/**/*.test.ts', 'tests/electron/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['tests/renderer/**/*.test.tsx', 'tests/renderer/**/*.test.ts'],
          setupFiles: ['tests/renderer/setup-jsdom.ts'],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
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

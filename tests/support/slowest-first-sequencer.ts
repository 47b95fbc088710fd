import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Seconds the slowest test files take on the 2-core CI machine (a fresh-clone run of `npm test`,
 * December 2026). Only their order matters, so a rough figure is enough; a file not listed counts
 * as quick. Refresh it when a file becomes one of the slowest.
 */
const KNOWN_SLOW_FILES: Record<string, number> = {
  'tests/e2e/monthly-report.e2e.test.ts': 37,
  'tests/e2e/sync-review.e2e.test.ts': 29,
  'tests/e2e/roster.e2e.test.ts': 27,
  'tests/e2e/sync.e2e.test.ts': 26,
  'tests/e2e/sync-progress.e2e.test.ts': 24,
  'tests/e2e/narrow-screen.e2e.test.ts': 23,
  'tests/e2e/leave.e2e.test.ts': 19,
  'tests/e2e/health.e2e.test.ts': 19,
  'tests/e2e/visits.e2e.test.ts': 18,
  'tests/e2e/backup-restore.e2e.test.ts': 11,
  'tests/e2e/setup-wizard.e2e.test.ts': 9,
  'tests/e2e/accounts.e2e.test.ts': 8,
  'tests/e2e/live-updates.e2e.test.ts': 7,
  'tests/electron/sync-crash.test.ts': 29,
  'tests/electron/sync-malice.property.test.ts': 24,
  'tests/electron/sync-convergence.property.test.ts': 23,
  'tests/electron/backup-crash.test.ts': 15,
  'tests/electron/long-jobs.test.ts': 11,
  'tests/electron/cli-bundle.test.ts': 4,
  'tests/electron/backup-restore.test.ts': 4,
  'tests/shared/layer-rules.test.ts': 4,
  'tests/renderer/roster-polish.test.tsx': 36,
  'tests/renderer/sync-page.test.tsx': 24,
  'tests/renderer/roster-page.test.tsx': 21,
  'tests/renderer/jsdom-rule-index.test.tsx': 15,
  'tests/renderer/transfer-dialog.test.tsx': 14,
  'tests/renderer/health-page.test.tsx': 5,
  'tests/renderer/settings-page.test.tsx': 5,
  'tests/renderer/setup-wizard.test.tsx': 4,
};

/**
 * The order the test files start in: project by project (as vitest does), and within a project the
 * longest first, so that the last files to end are short ones and no core waits alone at the end.
 * vitest does this by itself from the durations it keeps in its cache — but a fresh clone (CI) has
 * no cache, and vitest then starts the largest files first, which left the slowest ones (the crash
 * and property tests, the jsdom style check) to the end: the same suite took about 30 s longer.
 * The cache's durations are used when it has them, {@link KNOWN_SLOW_FILES} otherwise.
 */
export default class SlowestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    const secondsOf = (spec: TestSpecification): number => {
      const path = relative(root, spec.moduleId);
      const cached = this.ctx.cache.getFileTestResults(`${spec.project.name}:${path}`);
      return cached ? cached.duration / 1000 : (KNOWN_SLOW_FILES[path] ?? 0);
    };
    const seconds = new Map(files.map((spec) => [spec, secondsOf(spec)] as const));
    const inVitestOrder = await super.sort(files);
    const position = new Map(inVitestOrder.map((spec, i) => [spec, i] as const));
    return [...files].sort(
      (a, b) =>
        (a.project.name < b.project.name ? -1 : a.project.name > b.project.name ? 1 : 0) ||
        (seconds.get(b) ?? 0) - (seconds.get(a) ?? 0) ||
        (position.get(a) ?? 0) - (position.get(b) ?? 0),
    );
  }
}

import { rmSync } from 'node:fs';
import { writeRecord } from '../../db/write-path';
import { requireLocalStation } from '../../electron/station/local-station';
import type { BenchCase } from '../bench-kit';
import { createEmptyStationFile, openBenchLedger, openLedgerCopy, type BenchFolder } from '../bench-ledgers';

/**
 * The cost of `synchronous = FULL` (issue 14: NORMAL may lose the last commits on a power cut): a
 * clerk's saves — `count` single-person transactions through the write path, each its own commit —
 * on the app's ledger (FULL, one more fsync of the WAL per commit) against the same saves on a copy
 * set back to NORMAL. No target: the durability is not traded for it; the figure is printed.
 */
export async function durabilityCase(folder: BenchFolder, count: number): Promise<BenchCase> {
  const templatePath = folder.file('durability-station.sqlite');
  await createEmptyStationFile(templatePath);
  const probe = await openBenchLedger(templatePath);
  const stationId = requireLocalStation(probe.store).id;
  probe.close();
  let repetition = 0;
  const saves = (ledger: Awaited<ReturnType<typeof openLedgerCopy>>, prefix: string) => () => {
    for (let i = 0; i < count; i += 1) {
      ledger.store.transaction(() =>
        writeRecord(ledger.store, ledger.deps.user, 'staff', `${prefix}-${i}`, { station_id: stationId, name: `测试${i}`, category: '辅警', status: '在职' }),
      );
    }
  };
  return {
    name: `synchronous=FULL: ${count} saves, one commit each`,
    baselineLabel: 'the same saves on the same ledger with synchronous=NORMAL (what the app used before issue 14)',
    repetitions: 3,
    notes: ['FULL fsyncs the write-ahead log at every commit; the ratio is the price of not losing a saved edit on a power cut'],
    async setup() {
      repetition += 1;
      const full = await openLedgerCopy(templatePath, folder.file(`durability-full-${repetition}.sqlite`));
      const normal = await openLedgerCopy(templatePath, folder.file(`durability-normal-${repetition}.sqlite`));
      normal.store.sqlite.pragma('synchronous = NORMAL');
      return {
        ours: saves(full, 'full'),
        baseline: saves(normal, 'normal'),
        teardown: () => {
          full.close();
          normal.close();
          for (const path of [full.path, normal.path]) rmSync(path, { force: true });
        },
      };
    },
  };
}

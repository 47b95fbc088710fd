import { gzipSync } from 'node:zlib';
import type { BundleExport } from '../../shared/sync-record';
import type { LedgerStore } from '../../db/ledger-store';
import { syncedTableNames } from '../../db/synced-tables';
import { requireLocalStation } from '../../electron/station/local-station';
import type { BenchCase } from '../bench-kit';
import { BENCH_BUREAU, dispatchOrThrow, type BenchLedger } from '../bench-ledgers';
import { ISSUE_8_TARGETS } from '../bench-targets';

/** The rows a station's bundle is about: every row of every synced table the station owns, by table. */
export type StationRows = Record<string, Record<string, unknown>[]>;

/** Reads the current values of every synced table's rows owned by the local station. */
export function readStationRows(store: LedgerStore): StationRows {
  const stationId = requireLocalStation(store).id;
  const rows: StationRows = {};
  for (const table of syncedTableNames()) {
    rows[table] = store.sqlite.prepare(`SELECT * FROM "${table}" WHERE station_id = ?`).all(stationId) as Record<string, unknown>[];
  }
  return rows;
}

/** The plain way to ship those rows: JSON, gzipped at the bundle's level (9). */
export function gzipStationRows(rows: StationRows): Buffer {
  return gzipSync(Buffer.from(JSON.stringify(rows), 'utf8'), { level: 9 });
}

/** Exports the station's bundle for the bureau through the handler (selection, seal, history). */
export async function exportStationBundle(station: BenchLedger): Promise<BundleExport> {
  return (await dispatchOrThrow(station, 'sync.exportBundle', { peerCode: BENCH_BUREAU.code })) as BundleExport;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(2)} MB`;
}

/**
 * Case 4a — `sync.exportBundle` from the seeded station to the bureau, which has acknowledged
 * nothing of it yet (every change goes: the station's first full bundle); against reading the same
 * rows' current values with plain SELECTs, JSON.stringify and gzip.
 */
export function bundleExportCase(station: BenchLedger): BenchCase {
  const notes: string[] = [];
  let first = true;
  return {
    name: 'sync.exportBundle (full)',
    baselineLabel: 'SELECT * of the same rows per table + JSON.stringify + gzip (level 9, as the bundle)',
    targetRatio: ISSUE_8_TARGETS.bundleExportRatio,
    repetitions: 3,
    notes,
    async setup() {
      if (first) {
        first = false;
        const rows = readStationRows(station.store);
        const rowCount = Object.values(rows).reduce((sum, list) => sum + list.length, 0);
        const bundle = await exportStationBundle(station);
        const bundleBytes = Buffer.from(bundle.bytesBase64, 'base64').length;
        const plainBytes = gzipStationRows(rows).length;
        notes.push(
          `${bundle.changes} field changes for ${rowCount} rows; bundle ${megabytes(bundleBytes)} vs plain gzip ${megabytes(plainBytes)} (${(bundleBytes / plainBytes).toFixed(1)}×)`,
        );
      }
      return {
        ours: () => exportStationBundle(station),
        baseline: () => gzipStationRows(readStationRows(station.store)),
      };
    },
  };
}

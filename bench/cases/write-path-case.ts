import { rmSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { chinaDateOf } from '../../shared/china-date';
import { staffInputSchema } from '../../shared/staff-record';
import type { FieldValue } from '../../db/synced-tables';
import { writeRecord } from '../../db/write-path';
import { requireLocalStation } from '../../electron/station/local-station';
import { generateDemoPerson } from '../../electron/staff/demo-people';
import { DemoRandom } from '../../electron/staff/demo-random';
import { planStaffSave, type StaffLookup } from '../../electron/staff/staff-save';
import type { BenchCase, BenchFigure } from '../bench-kit';
import { createEmptyStationFile, openBenchLedger, openLedgerCopy, type BenchFolder } from '../bench-ledgers';
import { ISSUE_8_TARGETS } from '../bench-targets';
import { ledgerSpaceFigures } from '../ledger-space';

/** One staff row as the write path receives it: its id and the column values the form produced. */
interface StaffRowValues {
  id: string;
  values: Record<string, FieldValue>;
}

/** A lookup that knows nobody: every generated person is new (ID numbers are unique by construction). */
const nobody: StaffLookup = { byId: () => undefined, liveWithIdNumber: () => [] };

/** `count` demo people turned into staff column values by the same planning step the forms use. */
function plannedStaffRows(count: number, stationId: string): StaffRowValues[] {
  const today = chinaDateOf(Date.now());
  const random = new DemoRandom(7);
  const usedIds = new Set<string>();
  const rows: StaffRowValues[] = [];
  for (let index = 0; index < count; index += 1) {
    const person = generateDemoPerson(random, index, today, 3, usedIds);
    const planned = planStaffSave(staffInputSchema.parse(person.input), { lookup: nobody, today, localStationId: stationId, newId: uuidv7 });
    if (!planned.ok) throw new Error(`generated person ${index} refused: ${planned.problems.map((p) => p.message).join('; ')}`);
    rows.push({ id: planned.plan.id, values: planned.plan.values });
  }
  return rows;
}

/** A plain SQLite file with one plain table holding those columns (no log, no versions, no indexes). */
function openPlainStaffFile(path: string, columns: string[]): BetterSqlite3.Database {
  const db = new BetterSqlite3(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE TABLE staff_plain (id TEXT PRIMARY KEY, ${columns.map((c) => `"${c}"`).join(', ')})`);
  return db;
}

/**
 * Case 1 — the one write path: `writeRecord` of every staff row of `count` new people in one
 * transaction (as the demo seed and the Excel import do), into a fresh copy of an empty station
 * ledger file; against one prepared INSERT per row into a plain table of a plain file.
 */
export async function writePathCase(folder: BenchFolder, count: number): Promise<BenchCase> {
  const templatePath = folder.file('empty-station.sqlite');
  await createEmptyStationFile(templatePath);
  const probe = await openBenchLedger(templatePath);
  const stationId = requireLocalStation(probe.store).id;
  probe.close();

  const rows = plannedStaffRows(count, stationId);
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row.values)))];
  const fieldCount = rows.reduce((sum, row) => sum + Object.keys(row.values).length, 0);
  const notes = [`${count} rows, ${columns.length} columns, ${fieldCount} field values (${(fieldCount / count).toFixed(1)} per row); each run starts from a fresh file`];
  const figures: BenchFigure[] = [];
  let repetition = 0;

  return {
    name: `write path: insert ${count} staff`,
    baselineLabel: 'one prepared INSERT per row into a plain table, one transaction, plain WAL file',
    targetRatio: ISSUE_8_TARGETS.writePathRatio,
    repetitions: 3,
    notes,
    figures,
    async setup() {
      repetition += 1;
      const ours = await openLedgerCopy(templatePath, folder.file(`write-path-${repetition}.sqlite`));
      const plainPath = folder.file(`write-plain-${repetition}.sqlite`);
      const plain = openPlainStaffFile(plainPath, columns);
      const insert = plain.prepare(`INSERT INTO staff_plain (id, ${columns.map((c) => `"${c}"`).join(', ')}) VALUES (?${', ?'.repeat(columns.length)})`);
      const insertAll = plain.transaction(() => {
        for (const row of rows) insert.run(row.id, ...columns.map((c) => row.values[c] ?? null));
      });
      return {
        ours: () =>
          ours.store.transaction(() => {
            for (const row of rows) writeRecord(ours.store, ours.deps.user, 'staff', row.id, row.values);
          }),
        baseline: () => insertAll(),
        teardown: () => {
          ours.close();
          plain.close();
          // The space the write path took for these field values, once (every run writes the same).
          if (repetition === 1) figures.push(...ledgerSpaceFigures(`write path (${count} staff)`, ours.path, fieldCount, folder.file));
          for (const path of [ours.path, plainPath]) rmSync(path, { force: true });
        },
      };
    },
  };
}

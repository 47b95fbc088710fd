import { rmSync, statSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { syncedTableNames } from '../db/synced-tables';

/** A plain SQLite file holding a ledger's current rows, and its size once VACUUMed. */
export interface PlainRowsFile {
  path: string;
  bytes: number;
  rows: number;
}

/**
 * Writes the current rows of every synced table of a (closed or checkpointed) ledger file into a
 * new plain file: one plain table per synced table with the same columns and `id TEXT PRIMARY KEY`,
 * no other index, no log; then VACUUMs it. The floor any ledger of those rows is measured against.
 */
export function writePlainRowsFile(ledgerPath: string, plainPath: string): PlainRowsFile {
  rmSync(plainPath, { force: true });
  const plain = new BetterSqlite3(plainPath);
  try {
    plain.prepare('ATTACH DATABASE ? AS ledger').run(ledgerPath);
    let rows = 0;
    plain.transaction(() => {
      for (const table of syncedTableNames()) {
        const columns = (plain.prepare(`SELECT name FROM pragma_table_info(?, 'ledger')`).all(table) as { name: string }[]).map((c) => c.name);
        if (columns.length === 0) continue;
        const others = columns.filter((c) => c !== 'id');
        plain.exec(`CREATE TABLE main."${table}" (id TEXT PRIMARY KEY${others.map((c) => `, "${c}"`).join('')})`);
        const list = columns.map((c) => `"${c}"`).join(', ');
        rows += plain.prepare(`INSERT INTO main."${table}" (${list}) SELECT ${list} FROM ledger."${table}"`).run().changes;
      }
    })();
    plain.exec('DETACH DATABASE ledger');
    plain.exec('VACUUM');
    return { path: plainPath, bytes: statSync(plainPath).size, rows };
  } finally {
    plain.close();
  }
}

import type { LedgerStore } from '../../db/ledger-store';
import type { FieldValue } from '../../db/synced-tables';

/** One row of a synced table as SQLite holds it. */
export type RowSnapshot = Record<string, FieldValue>;

const rowReaders = new WeakMap<LedgerStore['sqlite'], Map<string, ReturnType<LedgerStore['sqlite']['prepare']>>>();

/** A cached `SELECT * … WHERE id = ?` for one synced table (the table name comes from the registry). */
function rowReader(store: LedgerStore, table: string) {
  let readers = rowReaders.get(store.sqlite);
  if (!readers) {
    readers = new Map();
    rowReaders.set(store.sqlite, readers);
  }
  let reader = readers.get(table);
  if (!reader) {
    reader = store.sqlite.prepare(`SELECT * FROM "${table}" WHERE id = ?`);
    readers.set(table, reader);
  }
  return reader;
}

/** One row of a synced table by id, or undefined (statements prepared once per connection and table). */
export function readRow(store: LedgerStore, table: string, id: string): RowSnapshot | undefined {
  return rowReader(store, table).get(id) as RowSnapshot | undefined;
}

import { isSettingKey, settingsCatalog } from '../../shared/settings-catalog';
import { displayFieldValue } from '../../shared/synced-table-definition';
import type { LedgerStore } from '../../db/ledger-store';
import { syncedColumnDefinition, syncedTableSpec, type FieldValue } from '../../db/synced-tables';
import { parseLoggedValue } from '../../db/synced-column';

/**
 * How sync shows records to the clerk (conflicts, refusals): table and field labels and display
 * formats from each table's definition (`shared/synced-table-catalog.ts`), else the raw name.
 */

/** The Chinese label of a synced table (人员, 家属 …), else its name. */
export function tableLabelOf(table: string): string {
  return syncedTableSpec(table)?.label ?? table;
}

/** The Chinese label of a column, else the column name. */
export function fieldLabelOf(table: string, column: string): string {
  return syncedColumnDefinition(table, column)?.label ?? column;
}

/** A stored value (JSON text of the change log or conflict list) as the clerk reads it. */
export function displayValueOf(table: string, column: string, json: string): string {
  const value = parseLoggedValue(json);
  if (value === null || value === '') return '（空）';
  if (column === 'deleted_at') return `已删除（${String(value)}）`;
  return displayFieldValue(value, syncedColumnDefinition(table, column) ?? { display: 'text' });
}

type Row = Record<string, FieldValue>;

function rowOf(store: LedgerStore, table: string, id: string): Row | undefined {
  if (!syncedTableSpec(table)) return undefined;
  return store.sqlite.prepare(`SELECT * FROM "${table}" WHERE id = ?`).get(id) as Row | undefined;
}

/** The words that name a row: its name, title, setting label, code — whichever it has. */
function ownNameOf(table: string, row: Row | undefined): string | null {
  if (!row) return null;
  if (table === 'setting' && typeof row.key === 'string') return isSettingKey(row.key) ? settingsCatalog[row.key].label : row.key;
  const nameColumn = syncedTableSpec(table)?.definition.nameColumn;
  for (const column of [...(nameColumn ? [nameColumn] : []), 'name', 'title', 'key', 'code', 'date']) {
    const value = row[column];
    if (typeof value === 'string' && value !== '') return value;
  }
  return null;
}

/**
 * A record as the conflict list names it: 人员「张三」, 家属「张三 · 张小明」, 表彰「张三 · 三等功」,
 * 设置「最低在岗警力（人）」 — the owner's name first for a table whose rows belong to a person.
 */
export function recordLabelOf(store: LedgerStore, table: string, id: string): string {
  const row = rowOf(store, table, id);
  const own = ownNameOf(table, row);
  const parts: string[] = [];
  if (row && typeof row.staff_id === 'string') {
    const owner = ownNameOf('staff', rowOf(store, 'staff', row.staff_id));
    if (owner) parts.push(owner);
  }
  if (own) parts.push(own);
  const words = parts.length > 0 ? parts.join(' · ') : id.slice(0, 8);
  return `${tableLabelOf(table)}「${words}」`;
}

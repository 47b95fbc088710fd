import { isSettingKey, settingsCatalog } from '../../shared/settings-catalog';
import type { LedgerStore } from '../../db/ledger-store';
import { displayColumnValue, staffColumnLabel, staffTableSpecs, type ColumnDisplay, type StaffTableName } from '../../db/staff-tables';
import { syncedTableSpec, type FieldValue } from '../../db/synced-tables';
import { parseLoggedValue } from '../../db/synced-column';

/**
 * How sync shows records to the clerk (conflicts, refusals): table and field labels from the
 * features' own label maps where they have one, else a generic fallback (the column name), so a
 * table a later feature adds is still listed readably without code here.
 */

const foundationColumnLabels: Record<string, Record<string, string>> = {
  station: { code: '单位代码', name: '单位名称', role: '单位类型', parent_code: '上级单位代码' },
  setting: { key: '设置项', value: '设置值' },
};

const baseColumnLabels: Record<string, string> = { station_id: '所属单位', deleted_at: '删除' };

function isStaffTable(table: string): table is StaffTableName {
  return Object.prototype.hasOwnProperty.call(staffTableSpecs, table);
}

/** The Chinese label of a synced table (人员, 家属 …), else its name. */
export function tableLabelOf(table: string): string {
  return syncedTableSpec(table)?.label ?? table;
}

/** The Chinese label of a column, else the column name. */
export function fieldLabelOf(table: string, column: string): string {
  if (isStaffTable(table)) return staffColumnLabel(table, column).label;
  return foundationColumnLabels[table]?.[column] ?? baseColumnLabels[column] ?? column;
}

function displayOf(table: string, column: string): ColumnDisplay {
  return isStaffTable(table) ? staffColumnLabel(table, column).display : 'text';
}

/** A stored value (JSON text of the change log or conflict list) as the clerk reads it. */
export function displayValueOf(table: string, column: string, json: string): string {
  const value = parseLoggedValue(json);
  if (value === null || value === '') return '（空）';
  if (column === 'deleted_at') return `已删除（${String(value)}）`;
  return displayColumnValue(value, displayOf(table, column));
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
  for (const column of ['name', 'title', 'key', 'code', 'date']) {
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

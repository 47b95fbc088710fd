import type { ChangeHistoryEntry } from '../../shared/staff-record';
import { rowChangeHistory, type LoggedChange } from '../../db/change-log';
import type { LedgerStore } from '../../db/ledger-store';
import { personTableDefinitions } from '../../shared/synced-table-catalog';
import { displayFieldValue, type ColumnDefinition } from '../../shared/synced-table-definition';
import { personOwnedTableNames, syncedColumnDefinition } from '../../db/synced-tables';
import { healthDetailTables, HIDDEN_HEALTH_VALUE } from '../../shared/health-privacy';

/**
 * The person's rows of each person-owned table (deleted ones too, so deletions show), each labelled
 * from its definition: the table's label and, where it has a name column, the row's name
 * (家属：张小明, 表彰：三等功, 状态变更).
 */
function recordLabels(store: LedgerStore, staffId: string): Map<string, string> {
  const labels = new Map<string, string>([[`staff:${staffId}`, '人员']]);
  for (const definition of personTableDefinitions()) {
    const named = definition.nameColumn ? `, "${definition.nameColumn}" AS name` : ', NULL AS name';
    const rows = store.sqlite.prepare(`SELECT id${named} FROM "${definition.name}" WHERE staff_id = ?`).all(staffId) as { id: string; name: string | null }[];
    for (const row of rows) labels.set(`${definition.name}:${row.id}`, definition.nameColumn ? `${definition.label}：${row.name ?? ''}` : definition.label);
  }
  return labels;
}

/** A column's label and display; the base columns' for columns no definition has. */
function columnOf(table: string, col: string): Pick<ColumnDefinition, 'label' | 'display' | 'valueLabels'> {
  return syncedColumnDefinition(table, col) ?? { label: col, display: 'text' };
}

/**
 * Names the unit whose PC made a change, from this installation's own records — never from the
 * change itself: the user name a bundle carries is its sender's word, the origin is what was checked.
 */
export function originNamer(store: LedgerStore): (siteId: string) => string {
  const cache = new Map<string, string>();
  const peer = store.sqlite.prepare('SELECT name, code FROM sync_peer WHERE site_id = ?');
  const vouched = store.sqlite.prepare('SELECT s.name AS name, s.code AS code FROM sync_site v JOIN station s ON s.id = v.station_id WHERE v.site_id = ?');
  return (siteId) => {
    let name = cache.get(siteId);
    if (name === undefined) {
      const unit = (peer.get(siteId) ?? vouched.get(siteId)) as { name: string | null; code: string | null } | undefined;
      name = unit ? (unit.name ?? unit.code ?? '其他单位') : '其他单位';
      cache.set(siteId, name);
    }
    return name;
  };
}

/** The change log of the person's records (the person and every person-owned table's rows), oldest first. */
function changesOf(store: LedgerStore, staffId: string): LoggedChange[] {
  const changes = rowChangeHistory(store, 'staff', staffId);
  for (const table of personOwnedTableNames()) {
    for (const row of store.sqlite.prepare(`SELECT id FROM "${table}" WHERE staff_id = ?`).all(staffId) as { id: string }[]) {
      changes.push(...rowChangeHistory(store, table, row.id));
    }
  }
  return changes.sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0));
}

/**
 * 变更记录: who changed which field of a person's records (the person and the rows of every
 * person-owned table: status history, family, honours …), when, from what to what — read from the
 * change log, the same log sync bundles are built from. Newest write first; the fields of one write
 * in the order they were written. Only changes that took effect count (a sync value that lost
 * against a later edit does not). A deletion shows as 删除, an undo as 恢复. Empty first values (a
 * new record's blank fields) are left out. Labels and formats come from the tables' definitions.
 * `hideHealth` (a caller without the 健康信息 permission): the changes of health records show
 * which field changed, not its values.
 */
export function staffChangeHistory(store: LedgerStore, staffId: string, options: { hideHealth?: boolean } = {}): ChangeHistoryEntry[] {
  const labels = recordLabels(store, staffId);
  const originOf = originNamer(store);
  const changes = changesOf(store, staffId);
  const valueAt = new Map<string, LoggedChange['value']>();
  for (const change of changes) valueAt.set(`${change.table}:${change.rowId}:${change.column}:${change.hlc}`, change.value);

  const groupStart = new Map<string, number>();
  const entries: { entry: ChangeHistoryEntry; group: number; seq: number }[] = [];
  changes.forEach((change, seq) => {
    if (!change.applied || change.voided) return;
    const column = columnOf(change.table, change.column);
    const { label, display } = column;
    const key = (hlc: string) => `${change.table}:${change.rowId}:${change.column}:${hlc}`;
    const previous = change.prevHlc && valueAt.has(key(change.prevHlc)) ? valueAt.get(key(change.prevHlc)) : undefined;
    const value = change.value;
    let field = label;
    let from = previous === undefined ? '' : displayFieldValue(previous, column);
    let to = displayFieldValue(value, column);
    if (change.column === 'deleted_at') {
      [field, from, to] = value === null ? ['恢复', '已删除', '有效'] : ['删除', '', '已删除'];
    } else if (display === 'internal') {
      return;
    }
    if (from === to || (change.prevHlc === null && (value === null || (display === 'flag' && value === 0)))) return;
    if (options.hideHealth && healthDetailTables.has(change.table) && change.column !== 'deleted_at') {
      from = from ? HIDDEN_HEALTH_VALUE : '';
      to = to ? HIDDEN_HEALTH_VALUE : '';
    }
    const groupKey = `${change.table}:${change.rowId}:${change.hlc}`;
    if (!groupStart.has(groupKey)) groupStart.set(groupKey, seq);
    entries.push({
      group: groupStart.get(groupKey) as number,
      seq,
      entry: {
        at: change.recordedAt,
        userName: change.userName,
        record: labels.get(`${change.table}:${change.rowId}`) ?? change.table,
        field,
        from,
        to,
        remote: change.siteId !== store.siteId,
        origin: change.siteId === store.siteId ? null : originOf(change.siteId),
      },
    });
  });
  return entries.sort((a, b) => b.group - a.group || a.seq - b.seq).map((e) => e.entry);
}

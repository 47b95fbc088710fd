import type BetterSqlite3 from 'better-sqlite3';
import { chinaDateTimeOf } from '../../shared/china-date';
import type { AuditEntry, AuditFilter, AuditPage } from '../../shared/audit-record';
import { healthDetailTables, HIDDEN_HEALTH_VALUE } from '../../shared/health-privacy';
import { hlcFromInteger, hlcToInteger } from '../../shared/hybrid-logical-clock';
import { syncedTableDefinition, syncedTableDefinitions } from '../../shared/synced-table-catalog';
import { displayFieldValue, type SyncedTableDefinition } from '../../shared/synced-table-definition';
import { changeLogStatements, currentRowOf, rowDirectory, unpackRecord, type StoredRecord } from '../../db/change-log';
import { ledgerCatalog } from '../../db/ledger-catalog';
import type { LedgerStore } from '../../db/ledger-store';
import type { FieldValue } from '../../db/synced-column';
import type { AppDeps } from '../app-deps';
import { localStation } from '../station/local-station';
import { originNamer } from '../staff/change-history';

/**
 * 操作记录: the change log (db/change-log.ts) read as an audit trail over every synced table —
 * who changed which field of which record, when, from what to what, with the records and people
 * named and the values as the clerk reads them. Deleted people and records are included (their
 * rows stay, tombstoned). Newest first, a page at a time.
 */

type AuditQuery = Required<Pick<AuditFilter, 'limit'>> & Omit<AuditFilter, 'limit'>;

/** Epoch ms of the start of a China date. */
function chinaDayStart(date: string): number {
  return Date.parse(`${date}T00:00:00+08:00`);
}

/** A page cursor: the last record's key. */
function cursorOf(record: { hlc: number; siteNo: number; rowNo: number }): string {
  return `${record.hlc}:${record.siteNo}:${record.rowNo}`;
}

/** The rows of the people whose name contains `text`, and of every record of theirs. */
function personRowNumbers(sqlite: BetterSqlite3.Database, text: string): number[] {
  const catalog = ledgerCatalog(sqlite);
  const ids = (sqlite.prepare("SELECT id FROM staff WHERE name LIKE '%' || ? || '%'").all(text) as { id: string }[]).map((r) => r.id);
  if (ids.length === 0) return [];
  const idsJson = JSON.stringify(ids);
  const numbers: number[] = [];
  const rowNos = (table: string, rowIds: string[]) =>
    (sqlite.prepare('SELECT row_no FROM row_version WHERE tbl_no = ? AND row_id IN (SELECT value FROM json_each(?))').all(catalog.tableNo(table), JSON.stringify(rowIds)) as { row_no: number }[]).map((r) => r.row_no);
  numbers.push(...rowNos('staff', ids));
  for (const definition of syncedTableDefinitions) {
    if (definition.owner !== 'person') continue;
    const rowIds = (sqlite.prepare(`SELECT id FROM "${definition.name}" WHERE staff_id IN (SELECT value FROM json_each(?))`).all(idsJson) as { id: string }[]).map((r) => r.id);
    if (rowIds.length > 0) numbers.push(...rowNos(definition.name, rowIds));
  }
  return numbers;
}

/** The change-log records of a page, newest first, by the filter (one more than the page, to tell whether another follows). */
function recordsOf(store: LedgerStore, filter: AuditQuery, limit: number): StoredRecord[] {
  const sqlite = store.sqlite;
  const where: string[] = ['voided = 0'];
  const params: unknown[] = [];
  if (filter.from) {
    where.push('hlc >= ?');
    params.push(hlcToInteger(chinaDayStart(filter.from), 0));
  }
  if (filter.to) {
    where.push('hlc < ?');
    params.push(hlcToInteger(chinaDayStart(filter.to) + 86_400_000, 0));
  }
  if (filter.userName) {
    const user = sqlite.prepare('SELECT no FROM ledger_user WHERE name = ?').get(filter.userName) as { no: number } | undefined;
    if (!user) return [];
    where.push('user_no = ?');
    params.push(user.no);
  }
  if (filter.table) {
    if (!syncedTableDefinition(filter.table)) return [];
    where.push('row_no IN (SELECT row_no FROM row_version WHERE tbl_no = ?)');
    params.push(ledgerCatalog(sqlite).tableNo(filter.table));
  }
  if (filter.person) {
    const rows = personRowNumbers(sqlite, filter.person);
    if (rows.length === 0) return [];
    where.push('row_no IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(rows));
  }
  if (filter.before) {
    const [hlc, site, row] = filter.before.split(':').map(Number);
    if ([hlc, site, row].every(Number.isFinite)) {
      where.push('(hlc, site_no, row_no) < (?, ?, ?)');
      params.push(hlc, site, row);
    }
  }
  params.push(limit);
  // No index serves this: the log is read newest first and filtered (the page is small, the log a few MB).
  return sqlite.prepare(`SELECT * FROM change_log WHERE ${where.join(' AND ')} ORDER BY hlc DESC, site_no DESC, row_no DESC LIMIT ?`).all(...params) as StoredRecord[];
}

/** Names records and their people, with a cache per page. */
function recordNamer(store: LedgerStore) {
  const people = new Map<string, string | null>();
  const personName = (staffId: FieldValue | undefined): string | null => {
    if (typeof staffId !== 'string') return null;
    if (!people.has(staffId)) {
      const row = store.sqlite.prepare('SELECT name FROM staff WHERE id = ?').get(staffId) as { name: string | null } | undefined;
      people.set(staffId, row?.name ?? null);
    }
    return people.get(staffId) ?? null;
  };
  return (definition: SyncedTableDefinition, row: Record<string, FieldValue> | undefined): { record: string; personName: string | null } => {
    if (definition.name === 'staff') {
      const name = (row?.name as string | null) ?? '';
      return { record: `人员「${name}」`, personName: name || null };
    }
    const named = definition.nameColumn && row ? row[definition.nameColumn] : null;
    const nameColumn = definition.nameColumn ? definition.columns[definition.nameColumn] : undefined;
    const label = named !== null && named !== undefined && nameColumn ? `${definition.label}「${displayFieldValue(named, nameColumn)}」` : definition.label;
    return { record: label, personName: definition.owner === 'person' ? personName(row?.staff_id) : null };
  };
}

/** One page of 操作记录 by the filter, and the filter's choices. */
export function auditPage(deps: AppDeps, filter: AuditQuery): AuditPage {
  const store = deps.store;
  const sqlite = store.sqlite;
  const catalog = ledgerCatalog(sqlite);
  const directory = rowDirectory(sqlite);
  const stored = recordsOf(store, filter, filter.limit + 1);
  const more = stored.length > filter.limit;
  const records = stored.slice(0, filter.limit).map(unpackRecord);
  const nameOf = recordNamer(store);
  const originOf = originNamer(store);
  const ownStationId = localStation(store)?.id ?? null;
  const byKey = changeLogStatements(sqlite).record;
  const entries: AuditEntry[] = [];
  for (const record of records) {
    const place = directory.get(record.rowNo);
    const definition = place ? syncedTableDefinition(place.table) : undefined;
    if (!place || !definition) continue;
    const row = currentRowOf(sqlite, place.table, place.rowId);
    const { record: recordLabel, personName } = nameOf(definition, row);
    const hidden = healthDetailTables.has(definition.name) && !deps.caller.health;
    const siteId = catalog.siteIdOf(record.siteNo);
    const at = chinaDateTimeOf(hlcFromInteger(record.hlc).millis);
    record.cols.forEach((col, i) => {
      if (record.lost[i]) return;
      const column = catalog.columnOf(place.tableNo, col);
      const spec = column ? definition.columns[column] : undefined;
      if (!column || !spec) return;
      const value = record.vals[i] !== undefined ? (record.vals[i] as FieldValue) : (row?.[column] ?? null);
      const prev = record.prev[i];
      let previous: FieldValue = null;
      if (prev) {
        const earlier = byKey.get(prev.site, prev.hlc, record.rowNo);
        if (earlier) {
          const unpacked = unpackRecord(earlier);
          const at = unpacked.cols.indexOf(col);
          previous = at >= 0 ? (unpacked.vals[at] ?? row?.[column] ?? null) : null;
        }
      }
      let field = spec.label;
      let from = displayFieldValue(previous, spec);
      let to = displayFieldValue(value, spec);
      let action: AuditEntry['action'] = '修改';
      if (column === 'deleted_at') {
        action = value === null ? '恢复' : '删除';
        [field, from, to] = value === null ? ['恢复', '已删除', '有效'] : ['删除', '', '已删除'];
      } else if (spec.display === 'internal') {
        return;
      } else if (from === to || (!prev && value === null)) {
        return;
      }
      if (hidden && action === '修改') {
        from = from ? HIDDEN_HEALTH_VALUE : '';
        to = to ? HIDDEN_HEALTH_VALUE : '';
      }
      const restorable =
        action === '删除' && row !== undefined && row.deleted_at !== null && row.deleted_at === value && (ownStationId === null || row.station_id === ownStationId);
      entries.push({
        at,
        userName: catalog.userOf(record.userNo),
        origin: siteId === store.siteId ? null : originOf(siteId),
        table: definition.name,
        tableLabel: definition.label,
        rowId: place.rowId,
        record: recordLabel,
        personName,
        field,
        from,
        to,
        action,
        restorable,
      });
    });
  }
  const last = records.at(-1);
  return {
    entries,
    next: more && last ? cursorOf(last) : null,
    users: (sqlite.prepare("SELECT name FROM ledger_user WHERE name <> '' ORDER BY name").all() as { name: string }[]).map((r) => r.name),
    tables: syncedTableDefinitions.map((d) => ({ name: d.name, label: d.label })),
  };
}

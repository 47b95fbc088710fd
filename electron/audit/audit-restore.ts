import { AppError, commonErrorCodes } from '../../shared/contract/api-error';
import { syncedTableDefinition } from '../../shared/synced-table-catalog';
import { currentRowOf } from '../../db/change-log';
import { personOwnedTableNames } from '../../db/synced-tables';
import { restoreRecord } from '../../db/write-path';
import type { AppDeps } from '../app-deps';
import { recordAccountEvent } from '../accounts/account-events';
import { requireLocalStation } from '../station/local-station';

/**
 * 恢复 from 操作记录: undoes a deletion through the write path (the tombstone set back to null, a
 * change like any other: it is logged and travels in the next sync file), so 删除 is never final
 * by accident. A person comes back with the records that were deleted with them (the same
 * deletion time: family, honours, health, visits …); a record of a deleted person waits for the
 * person. Only this unit's own records can be restored (a station writes only its own rows).
 */
export function restoreDeleted(deps: AppDeps, table: string, rowId: string): { restored: number; record: string } {
  const definition = syncedTableDefinition(table);
  const row = definition ? currentRowOf(deps.store.sqlite, table, rowId) : undefined;
  if (!definition || !row) throw new AppError(commonErrorCodes.notFound, '找不到这条记录，无法恢复：请刷新操作记录后重试。');
  const own = requireLocalStation(deps.store);
  const named = definition.nameColumn ? row[definition.nameColumn] : table === 'staff' ? row.name : null;
  const record = `${definition.label}${named ? `「${String(named)}」` : ''}`;
  if (row.deleted_at === null) throw new AppError('NOT_DELETED', `${record}没有被删除（可能已经恢复过），无需恢复。`);
  if (row.station_id !== own.id) {
    throw new AppError(commonErrorCodes.forbidden, `${record}属于其他单位，只能由该单位恢复（本机只能修改本单位的记录）。`);
  }
  if (definition.owner === 'person') {
    const person = currentRowOf(deps.store.sqlite, 'staff', String(row.staff_id ?? ''));
    if (person && person.deleted_at !== null) {
      throw new AppError('PERSON_DELETED', `${record}所属的人员「${String(person.name ?? '')}」已被删除：请先在操作记录中恢复这个人（会连同一起删除的记录一并恢复）。`);
    }
  }
  const restored = deps.store.transaction(() => {
    let count = 0;
    if (table === 'staff') {
      // The records deleted together with the person carry the same deletion time.
      for (const personTable of personOwnedTableNames()) {
        const ids = deps.store.sqlite.prepare(`SELECT id FROM "${personTable}" WHERE staff_id = ? AND deleted_at = ?`).all(rowId, row.deleted_at) as { id: string }[];
        for (const { id } of ids) if (restoreRecord(deps.store, deps.user, personTable, id)) count += 1;
      }
    }
    if (restoreRecord(deps.store, deps.user, table, rowId)) count += 1;
    return count;
  });
  recordAccountEvent(deps.store, 'recordRestored', deps.caller.name || deps.user.userName, {
    staffId: table === 'staff' ? rowId : definition.owner === 'person' ? String(row.staff_id ?? '') : null,
    detail: `${record}${restored > 1 ? `（连同 ${restored - 1} 条相关记录）` : ''}`,
  });
  return { restored, record };
}

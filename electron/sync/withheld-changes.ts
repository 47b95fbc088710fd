import { chinaDateTimeOf } from '../../shared/china-date';
import { parseHlc, siteOfHlc } from '../../shared/hybrid-logical-clock';
import type { WithheldChange, WithheldReason } from '../../shared/sync-record';
import type { LedgerStore } from '../../db/ledger-store';
import type { SyncWithheldTable } from '../../db/sync-schema';
import type { FieldValue } from '../../db/synced-tables';
import type { FieldChange, RemoteWrite } from '../../db/write-path';
import { latestAllowedHlc } from './clock-policy';
import { syncErrors } from './sync-errors';
import { fieldLabelOf, tableLabelOf } from './sync-labels';

/**
 * The changes of imported bundles that were not applied (同步 → 未导入的修改), kept so the clerk
 * sees exactly what a sender tried to write and why it did not count:
 *
 * - `rejected`: the sender may not write it (`bundle-authority.ts`). It stays out for good; the
 *   clerk can only dismiss it from the list once they have looked into it (phoned the unit).
 * - `held`: stamped further ahead of this PC's clock than the tolerance. It is applied by itself
 *   once this PC's time reaches it (at the next import, or when the sync page opens), or dropped
 *   when its own PC re-dates it (a clock repair's replacement arrives); the clerk may discard it.
 *
 * One row per change (its identity: timestamp, table, row, field): a sender resends what was not
 * applied with every bundle, and that neither duplicates the list nor revives a dismissed entry.
 */

export interface WithheldEntry {
  kind: 'rejected' | 'held';
  change: FieldChange;
  reason: WithheldReason;
  detail: string;
}

/** The clerk's sentence for a held change. */
export function heldDetail(store: LedgerStore, change: FieldChange, senderLabel: string): string {
  const millis = parseHlc(change.hlc)?.millis ?? 0;
  const hours = Math.round(store.clockToleranceMs / 3_600_000);
  return `${tableLabelOf(change.table)}记录的「${fieldLabelOf(change.table, change.column)}」：修改时间 ${chinaDateTimeOf(millis)} 比本机现在（${store.nowText()}）晚了 ${hours} 小时以上：「${senderLabel}」或本机的电脑日期可能设错了。暂不导入：到了这个时间会自动导入；如果是对方日期不对，对方改正电脑日期并点“以电脑当前时间为准”后，更正的修改会替换它。`;
}

/** Keeps the entries of one import (a resent entry updates its listing unless it was dismissed). */
export function recordWithheld(store: LedgerStore, entries: WithheldEntry[], peer: { code: string; name: string }, fileName: string): void {
  if (entries.length === 0) return;
  const upsert = store.sqlite.prepare(
    `INSERT INTO sync_withheld (id, kind, peer_code, peer_name, tbl, row_id, col, value, hlc, prev_hlc, replaces, origin_site, user_name, reason, detail, file_name, received_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (hlc, tbl, row_id, col) DO UPDATE SET kind = excluded.kind, reason = excluded.reason, detail = excluded.detail,
       peer_code = excluded.peer_code, peer_name = excluded.peer_name, file_name = excluded.file_name, received_at = excluded.received_at
     WHERE sync_withheld.dismissed_at IS NULL`,
  );
  const now = store.nowText();
  for (const { kind, change, reason, detail } of entries) {
    upsert.run(
      store.newId(), kind, peer.code, peer.name, change.table, change.rowId, change.column, JSON.stringify(change.value), change.hlc,
      change.prevHlc, change.replaces ?? null, siteOfHlc(change.hlc), change.userName, reason, detail, fileName, now,
    );
  }
}

/** Drops held entries that a re-dated change replaces (`x`): the wrong-dated original is void. */
export function dropReplacedHeld(store: LedgerStore, writes: RemoteWrite[]): void {
  const drop = store.sqlite.prepare("DELETE FROM sync_withheld WHERE kind = 'held' AND hlc = ? AND tbl = ? AND row_id = ? AND col = ?");
  for (const write of writes) {
    const { replaces } = write;
    if (replaces) for (const column of write.columns) drop.run(replaces, write.table, write.rowId, column);
  }
}

function valueText(value: FieldValue): string {
  return value === null || value === '' ? '（空）' : String(value);
}

/** The listing of one entry. */
export function withheldItem(row: SyncWithheldTable): WithheldChange {
  return {
    id: row.id,
    kind: row.kind,
    reason: row.reason as WithheldReason,
    detail: row.detail,
    peerCode: row.peer_code,
    peerName: row.peer_name,
    tableLabel: tableLabelOf(row.tbl),
    fieldLabel: fieldLabelOf(row.tbl, row.col),
    rowId: row.row_id,
    value: valueText(JSON.parse(row.value) as FieldValue),
    changedAt: chinaDateTimeOf(parseHlc(row.hlc)?.millis ?? 0),
    userName: row.user_name,
    fileName: row.file_name,
    receivedAt: row.received_at,
  };
}

/** Entries not dismissed (newest first), or every entry with `includeDismissed`. At most 1000. */
export function listWithheld(store: LedgerStore, includeDismissed = false): WithheldChange[] {
  const rows = store.sqlite
    .prepare(`SELECT * FROM sync_withheld ${includeDismissed ? '' : 'WHERE dismissed_at IS NULL'} ORDER BY received_at DESC, kind, hlc LIMIT 1000`)
    .all() as SyncWithheldTable[];
  return rows.map(withheldItem);
}

/** Counts of entries not dismissed, by kind. */
export function withheldCounts(store: LedgerStore): { rejected: number; held: number } {
  const rows = store.sqlite.prepare('SELECT kind, count(*) AS n FROM sync_withheld WHERE dismissed_at IS NULL GROUP BY kind').all() as { kind: string; n: number }[];
  return { rejected: rows.find((r) => r.kind === 'rejected')?.n ?? 0, held: rows.find((r) => r.kind === 'held')?.n ?? 0 };
}

/**
 * Dismisses entries (the clerk has looked into them): a rejected change leaves the list; a held one
 * is discarded — it will not be applied when its time comes, nor listed again when resent.
 * @throws SyncError `SYNC_WITHHELD_NOT_FOUND` when an id is not an open entry.
 */
export function dismissWithheld(store: LedgerStore, ids: string[], by: string): number {
  return store.transaction(() => {
    const dismiss = store.sqlite.prepare('UPDATE sync_withheld SET dismissed_at = ?, dismissed_by = ? WHERE id = ? AND dismissed_at IS NULL');
    const now = store.nowText();
    for (const id of ids) if (dismiss.run(now, by, id).changes === 0) throw syncErrors.withheldNotFound();
    return ids.length;
  });
}

/** Held entries whose time has come (within the tolerance of this PC's clock now), by sender. */
export function dueHeld(store: LedgerStore): Map<string, { rows: SyncWithheldTable[]; changes: FieldChange[] }> {
  const cutoff = latestAllowedHlc(store);
  const rows = store.sqlite
    .prepare("SELECT * FROM sync_withheld WHERE kind = 'held' AND dismissed_at IS NULL AND hlc <= ? ORDER BY hlc")
    .all(cutoff) as SyncWithheldTable[];
  const byPeer = new Map<string, { rows: SyncWithheldTable[]; changes: FieldChange[] }>();
  for (const row of rows) {
    const entry = byPeer.get(row.peer_code) ?? { rows: [], changes: [] };
    entry.rows.push(row);
    entry.changes.push({
      table: row.tbl,
      rowId: row.row_id,
      column: row.col,
      value: JSON.parse(row.value) as FieldValue,
      hlc: row.hlc,
      prevHlc: row.prev_hlc,
      userName: row.user_name,
      replaces: row.replaces,
    });
    byPeer.set(row.peer_code, entry);
  }
  return byPeer;
}

/** Removes entries that have been applied (or voided) after all. */
export function forgetWithheld(store: LedgerStore, ids: string[]): void {
  const remove = store.sqlite.prepare('DELETE FROM sync_withheld WHERE id = ?');
  for (const id of ids) remove.run(id);
}

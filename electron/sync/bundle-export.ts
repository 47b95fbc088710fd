import { chinaDateOf } from '../../shared/china-date';
import { formatIntegerHlc, integerOfHlc } from '../../shared/hybrid-logical-clock';
import {
  changeLogStatements,
  compareRecords,
  currentRowOf,
  hlcTextOf,
  movedRows,
  rowRecords,
  rowVersionOf,
  outgoingRecordOf,
  unpackRecord,
  type ChangeRecord,
  type OutgoingRecord,
} from '../../db/change-log';
import { ledgerCatalog, type LedgerCatalog } from '../../db/ledger-catalog';
import { decodeHexRecordKeys, fieldVersionInHexClock, type FieldVersion, type RecordKey } from '../../db/row-clock';
import type { BundleExport } from '../../shared/sync-record';
import { schemaVersionOf, type LedgerStore } from '../../db/ledger-store';
import { syncedTableNames, type FieldValue } from '../../db/synced-tables';
import type { AppDeps } from '../app-deps';
import { requireLocalStation } from '../station/local-station';
import { BUNDLE_FORMAT_VERSION, sealBundle, type BundleHeader } from './bundle-envelope';
import type { BundlePayload, SentWireWrite } from './bundle-payload';
import { ownSiteKeys } from './own-site-keys';
import { openSecret } from '../keys/ledger-keys';
import { makeRegistration } from './setup-file';
import { ancestorsOf, isPersonTable, stationNodes, subtreeOf } from './station-tree';
import { syncErrors } from './sync-errors';
import { ackOf, childPeers, localHighWater, peerByCode, savePeer, type SyncPeerRow } from './sync-peers';

/**
 * What goes into a bundle for one peer B (routing), decided on the station tree:
 *
 * - B is a child: rows owned by B's subtree (B and the units under it), plus this unit's and its
 *   bureaus' reference rows (settings, standards … — not their personal records); plus, for rows
 *   that once belonged to B's subtree and were moved away (调动), their `station_id` changes only,
 *   so B learns the person left and hears nothing more about them.
 * - B is the parent: rows owned by this unit's subtree, and rows that once were (edits made here to
 *   a person the bureau has meanwhile moved away still go up, where LWW decides).
 *
 * Of those rows, every change B has not acknowledged: its timestamp is above B's high-water mark for
 * the change's origin, as B reported them in the last bundle that arrived from it. B's own changes
 * are no exception — normally B's marks cover them, but a PC restored from a backup reports lower
 * marks and so gets back what it had lost. A row whose current owner B has not acknowledged (new to
 * B, or just moved into B's scope) goes with its whole history: B's marks may be past its older
 * changes, which B never received because the row was not B's then. That is how a transferred
 * person's records reach their new station — without rewriting them under new timestamps. And
 * every row in a bundle carries its current owner (`station_id` change), so a bundle that overtakes
 * an older one still says whose each row is.
 */

/** A row the routing reads: its table, id, number in the log and clock. */
interface RoutedRow {
  table: string;
  tableNo: number;
  rowId: string;
  rowNo: number;
  /** The version of its `station_id` (its current owner), as an integer timestamp and site. */
  owner: FieldVersion | undefined;
  /** The keys of its records in the log as `hex(history)` (unpacked by {@link recordsOfRow}, only for the rows that need them). */
  historyHex: string | null;
  /** …or already unpacked. */
  history?: RecordKey[];
  /**
   * The row as it is now (the values of the records that are its fields' winners): its values in
   * the order of `columnIndex`, which says where each column is.
   */
  values: FieldValue[] | undefined;
  columnIndex: Map<string, number>;
}

/** A write selected for the bundle: all its fields, or only some (a moved row's owner). */
interface SelectedWrite {
  record: OutgoingRecord;
  row: RoutedRow;
  cols: Set<number> | null;
}

/** A row read as an object, as a routed row's values and their index. */
function valuesInOrder(row: Record<string, FieldValue> | undefined): Pick<RoutedRow, 'values' | 'columnIndex'> {
  const names = Object.keys(row ?? {});
  return { values: row ? names.map((name) => row[name]) : undefined, columnIndex: new Map(names.map((name, i) => [name, i] as const)) };
}

/** A routed row's records in the log, in timestamp order. */
function recordsOfRow(store: LedgerStore, row: RoutedRow): ChangeRecord[] {
  row.history ??= row.historyHex !== null ? decodeHexRecordKeys(row.historyHex) : (rowVersionOf(store.sqlite, row.tableNo, row.rowId)?.history ?? []);
  return rowRecords(store.sqlite, { rowNo: row.rowNo, history: row.history });
}

/**
 * The changes this installation would send to `peer` now, in timestamp order.
 *
 * Two ways to find them, by direction. Towards a child, rows are looked up one by one (the log's
 * index on row): a station never holds the other stations' changes, so its marks say nothing
 * about their origins, and reading the log by origin would read the whole log for every child.
 * Towards the parent, which acknowledges every origin this unit holds, the log is read by origin
 * from the parent's marks on (the log's key is origin and timestamp): only what is new.
 */
function selectOutgoingWrites(store: LedgerStore, peer: SyncPeerRow): SelectedWrite[] {
  const own = requireLocalStation(store);
  const nodes = stationNodes(store);
  const catalog = ledgerCatalog(store.sqlite);
  const toChild = peer.relation === 'child';
  const owned = toChild ? subtreeOf(nodes, peer.station_id) : subtreeOf(nodes, own.id);
  const reference = toChild ? new Set([own.id, ...ancestorsOf(nodes, own.id)]) : new Set<string>();
  const ack = ackOf(peer);
  /** The peer's marks as integer timestamps, by site number (origins this file never saw are left out). */
  const ackBySite = new Map<number, number>();
  for (const [site, mark] of Object.entries(ack)) {
    const siteNo = catalog.knownSiteNo(site);
    const value = integerOfHlc(mark);
    if (siteNo !== undefined && value !== null) ackBySite.set(siteNo, value);
  }
  const acked = (version: { hlc: number; site: number }): boolean => {
    const mark = ackBySite.get(version.site);
    return mark !== undefined && version.hlc <= mark;
  };
  const ownedJson = JSON.stringify([...owned]);
  const ownedOrReferenceJson = JSON.stringify([...owned, ...reference]);

  // Rows in scope, each with the version of its current owner.
  const byRowNo = new Map<number, RoutedRow>();
  for (const table of syncedTableNames()) {
    const tableNo = catalog.tableNo(table);
    const ownerCol = catalog.columnNo(tableNo, 'station_id');
    const statement = store.sqlite
      .prepare(
        // Clock and history as hex text: a string per row costs the driver far less than a Buffer.
        // The history only towards a child, which reads every row's; towards the parent few rows need it.
        `SELECT t.*, rv.row_no, hex(rv.clock)${toChild ? ', hex(rv.history)' : ''} FROM "${table}" t
         JOIN row_version rv ON rv.tbl_no = ? AND rv.row_id = t.id
         WHERE t.station_id IN (SELECT value FROM json_each(?))`,
      )
      // Rows as arrays (a bundle reads every row of a station: no object with 30 named properties each).
      .raw(true);
    const columns = statement.columns().map((column) => column.name);
    const columnIndex = new Map(columns.map((name, i) => [name, i] as const));
    const width = columns.length - (toChild ? 3 : 2);
    const idAt = columnIndex.get('id') as number;
    const rows = statement.all(tableNo, isPersonTable(table) ? ownedJson : ownedOrReferenceJson) as FieldValue[][];
    for (const row of rows) {
      const routed: RoutedRow = {
        table,
        tableNo,
        rowId: row[idAt] as string,
        rowNo: row[width] as number,
        owner: fieldVersionInHexClock(row[width + 1] as string, ownerCol),
        historyHex: toChild ? (row[width + 2] as string) : null,
        values: row,
        columnIndex,
      };
      byRowNo.set(routed.rowNo, routed);
    }
  }
  /** A row whose current owner the peer has not acknowledged (new to it, or moved to it) goes whole. */
  const goesWhole = (row: RoutedRow): boolean => row.owner !== undefined && !acked(row.owner);

  // Rows that once belonged to the subtree and belong elsewhere now.
  const former = new Map<number, RoutedRow>();
  for (const moved of movedRows(store)) {
    if (!moved.owners.some((owner) => owned.has(owner))) continue;
    const tableNo = catalog.tableNo(moved.table);
    const entry = rowVersionOf(store.sqlite, tableNo, moved.rowId);
    if (!entry || byRowNo.has(entry.rowNo)) continue;
    former.set(entry.rowNo, {
      table: moved.table,
      tableNo,
      rowId: moved.rowId,
      rowNo: entry.rowNo,
      owner: entry.clock.get(catalog.columnNo(tableNo, 'station_id')),
      historyHex: null,
      history: entry.history,
      ...valuesInOrder(currentRowOf(store.sqlite, moved.table, moved.rowId)),
    });
  }

  /** The selected writes by row number (a row has one or a few). */
  const selected = new Map<number, SelectedWrite[]>();
  const selectedOf = (rowNo: number, version: { site: number; hlc: number }): SelectedWrite | undefined =>
    selected.get(rowNo)?.find((write) => write.record.siteNo === version.site && write.record.hlc === version.hlc);
  const select = (record: OutgoingRecord, row: RoutedRow, cols: number[] | null): void => {
    // A voided change (re-dated by its site's clock repair) is never sent: its replacement is.
    if (record.voided) return;
    const ofRow = selected.get(record.rowNo);
    const existing = ofRow?.find((write) => write.record.siteNo === record.siteNo && write.record.hlc === record.hlc);
    if (!existing) {
      const write = { record, row, cols: cols ? new Set(cols) : null };
      if (ofRow) ofRow.push(write);
      else selected.set(record.rowNo, [write]);
    } else if (existing.cols && cols) for (const col of cols) existing.cols.add(col);
    else existing.cols = null;
  };
  const ownerColOf = (row: RoutedRow) => catalog.columnNo(row.tableNo, 'station_id');

  if (toChild) {
    for (const row of byRowNo.values()) {
      const whole = goesWhole(row);
      for (const record of recordsOfRow(store, row)) {
        if (whole || !acked({ hlc: record.hlc, site: record.siteNo })) select(record, row, null);
      }
    }
    // A row moved away: only its change of owner, so the child learns it left.
    for (const row of former.values()) {
      const ownerCol = ownerColOf(row);
      for (const record of recordsOfRow(store, row)) {
        if (record.cols.includes(ownerCol) && !acked({ hlc: record.hlc, site: record.siteNo })) select(record, row, [ownerCol]);
      }
    }
  } else {
    const stmts = changeLogStatements(store.sqlite);
    for (const [siteNo] of catalog.sites()) {
      const newest = stmts.newestLive.get(siteNo)?.hlc;
      if (newest === null || newest === undefined) continue;
      const mark = ackBySite.get(siteNo);
      if (mark !== undefined && newest <= mark) continue;
      for (const stored of stmts.siteAfterHex.all(siteNo, mark ?? Number.MIN_SAFE_INTEGER)) {
        const row = byRowNo.get(stored.row_no) ?? former.get(stored.row_no);
        if (row) select(outgoingRecordOf(stored), row, null);
      }
    }
    if (Object.keys(ack).length > 0) {
      for (const row of byRowNo.values()) {
        if (!goesWhole(row)) continue;
        for (const record of recordsOfRow(store, row)) select(record, row, null);
      }
    }
  }

  // Every row travels with its current owner, so a bundle that arrives before an older one (or
  // after a lost one) still says whose the row is: the receiver routes and checks it on that.
  const stmts = changeLogStatements(store.sqlite);
  const writes: SelectedWrite[] = [];
  for (const [rowNo, ofRow] of selected) {
    const row = ofRow[0].row;
    // Usually the owner's record is in the bundle already, with all its fields.
    if (row.owner && selectedOf(rowNo, row.owner)?.cols !== null) {
      const stored = stmts.record.get(row.owner.site, row.owner.hlc, rowNo);
      if (stored) select(unpackRecord(stored), row, [ownerColOf(row)]);
    }
    writes.push(...ofRow);
  }
  return writes.sort((a, b) => compareRecords(catalog, a.record, b.record));
}

/**
 * The column lists of a payload (`columns`), each once, and the index of a write's list in it:
 * found by table and column numbers, so a write's column names are looked up only for a list not
 * seen before.
 */
class PayloadColumnLists {
  readonly lists: string[][] = [];
  private readonly indexByKey = new Map<string, number>();

  constructor(private readonly catalog: LedgerCatalog) {}

  /** The index of the list of `cols` (of table `tableNo`); `hexKey`: the same columns as `hex(cols)`, when known. */
  indexOf(tableNo: number, cols: number[], hexKey: string | undefined): number {
    const key = hexKey !== undefined ? `h${tableNo}:${hexKey}` : `n${tableNo}:${cols.join(',')}`;
    let index = this.indexByKey.get(key);
    if (index === undefined) {
      index = this.lists.push(cols.map((col) => this.catalog.columnOf(tableNo, col) ?? `#${col}`)) - 1;
      this.indexByKey.set(key, index);
    }
    return index;
  }
}

/** A selected write as it travels: its fields in one entry, its column list by index in the payload's `columns`. */
function toWire(catalog: LedgerCatalog, { record, row, cols }: SelectedWrite, columnLists: PayloadColumnLists): SentWireWrite {
  const siteId = catalog.siteIdOf(record.siteNo);
  const all = cols === null || record.cols.every((col) => cols.has(col));
  const kept = all ? record.cols : record.cols.filter((col) => cols.has(col));
  const listNo = columnLists.indexOf(row.tableNo, kept, all ? record.colsKey : undefined);
  const names = columnLists.lists[listNo];
  const values: SentWireWrite['v'] = [];
  // Predecessors only for a record that has any (most have none: no array for them).
  const prev: (string | null)[] | null = record.prev?.some((version) => version !== null) ? [] : null;
  for (let i = 0; i < record.cols.length; i += 1) {
    if (!all && !cols.has(record.cols[i])) continue;
    const keptValue = record.vals?.[i];
    const at = row.columnIndex.get(names[values.length]);
    values.push(keptValue !== undefined ? keptValue : ((at !== undefined ? row.values?.[at] : undefined) ?? null));
    if (prev) {
      const version = record.prev?.[i];
      prev.push(version ? hlcTextOf(catalog, version) : null);
    }
  }
  const wire: SentWireWrite = { t: row.table, r: row.rowId, h: formatIntegerHlc(record.hlc, siteId), u: catalog.userOf(record.userNo), c: listNo, v: values };
  if (prev?.some((p) => p !== null)) wire.p = prev;
  if (record.replaces !== null) wire.x = formatIntegerHlc(record.replaces, siteId);
  return wire;
}

/**
 * The PCs of this unit's subtree other than its own — its registered children's, and those they
 * vouched for in turn — for the bureau above, which accepts a relayed change only with the origin
 * of a PC vouched for this way (see `bundle-authority.ts`).
 */
function subtreeSites(store: LedgerStore): Record<string, string> {
  const sites: Record<string, string> = {};
  for (const row of store.sqlite.prepare('SELECT site_id, station_id FROM sync_site').all() as { site_id: string; station_id: string }[]) sites[row.site_id] = row.station_id;
  for (const child of childPeers(store)) if (child.site_id) sites[child.site_id] = child.station_id;
  return sites;
}

/** A sealed bundle for a peer, with what the history records of it. */
export interface SealedBundle {
  fileName: string;
  bytes: Buffer;
  peerCode: string;
  sequence: number;
  changes: number;
}

/** The file name of a bundle: `<from>-<to>-<YYYYMMDD>-<sequence>.njb`. */
export function bundleFileName(fromCode: string, toCode: string, epochMs: number, sequence: number): string {
  return `${fromCode}-${toCode}-${chinaDateOf(epochMs).replaceAll('-', '')}-${String(sequence).padStart(4, '0')}.njb`;
}

/** A sealed bundle not yet recorded as sent: `record()` notes the export (sequence, history). */
export interface PreparedBundle extends SealedBundle {
  record(): void;
}

/**
 * Seals a bundle for one peer: every change it has not acknowledged, the per-origin high-water
 * marks of this installation, signed with this installation's key and encrypted for the peer's.
 * Bundles to the parent carry the registration block while the setup secret is kept. Nothing is
 * acknowledged until the peer's next bundle says so, so a lost stick only makes the next bundle
 * bigger. The CLI records the export only once the file is safely written.
 */
export function prepareBundle(deps: AppDeps, peerCode: string, progress?: (done: number, total: number) => void): PreparedBundle {
  const { store } = deps;
  const own = requireLocalStation(store);
  const peer = peerByCode(store, peerCode);
  if (!peer) throw syncErrors.peerNotFound(peerCode);
  if (!peer.site_id || !peer.encryption_public_key) throw syncErrors.peerNotRegistered(peer.code, peer.name);
  const keys = ownSiteKeys(store);
  progress?.(0, 3);
  const writes = selectOutgoingWrites(store, peer);
  const changeCount = writes.reduce((sum, w) => sum + (w.cols?.size ?? w.record.cols.length), 0);
  const catalog = ledgerCatalog(store.sqlite);
  progress?.(1, 3);
  const sequence = (peer.last_sent_sequence ?? 0) + 1;
  const schemaVersion = schemaVersionOf(store);
  const header: BundleHeader = {
    formatVersion: BUNDLE_FORMAT_VERSION,
    appVersion: deps.appVersion,
    schemaVersion,
    senderSiteId: store.siteId,
    senderCode: own.code,
    recipientSiteId: peer.site_id,
    recipientCode: peer.code,
    createdAt: new Date(store.now()).toISOString(),
    sequence,
  };
  if (peer.relation === 'parent' && peer.setup_secret) {
    header.registration = makeRegistration(openSecret(store, peer.setup_secret), {
      siteId: store.siteId,
      stationId: own.id,
      code: own.code,
      signingPublicKey: keys.signingPublicKey,
      encryptionPublicKey: keys.encryptionPublicKey,
    });
  }
  const columnLists = new PayloadColumnLists(catalog);
  const payload: BundlePayload = {
    writes: writes.map((write) => toWire(catalog, write, columnLists)),
    columns: columnLists.lists,
    changes: [],
    highWater: localHighWater(store),
    ...(peer.relation === 'parent' ? { sites: subtreeSites(store) } : {}),
    sender: { code: own.code, name: own.name, stationId: own.id },
    schemaVersion,
  };
  const sealedPayload = Buffer.from(JSON.stringify(payload), 'utf8');
  progress?.(2, 3);
  const bytes = sealBundle({
    header,
    payload: sealedPayload,
    senderSigningPrivateKey: keys.signingPrivateKey,
    recipientEncryptionPublicKey: peer.encryption_public_key,
  });
  const fileName = bundleFileName(own.code, peer.code, store.now(), sequence);
  const record = (): void => {
    const now = store.nowText();
    store.transaction(() => {
      const current = peerByCode(store, peer.code) ?? peer;
      savePeer(store, { ...current, last_sent_at: now, last_sent_sequence: Math.max(current.last_sent_sequence ?? 0, sequence) });
      store.sqlite
        .prepare('INSERT INTO sync_history (id, direction, peer_code, peer_name, file_name, sequence, at, changes, summary_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)')
        .run(store.newId(), 'export', peer.code, peer.name, fileName, sequence, now, changeCount);
    });
  };
  return { fileName, bytes, peerCode: peer.code, sequence, changes: changeCount, record };
}

/** {@link prepareBundle} and record it at once (the handlers: the clerk saves the download). */
export function exportBundle(deps: AppDeps, peerCode: string, progress?: (done: number, total: number) => void): SealedBundle {
  const prepared = prepareBundle(deps, peerCode, progress);
  progress?.(3, 3);
  prepared.record();
  return { fileName: prepared.fileName, bytes: prepared.bytes, peerCode: prepared.peerCode, sequence: prepared.sequence, changes: prepared.changes };
}

/** {@link exportBundle} for the contract: the file as base64. */
export function exportBundleDownload(deps: AppDeps, peerCode: string, progress?: (done: number, total: number) => void): BundleExport {
  const sealed = exportBundle(deps, peerCode, progress);
  return { fileName: sealed.fileName, bytesBase64: sealed.bytes.toString('base64'), peerCode: sealed.peerCode, sequence: sealed.sequence, changes: sealed.changes };
}

/** A bureau's export for all: one bundle per registered child (pending ones are skipped). */
export function exportAll(deps: AppDeps): SealedBundle[] {
  const own = requireLocalStation(deps.store);
  if (own.role !== 'bureau') throw syncErrors.bureauOnly('为所有下级单位导出');
  return childPeers(deps.store)
    .filter((peer) => peer.site_id !== null)
    .map((peer) => exportBundle(deps, peer.code));
}

/** Field changes this installation holds that `peer` has not acknowledged. */
export function pendingChangeCount(store: LedgerStore, peer: SyncPeerRow): number {
  return selectOutgoingWrites(store, peer).reduce((sum, w) => sum + (w.cols?.size ?? w.record.cols.length), 0);
}

import { chinaDateTimeOf } from '../../shared/china-date';
import type { BundleImportSummary, TableSyncCounts } from '../../shared/sync-record';
import { schemaVersionOf, type LedgerStore } from '../../db/ledger-store';
import { syncedTableNames, type FieldValue } from '../../db/synced-tables';
import { applyRemoteChanges, tombstoneRecord, writeRecord, type AppliedChange, type FieldChange } from '../../db/write-path';
import type { AppDeps } from '../app-deps';
import { requireLocalStation } from '../station/local-station';
import { BundleError, openBundle, readBundleHeader, type BundleHeader, type BundleRegistration } from './bundle-envelope';
import { checkedChanges, parsePayload } from './bundle-payload';
import { ownSiteKeys } from './own-site-keys';
import { registrationMacValid, registrationSchema } from './setup-file';
import { personDetailTables, stationNodes, subtreeOf } from './station-tree';
import { syncErrors } from './sync-errors';
import { fieldLabelOf, tableLabelOf } from './sync-labels';
import { defaultBundleLimits, type BundleLimits } from './sync-limits';
import { peerByCode, peerBySiteId, savePeer, type SyncPeerRow } from './sync-peers';

/**
 * Importing a bundle: everything is verified first — envelope (not a bundle, truncated, altered,
 * newer format), recipient, the sender's schema version, the sender (known by site id, or a pending
 * station registering with its setup file's secret), signature and decryption with the registered
 * key, the payload's shape and every change against its table's schema. Then, in ONE transaction:
 * the registration, the changes through the one write path (`applyRemoteChanges`), the authority
 * check (a child may only send its own subtree's records), the peer's acknowledgements and the
 * history — or nothing at all. A dry run does the same and rolls the transaction back.
 */

export interface ImportOptions {
  fileName: string;
  dryRun: boolean;
  limits?: BundleLimits;
}

class DryRunRollback extends Error {
  constructor(readonly summary: BundleImportSummary) {
    super('dry run');
  }
}

interface VerifiedBundle {
  header: BundleHeader;
  peer: SyncPeerRow;
  /** Set when this bundle registers a pending child's keys. */
  registration: BundleRegistration | null;
  senderName: string;
  changes: FieldChange[];
  highWater: Record<string, string>;
}

/** Finds the sender's peer row, or the pending child its registration block proves it is. */
function identifySender(store: LedgerStore, header: BundleHeader, senderLabel: string): { peer: SyncPeerRow; registration: BundleRegistration | null } {
  const known = peerBySiteId(store, header.senderSiteId);
  if (known) return { peer: known, registration: null };
  const byCode = peerByCode(store, header.senderCode);
  if (!byCode) throw syncErrors.unknownSender(senderLabel);
  if (byCode.relation !== 'child') throw syncErrors.unknownSender(senderLabel);
  // Registered, and no re-issued file waiting for a new PC: another PC is not this unit.
  if (byCode.site_id !== null && byCode.keys_registered_at !== null) throw syncErrors.senderRebuilt(senderLabel);
  const parsed = registrationSchema.safeParse(header.registration);
  if (
    !parsed.success ||
    !byCode.setup_secret ||
    parsed.data.siteId !== header.senderSiteId ||
    parsed.data.code !== byCode.code ||
    !registrationMacValid(byCode.setup_secret, parsed.data)
  ) {
    throw syncErrors.badRegistration(senderLabel);
  }
  return { peer: byCode, registration: parsed.data };
}

/**
 * A unit as a refusal names it: `北山派出所（330102-01）` when this installation knows the code (a
 * peer, or a unit in its station tree), else the code the file gives.
 */
export function unitLabel(store: LedgerStore, code: string): string {
  const peer = peerByCode(store, code);
  const station = peer
    ? undefined
    : (store.sqlite.prepare('SELECT name FROM station WHERE code = ? AND deleted_at IS NULL ORDER BY id LIMIT 1').get(code) as { name: string | null } | undefined);
  const name = peer?.name ?? station?.name;
  return name && name !== code ? `${name}（${code}）` : code;
}

/** The envelope refusals that name the units: re-worded with the names this installation knows. */
const NAMING_REFUSALS = new Set(['BUNDLE_WRONG_RECIPIENT', 'BUNDLE_BAD_SIGNATURE', 'BUNDLE_DECRYPT_FAILED', 'BUNDLE_CORRUPT', 'BUNDLE_INFLATE_TOO_LARGE']);

/** Every check that needs no write. @throws BundleError / SyncError. */
export function verifyBundle(deps: AppDeps, bytes: Buffer, limits: BundleLimits = defaultBundleLimits): VerifiedBundle {
  const { store } = deps;
  if (bytes.length === 0) throw new BundleError('BUNDLE_EMPTY');
  if (bytes.length > limits.maxFileBytes) throw new BundleError('BUNDLE_TOO_LARGE');
  const header = readBundleHeader(bytes);
  requireLocalStation(store);
  const labels = { senderCode: unitLabel(store, header.senderCode), recipientCode: unitLabel(store, header.recipientCode) };
  if (header.recipientSiteId !== store.siteId) throw new BundleError('BUNDLE_WRONG_RECIPIENT', labels);
  const ourSchema = schemaVersionOf(store);
  if (header.schemaVersion > ourSchema) throw syncErrors.newerSchema(header.appVersion.slice(0, 40), header.schemaVersion.slice(0, 60), ourSchema);
  const { peer, registration } = identifySender(store, header, labels.senderCode);
  const signingKey = registration?.signingPublicKey ?? peer.signing_public_key;
  if (!signingKey) throw syncErrors.unknownSender(labels.senderCode);
  const keys = ownSiteKeys(store);
  let opened: ReturnType<typeof openBundle>;
  try {
    opened = openBundle({
      bytes,
      senderSigningPublicKey: signingKey,
      recipientEncryptionPrivateKey: keys.encryptionPrivateKey,
      expectedRecipientSiteId: store.siteId,
      maxFileBytes: limits.maxFileBytes,
      maxInflatedBytes: limits.maxInflatedBytes,
    });
  } catch (error) {
    if (error instanceof BundleError && NAMING_REFUSALS.has(error.code)) throw new BundleError(error.code, labels);
    throw error;
  }
  const payload = parsePayload(opened.payload, labels.senderCode);
  if (payload.schemaVersion > ourSchema) throw syncErrors.newerSchema(header.appVersion.slice(0, 40), payload.schemaVersion, ourSchema);
  const changes = checkedChanges(payload, labels.senderCode, store.now());
  return { header, peer, registration, senderName: payload.sender.name || peer.name, changes, highWater: payload.highWater };
}

type RowSnapshot = Record<string, FieldValue>;

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

interface RowBefore {
  table: string;
  id: string;
  /** Owner before the import; undefined when the row did not exist. */
  owner: string | null | undefined;
  /** Every owner the row ever had according to this installation's log. */
  history: string[];
}

/**
 * What a child sends must be its subtree's: each row it changes (duplicates aside) either existed
 * here and belongs, or once belonged, to the child's subtree, or is new and belongs to it after the
 * import; every owner it sets is in its subtree; and a unit it adds to its subtree may not take the
 * code of a unit outside it.
 */
function captureRowsBefore(store: LedgerStore, changes: FieldChange[]): RowBefore[] {
  const known = store.sqlite.prepare('SELECT 1 FROM change_log WHERE hlc = ? AND tbl = ? AND row_id = ? AND col = ?');
  const history = store.sqlite.prepare("SELECT value FROM change_log WHERE tbl = ? AND row_id = ? AND col = 'station_id'");
  const rows = new Map<string, RowBefore>();
  for (const change of changes) {
    const key = `${change.table}\u0000${change.rowId}`;
    if (rows.has(key) || known.get(change.hlc, change.table, change.rowId, change.column)) continue;
    const current = rowReader(store, change.table).get(change.rowId) as RowSnapshot | undefined;
    const owners = (history.all(change.table, change.rowId) as { value: string }[]).map((r) => JSON.parse(r.value) as FieldValue);
    rows.set(key, {
      table: change.table,
      id: change.rowId,
      owner: current ? (current.station_id as string | null) : undefined,
      history: owners.filter((o): o is string => typeof o === 'string'),
    });
  }
  return rows.size === 0 ? [] : [...rows.values()];
}

function checkAuthority(store: LedgerStore, senderCode: string, rootStationId: string, before: RowBefore[], results: AppliedChange[]): void {
  if (before.length === 0) return;
  const nodes = stationNodes(store);
  const subtree = subtreeOf(nodes, rootStationId);
  const where = (table: string, id: string, column?: string) =>
    `${tableLabelOf(table)}（${table}）记录 ${id}${column ? ` 的「${fieldLabelOf(table, column)}」` : ''}`;
  for (const row of before) {
    const after = (rowReader(store, row.table).get(row.id) as RowSnapshot | undefined)?.station_id;
    const wasOurs = row.owner !== undefined && ((row.owner !== null && subtree.has(row.owner)) || row.history.some((o) => subtree.has(o)));
    const isNewOurs = row.owner === undefined && typeof after === 'string' && subtree.has(after);
    if (!wasOurs && !isNewOurs) throw syncErrors.recordNotAllowed(senderCode, where(row.table, row.id));
  }
  for (const result of results) {
    const { change } = result;
    if (result.outcome === 'duplicate' || change.column !== 'station_id') continue;
    if (typeof change.value !== 'string' || !subtree.has(change.value)) throw syncErrors.recordNotAllowed(senderCode, where(change.table, change.rowId, 'station_id'));
  }
  const touchedStations = new Set(before.filter((r) => r.table === 'station').map((r) => r.id));
  for (const node of nodes) {
    if (!touchedStations.has(node.id) || !subtree.has(node.id) || node.deleted_at !== null || !node.code) continue;
    const clash = nodes.find((other) => other.code === node.code && other.deleted_at === null && !subtree.has(other.id));
    if (clash) throw syncErrors.recordNotAllowed(senderCode, `单位代码「${node.code}」与「${clash.name ?? clash.code}」重复`);
  }
}

/** The rows a bundle touches, as they are before it is applied (undefined: not there yet). */
function snapshotRows(store: LedgerStore, changes: FieldChange[]): Map<string, RowSnapshot | undefined> {
  const rows = new Map<string, RowSnapshot | undefined>();
  for (const change of changes) {
    const key = `${change.table}\u0000${change.rowId}`;
    if (rows.has(key)) continue;
    rows.set(key, rowReader(store, change.table).get(change.rowId) as RowSnapshot | undefined);
  }
  return rows;
}

function sameRow(a: RowSnapshot, b: RowSnapshot | undefined): boolean {
  return b !== undefined && Object.keys(a).every((column) => a[column] === b[column]);
}

/**
 * Per-table counts of an import: rows inserted (not there before), rows updated (a value the clerk
 * sees changed), rows unchanged (every change a duplicate, a loser, or a rewrite of the same
 * value), and the conflicts recorded for review. With `openConflicts` (per table: the conflicts
 * this import recorded that are still open after it), only those count: a conflict recorded while
 * replaying a history and settled by a later change of the same bundle is not the clerk's to review.
 */
export function summarizeResults(
  store: LedgerStore,
  results: AppliedChange[],
  before: Map<string, RowSnapshot | undefined>,
  openConflicts?: Map<string, number>,
): { tables: TableSyncCounts[]; totals: BundleImportSummary['totals'] } {
  const counts = new Map<string, TableSyncCounts>();
  const entryOf = (table: string): TableSyncCounts => {
    let entry = counts.get(table);
    if (!entry) {
      entry = { table, label: tableLabelOf(table), inserted: 0, updated: 0, unchanged: 0, conflicts: 0 };
      counts.set(table, entry);
    }
    return entry;
  };
  const applied = new Set<string>();
  for (const result of results) {
    if (result.outcome === 'applied') applied.add(`${result.change.table}\u0000${result.change.rowId}`);
    if (!openConflicts && result.conflict) entryOf(result.change.table).conflicts += 1;
  }
  for (const [table, count] of openConflicts ?? []) entryOf(table).conflicts += count;
  for (const [key, snapshot] of before) {
    const table = key.slice(0, key.indexOf('\u0000'));
    const entry = entryOf(table);
    if (!applied.has(key)) {
      entry.unchanged += 1;
      continue;
    }
    const id = key.slice(table.length + 1);
    const now = rowReader(store, table).get(id) as RowSnapshot | undefined;
    if (snapshot === undefined) entry.inserted += 1;
    else if (now && !sameRow(now, snapshot)) entry.updated += 1;
    else entry.unchanged += 1;
  }
  const order = syncedTableNames();
  const tables = [...counts.values()].sort((a, b) => order.indexOf(a.table) - order.indexOf(b.table));
  const totals = { inserted: 0, updated: 0, unchanged: 0, conflicts: 0 };
  for (const entry of tables) {
    totals.inserted += entry.inserted;
    totals.updated += entry.updated;
    totals.unchanged += entry.unchanged;
    totals.conflicts += entry.conflicts;
  }
  return { tables, totals };
}

/**
 * A station that had not yet heard of a transfer may add a record to the person it still holds
 * (a new family member, an honour): the record arrives owned by the old station. The bureau hands
 * it to the person's station now, as the transfer did with the others (an ordinary edit, which
 * then travels to the new station, and to the old one as a change of owner).
 */
function followTransferredPeople(deps: AppDeps, results: AppliedChange[]): void {
  const { store } = deps;
  const tables = new Set(personDetailTables(syncedTableNames()));
  const seen = new Set<string>();
  for (const { change, outcome } of results) {
    if (outcome !== 'applied' || !tables.has(change.table)) continue;
    const key = `${change.table}\u0000${change.rowId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const row = rowReader(store, change.table).get(change.rowId) as RowSnapshot | undefined;
    if (!row || row.deleted_at !== null || typeof row.staff_id !== 'string') continue;
    // The old station's own 调出 entry stays with the old station: it is its record of the move.
    if (change.table === 'staff_status_change' && row.status === '调出') continue;
    const person = rowReader(store, 'staff').get(row.staff_id) as RowSnapshot | undefined;
    if (person && typeof person.station_id === 'string' && person.station_id !== row.station_id) {
      writeRecord(store, deps.user, change.table, change.rowId, { station_id: person.station_id });
    }
  }
}

/**
 * An open conflict whose losing value has just arrived as the value in force (the other side
 * resolved it by keeping that value) is settled: both sides then show the same resolution.
 */
function settleConflicts(store: LedgerStore, results: AppliedChange[], by: string): void {
  if (!store.sqlite.prepare('SELECT 1 FROM sync_conflict WHERE resolved_at IS NULL LIMIT 1').get()) return;
  const settle = store.sqlite.prepare(
    'UPDATE sync_conflict SET resolved_at = ?, resolved_by = ? WHERE resolved_at IS NULL AND tbl = ? AND row_id = ? AND col = ? AND lost_value = ?',
  );
  const now = store.nowText();
  for (const { change, outcome } of results) {
    if (outcome === 'applied') settle.run(now, by, change.table, change.rowId, change.column, JSON.stringify(change.value));
  }
}

/** The newest conflict row before an import: conflicts after it were recorded by the import. */
function lastConflictRowid(store: LedgerStore): number {
  return (store.sqlite.prepare('SELECT coalesce(max(rowid), 0) AS last FROM sync_conflict').get() as { last: number }).last;
}

/** Per table, the conflicts recorded after `afterRowid` that are still open. */
function openConflictsSince(store: LedgerStore, afterRowid: number): Map<string, number> {
  const rows = store.sqlite
    .prepare('SELECT tbl, count(*) AS n FROM sync_conflict WHERE rowid > ? AND resolved_at IS NULL GROUP BY tbl')
    .all(afterRowid) as { tbl: string; n: number }[];
  return new Map(rows.map((r) => [r.tbl, r.n]));
}

/** Registers a pending child's keys; adopts its own station id when it joined with one (a county). */
function registerSender(deps: AppDeps, peer: SyncPeerRow, registration: BundleRegistration): SyncPeerRow {
  const { store } = deps;
  if (registration.stationId !== peer.station_id) {
    const placeholder = store.sqlite.prepare('SELECT id FROM station WHERE id = ? AND deleted_at IS NULL').get(peer.station_id) as { id: string } | undefined;
    const inUse = syncedTableNames().some(
      (table) => table !== 'station' && store.sqlite.prepare(`SELECT 1 FROM "${table}" WHERE station_id = ? LIMIT 1`).get(peer.station_id),
    );
    if (placeholder && !inUse) tombstoneRecord(store, deps.user, 'station', placeholder.id);
  }
  return {
    ...peer,
    station_id: registration.stationId,
    site_id: registration.siteId,
    signing_public_key: registration.signingPublicKey,
    encryption_public_key: registration.encryptionPublicKey,
    keys_registered_at: store.nowText(),
    // A PC set up from a re-issued file replaces the old one: its bundles are numbered afresh.
    last_received_sequence: peer.site_id !== null && peer.site_id !== registration.siteId ? null : peer.last_received_sequence,
  };
}

/**
 * Imports one bundle (or previews it with `dryRun`). Returns the summary, which is also kept in
 * the sync history. Importing the same bundle twice, or bundles in any order, converges.
 * @throws BundleError / SyncError — and then nothing has changed.
 */
export function importBundle(deps: AppDeps, bytes: Buffer, options: ImportOptions): BundleImportSummary {
  const { store } = deps;
  const verified = verifyBundle(deps, bytes, options.limits);
  const { header } = verified;
  const run = (): BundleImportSummary => {
    const peer = verified.registration ? registerSender(deps, verified.peer, verified.registration) : verified.peer;
    const before = peer.relation === 'child' ? captureRowsBefore(store, verified.changes) : [];
    const snapshot = snapshotRows(store, verified.changes);
    const conflictsBefore = lastConflictRowid(store);
    const results = applyRemoteChanges(store, verified.changes);
    if (peer.relation === 'child') {
      checkAuthority(store, unitLabel(store, header.senderCode), peer.station_id, before, results);
      followTransferredPeople(deps, results);
    }
    settleConflicts(store, results, `${verified.senderName}（同步）`);
    const { tables, totals } = summarizeResults(store, results, snapshot, openConflictsSince(store, conflictsBefore));
    const summary: BundleImportSummary = {
      fileName: options.fileName,
      senderCode: header.senderCode,
      senderName: verified.senderName,
      sequence: header.sequence,
      createdAt: Number.isNaN(Date.parse(header.createdAt)) ? header.createdAt : chinaDateTimeOf(Date.parse(header.createdAt)),
      dryRun: options.dryRun,
      changes: verified.changes.length,
      tables,
      totals,
      registeredSender: verified.registration !== null,
    };
    const now = store.nowText();
    savePeer(store, {
      ...peer,
      // What the peer held when it sealed this bundle: a lower bound of what it holds now (the
      // latest arrival counts, even an older bundle: a lower mark only means resending).
      ack_json: JSON.stringify(verified.highWater),
      last_received_at: now,
      last_received_sequence: Math.max(peer.last_received_sequence ?? 0, header.sequence),
    });
    store.sqlite
      .prepare('INSERT INTO sync_history (id, direction, peer_code, peer_name, file_name, sequence, at, changes, summary_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(store.newId(), 'import', peer.code, peer.name, options.fileName, header.sequence, now, verified.changes.length, JSON.stringify(summary));
    if (options.dryRun) throw new DryRunRollback(summary);
    return summary;
  };
  try {
    const summary = store.transaction(run);
    const tables = summary.tables.map((t) => t.table);
    if (tables.length > 0) deps.events('data.changed', { tables });
    return summary;
  } catch (error) {
    if (error instanceof DryRunRollback) return error.summary;
    throw error;
  }
}

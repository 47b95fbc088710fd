import { chinaDateTimeOf } from '../../shared/china-date';
import { parseHlc } from '../../shared/hybrid-logical-clock';
import type { BundleImportSummary, TableSyncCounts } from '../../shared/sync-record';
import { hasChangesFromSite, isVoidedTimestamp, movedRows, newestLiveChangeOf } from '../../db/change-log';
import { schemaVersionOf, type LedgerStore } from '../../db/ledger-store';
import type { SyncWithheldTable } from '../../db/sync-schema';
import { syncedTableNames } from '../../db/synced-tables';
import { applyRemoteWrites, fieldChangesOfWrite, tombstoneRecord, writeRecord, writesOfChanges, type AppliedWrite, type RemoteWrite } from '../../db/write-path';
import type { AppDeps } from '../app-deps';
import { requireLocalStation } from '../station/local-station';
import { readRow, type RowSnapshot } from './row-reader';
import { judgeWrites, type AuthorityInput } from './bundle-authority';
import { applyClockTolerance } from './clock-policy';
import { BundleError, echoableCode, echoableVersion, openBundle, readBundleHeader, verifyBundleSignature, type BundleHeader, type BundleRegistration } from './bundle-envelope';
import { checkedWrites, parsePayload } from './bundle-payload';
import { ownSiteKeys } from './own-site-keys';
import { openSecret } from '../keys/ledger-keys';
import { registrationMacValid, registrationSchema } from './setup-file';
import { siteKeysFingerprint } from './site-keys';
import { personDetailTables, stationNodes, subtreeOf } from './station-tree';
import { syncErrors } from './sync-errors';
import { tableLabelOf } from './sync-labels';
import { defaultBundleLimits, type BundleLimits } from './sync-limits';
import { peerByCode, peerBySiteId, peerRole, savePeer, type SyncPeerRow } from './sync-peers';
import { dropReplacedHeld, dueHeld, forgetWithheld, heldDetail, recordWithheld, withheldItem, type WithheldEntry } from './withheld-changes';

/**
 * Importing a bundle. First everything that needs no write, in this order: envelope (not a bundle,
 * truncated, newer format); the sender, by its site id or as a pending child registering with its
 * setup file's secret — and its SIGNATURE, before anything else the header says is believed; then
 * the recipient, the sender's schema version, decryption, the payload's shape and every change
 * against its table's schema. Then, in ONE transaction: the registration, the AUTHORITY of every
 * change decided on the tree as it was before (`bundle-authority.ts`), the allowed changes through
 * the one write path (`applyRemoteChanges`, which holds changes dated too far ahead), the refused
 * and held ones listed (`withheld-changes.ts`), the peer's acknowledgements (clamped) and the
 * history — or nothing at all. A dry run does the same and rolls the transaction back.
 */

export interface ImportOptions {
  fileName: string;
  dryRun: boolean;
  limits?: BundleLimits;
  /** Progress in changes applied (may throw to cancel: the import's transaction rolls back). */
  progress?: (done: number, total: number) => void;
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
  /** The sender as refusals and summaries name it: this installation's record of it. */
  senderLabel: string;
  senderName: string;
  writes: RemoteWrite[];
  /** How many field changes the writes carry. */
  changeCount: number;
  highWater: Record<string, string>;
  sites: Record<string, string>;
}

/** The sender by site id, or the pending child a registration block claims to be (not yet proven). */
function findSender(store: LedgerStore, header: BundleHeader): { peer: SyncPeerRow; registration: BundleRegistration | null } {
  const known = peerBySiteId(store, header.senderSiteId);
  // The same PC id with a re-issued file waiting and keys other than the registered ones: the unit's
  // ledger restored from a backup on a new PC (its old keys stayed with the old PC) — it registers
  // its new keys with the new file's secret. The old PC, still in service, signs with the old keys.
  const offered = (header.registration as { signingPublicKey?: unknown } | undefined)?.signingPublicKey;
  const reRegistering =
    known?.relation === 'child' && known.keys_registered_at === null && known.setup_secret !== null && typeof offered === 'string' && offered !== known.signing_public_key;
  if (known && !reRegistering) return { peer: known, registration: null };
  const claimed = echoableCode(header.senderCode);
  const stranger = () =>
    header.recipientSiteId !== store.siteId
      ? new BundleError('BUNDLE_WRONG_RECIPIENT', { recipientCode: recipientLabel(store, header) })
      : syncErrors.unknownSender(claimed ?? '未知单位');
  const byCode = known ?? (claimed ? peerByCode(store, claimed) : undefined);
  if (!byCode || byCode.relation !== 'child') throw stranger();
  // Registered, and no re-issued file waiting for a new PC: another PC is not this unit.
  if (byCode.site_id !== null && byCode.keys_registered_at !== null) throw syncErrors.senderRebuilt(unitLabel(store, byCode.code));
  const parsed = registrationSchema.safeParse(header.registration);
  if (!parsed.success) throw syncErrors.badRegistration(unitLabel(store, byCode.code));
  return { peer: byCode, registration: parsed.data };
}

/** The recipient a misaddressed file names: by this installation's records when it knows the site. */
function recipientLabel(store: LedgerStore, header: BundleHeader): string | undefined {
  const peer = peerBySiteId(store, header.recipientSiteId);
  if (peer) return unitLabel(store, peer.code);
  const code = echoableCode(header.recipientCode);
  return code ? unitLabel(store, code) : undefined;
}

/**
 * Whether a station id is one a joining unit may bring as its own: nothing here knows it — no unit
 * row, live or deleted, no record owned by it, not this unit, not a peer. (A county that joins a
 * city keeps the id it set itself up with; a registration claiming a unit this installation knows,
 * such as the bureau itself or another station, would be handed that unit's records.)
 */
function unknownStationId(store: LedgerStore, stationId: string): boolean {
  if (store.sqlite.prepare('SELECT 1 FROM station WHERE id = ?').get(stationId)) return false;
  if (store.sqlite.prepare('SELECT 1 FROM sync_peer WHERE station_id = ?').get(stationId)) return false;
  if (movedRows(store).some((row) => row.owners.includes(stationId))) return false;
  return !syncedTableNames().some((table) => store.sqlite.prepare(`SELECT 1 FROM "${table}" WHERE station_id = ? LIMIT 1`).get(stationId));
}

/**
 * A registration, once its signature verified: made with the secret of the setup file this
 * installation issued for that unit, still valid and unused; for the station id it was issued
 * (or, a unit joining with its own, an id nothing here knows); from a PC that is not this one, nor
 * any PC this installation knows.
 */
function checkRegistration(store: LedgerStore, header: BundleHeader, peer: SyncPeerRow, registration: BundleRegistration): void {
  const label = unitLabel(store, peer.code);
  if (!peer.setup_secret || registration.siteId !== header.senderSiteId || registration.code !== peer.code || !registrationMacValid(openSecret(store, peer.setup_secret), registration)) {
    throw syncErrors.badRegistration(label);
  }
  if (peer.setup_expires_at && store.nowText() > peer.setup_expires_at) throw syncErrors.setupExpired(label, peer.setup_expires_at);
  if (registration.stationId !== peer.station_id && !unknownStationId(store, registration.stationId)) throw syncErrors.registrationStation(label);
  const site = registration.siteId;
  const samePc = peer.site_id === site;
  const seenElsewhere =
    site === store.siteId ||
    store.sqlite.prepare('SELECT 1 FROM sync_site WHERE site_id = ?').get(site) !== undefined ||
    (!samePc && hasChangesFromSite(store, site));
  if (seenElsewhere) throw syncErrors.registrationSite(label);
}

/**
 * A unit as a refusal names it: `北山派出所（330102-01）` when this installation knows the code (a
 * peer, or a unit in its station tree), else the code itself.
 */
export function unitLabel(store: LedgerStore, code: string): string {
  const peer = peerByCode(store, code);
  const station = peer
    ? undefined
    : (store.sqlite.prepare('SELECT name FROM station WHERE code = ? AND deleted_at IS NULL ORDER BY id LIMIT 1').get(code) as { name: string | null } | undefined);
  const name = peer?.name ?? station?.name;
  return name && name !== code ? `${name}（${code}）` : code;
}

/** Every check that needs no write. @throws BundleError / SyncError. */
export function verifyBundle(deps: AppDeps, bytes: Buffer, limits: BundleLimits = defaultBundleLimits): VerifiedBundle {
  const { store } = deps;
  if (bytes.length === 0) throw new BundleError('BUNDLE_EMPTY');
  if (bytes.length > limits.maxFileBytes) throw new BundleError('BUNDLE_TOO_LARGE');
  const header = readBundleHeader(bytes);
  requireLocalStation(store);
  const { peer, registration } = findSender(store, header);
  const senderLabel = unitLabel(store, peer.code);
  const signingKey = registration?.signingPublicKey ?? peer.signing_public_key;
  if (!signingKey) throw syncErrors.unknownSender(senderLabel);
  // The signature first: until it verifies, nothing in the header is the sender's word.
  if (!verifyBundleSignature(bytes, signingKey)) throw new BundleError('BUNDLE_BAD_SIGNATURE', { senderCode: senderLabel });
  if (registration) checkRegistration(store, header, peer, registration);
  if (header.recipientSiteId !== store.siteId) throw new BundleError('BUNDLE_WRONG_RECIPIENT', { senderCode: senderLabel, recipientCode: recipientLabel(store, header) });
  const ourSchema = schemaVersionOf(store);
  const theirVersion = echoableVersion(header.appVersion) ?? '更新的版本';
  if (header.schemaVersion > ourSchema) throw syncErrors.newerSchema(theirVersion, header.schemaVersion.slice(0, 60), ourSchema);
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
    if (error instanceof BundleError && NAMING_REFUSALS.has(error.code)) throw new BundleError(error.code, { senderCode: senderLabel, recipientCode: recipientLabel(store, header) });
    throw error;
  }
  const payload = parsePayload(opened.payload, senderLabel);
  if (payload.schemaVersion > ourSchema) throw syncErrors.newerSchema(theirVersion, payload.schemaVersion.slice(0, 60), ourSchema);
  const writes = checkedWrites(payload, senderLabel);
  const changeCount = writes.reduce((sum, write) => sum + write.columns.length, 0);
  return { header, peer, registration, senderLabel, senderName: peer.name, writes, changeCount, highWater: payload.highWater, sites: payload.sites ?? {} };
}

/** The envelope refusals that name the units: re-worded with the names this installation knows. */
const NAMING_REFUSALS = new Set(['BUNDLE_WRONG_RECIPIENT', 'BUNDLE_BAD_SIGNATURE', 'BUNDLE_DECRYPT_FAILED', 'BUNDLE_CORRUPT', 'BUNDLE_INFLATE_TOO_LARGE']);

function sameRow(a: RowSnapshot, b: RowSnapshot | undefined): boolean {
  return b !== undefined && Object.keys(a).every((column) => a[column] === b[column]);
}

/**
 * Per-table counts of an import: rows inserted (not there before), rows updated (a value the clerk
 * sees changed), rows unchanged (every change a duplicate, a loser, refused, or a rewrite of the
 * same value), and the conflicts recorded for review. `touched`: every row the bundle names. With
 * `openConflicts` (per table: the conflicts this import recorded that are still open after it),
 * only those count: a conflict recorded while replaying a history and settled by a later change of
 * the same bundle is not the clerk's to review.
 */
export function summarizeResults(
  store: LedgerStore,
  results: AppliedWrite[],
  touched: RemoteWrite[],
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
  // Per row (by table, then id: no joined key per write), its first write that set a value: it
  // created the row, or holds the row as it was; then `null` once counted.
  const firstApplied = new Map<string, Map<string, AppliedWrite | null>>();
  const rowsOf = (table: string) => {
    let rows = firstApplied.get(table);
    if (!rows) {
      rows = new Map();
      firstApplied.set(table, rows);
    }
    return rows;
  };
  for (const result of results) {
    if (result.createdRow || result.rowBefore) {
      const rows = rowsOf(result.write.table);
      if (!rows.has(result.write.rowId)) rows.set(result.write.rowId, result);
    }
    if (!openConflicts) for (const conflict of result.conflicts) if (conflict) entryOf(result.write.table).conflicts += 1;
  }
  for (const [table, count] of openConflicts ?? []) entryOf(table).conflicts += count;
  for (const write of touched) {
    const rows = rowsOf(write.table);
    const first = rows.get(write.rowId);
    if (first === null) continue;
    rows.set(write.rowId, null);
    const entry = entryOf(write.table);
    if (!first) entry.unchanged += 1;
    else if (first.createdRow) entry.inserted += 1;
    else if (!sameRow(readRow(store, write.table, write.rowId) ?? {}, first.rowBefore)) entry.updated += 1;
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
function followTransferredPeople(deps: AppDeps, results: AppliedWrite[]): void {
  const { store } = deps;
  const tables = new Set(personDetailTables(syncedTableNames()));
  const idsByTable = new Map<string, Set<string>>();
  for (const { write, outcomes } of results) {
    if (!tables.has(write.table) || !outcomes.includes('applied')) continue;
    let ids = idsByTable.get(write.table);
    if (!ids) {
      ids = new Set();
      idsByTable.set(write.table, ids);
    }
    ids.add(write.rowId);
  }
  for (const [table, ids] of idsByTable) {
    // The rows of this import whose person now belongs to another unit (one query per table, its
    // cost in proportion to the import, not to the ledger: a bureau imports sixty of them in a row).
    const strays = store.sqlite
      .prepare(
        `SELECT r.id AS id, p.station_id AS personStation FROM "${table}" r JOIN staff p ON p.id = r.staff_id
         WHERE r.id IN (SELECT value FROM json_each(?)) AND r.deleted_at IS NULL AND typeof(p.station_id) = 'text' AND p.station_id IS NOT r.station_id
         ${table === 'staff_status_change' ? "AND r.status IS NOT '调出'" : ''}`,
      )
      .all(JSON.stringify([...ids])) as { id: string; personStation: string }[];
    // The old station's own 调出 entry stays with the old station: it is its record of the move.
    for (const stray of strays) writeRecord(store, deps.user, table, stray.id, { station_id: stray.personStation });
  }
}

/**
 * An open conflict whose losing value has just arrived as the value in force (the other side
 * resolved it by keeping that value) is settled: both sides then show the same resolution.
 */
function settleConflicts(store: LedgerStore, results: AppliedWrite[], by: string): void {
  if (!store.sqlite.prepare('SELECT 1 FROM sync_conflict WHERE resolved_at IS NULL LIMIT 1').get()) return;
  const settle = store.sqlite.prepare(
    'UPDATE sync_conflict SET resolved_at = ?, resolved_by = ? WHERE resolved_at IS NULL AND tbl = ? AND row_id = ? AND col = ? AND lost_value = ?',
  );
  const now = store.nowText();
  for (const { write, outcomes } of results) {
    outcomes.forEach((outcome, i) => {
      if (outcome === 'applied') settle.run(now, by, write.table, write.rowId, write.columns[i], JSON.stringify(write.values[i]));
    });
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

/** Registers a pending child's keys and consumes its setup secret; adopts its own station id when it joined with one (a county). */
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
    // Used once: a copy of the setup file cannot register another PC.
    setup_secret: null,
    setup_expires_at: null,
    // A PC set up from a re-issued file replaces the old one: its bundles are numbered afresh.
    last_received_sequence: peer.site_id !== null && peer.site_id !== registration.siteId ? null : peer.last_received_sequence,
  };
}

/**
 * The PCs a lower bureau vouches for as its subtree's (`payload.sites`), learned so that changes it
 * relays from them count with their own origin. A PC this installation knows as another's (itself,
 * a peer, or vouched by another peer) is not taken; nor one placed at a unit outside the sender's
 * subtree as this installation knows it (a unit it does not know yet may be new under the sender).
 */
function learnVouchedSites(store: LedgerStore, peer: SyncPeerRow, sites: Record<string, string>): Map<string, string> {
  const vouched = new Map<string, string>();
  const own = store.sqlite.prepare('SELECT site_id, station_id FROM sync_site WHERE via_peer_code = ?').all(peer.code) as { site_id: string; station_id: string }[];
  for (const row of own) vouched.set(row.site_id, row.station_id);
  const entries = Object.entries(sites);
  if (entries.length === 0) return vouched;
  const nodes = stationNodes(store);
  const subtree = subtreeOf(nodes, peer.station_id);
  const known = new Set(nodes.map((n) => n.id));
  const elsewhere = store.sqlite.prepare('SELECT 1 FROM sync_site WHERE site_id = ? AND via_peer_code <> ?');
  const insert = store.sqlite.prepare(
    'INSERT INTO sync_site (site_id, station_id, via_peer_code, learned_at) VALUES (?, ?, ?, ?) ON CONFLICT (site_id) DO UPDATE SET station_id = excluded.station_id, learned_at = excluded.learned_at',
  );
  for (const [site, stationId] of entries) {
    if (site === store.siteId || site === peer.site_id || peerBySiteId(store, site) || elsewhere.get(site, peer.code)) continue;
    if (known.has(stationId) && !subtree.has(stationId)) continue;
    if (vouched.get(site) === stationId) continue;
    insert.run(site, stationId, peer.code, store.nowText());
    vouched.set(site, stationId);
  }
  return vouched;
}

/**
 * The marks a peer reported (`highWater`: the newest change it holds per origin), as far as they
 * can be true: never above the newest change of that origin this installation holds (it cannot
 * have received from us what we do not have), never further ahead of the peer's own clock when it
 * sealed the file than the tolerance, and not at all when the mark is a change its own site voided
 * (re-dated by a clock repair: the peer reports it only because it has not heard of the repair).
 * A mark left out only means resending, which is harmless; a mark too high silences an origin.
 */
export function trustedMarks(store: LedgerStore, reported: Record<string, string>, sealedAt: string): Record<string, string> {
  const sealedMs = Date.parse(sealedAt);
  const latest = Math.min(Number.isNaN(sealedMs) ? store.now() : sealedMs, store.now()) + store.clockToleranceMs;
  const marks: Record<string, string> = {};
  for (const [site, mark] of Object.entries(reported)) {
    const millis = parseHlc(mark)?.millis;
    if (millis === undefined || millis > latest || isVoidedTimestamp(store, mark)) continue;
    const ours = newestLiveChangeOf(store.sqlite, site);
    if (ours) marks[site] = mark < ours ? mark : ours;
  }
  return marks;
}

/** What the authority check needs to know of the sender (`bundle-authority.ts`). */
function authorityInputFor(store: LedgerStore, peer: SyncPeerRow, issuedRole: 'station' | 'bureau', vouchedSites: Map<string, string>): AuthorityInput {
  return {
    relation: peer.relation,
    senderSiteId: peer.site_id ?? '',
    senderStationId: peer.station_id,
    senderCode: peer.code,
    senderLabel: unitLabel(store, peer.code),
    // A unit's role is the bureau's to set, so the role this installation gave it is its role.
    senderRole: peer.relation === 'child' ? issuedRole : 'bureau',
    issuedRole,
    vouchedSites,
  };
}

interface AppliedBatch {
  results: AppliedWrite[];
  withheld: WithheldEntry[];
}

/**
 * Judges and applies one batch of a sender's changes: the allowed through the one write path,
 * the refused and the held (dated too far ahead) kept in the withheld list.
 */
function applyFromSender(deps: AppDeps, input: AuthorityInput, writes: RemoteWrite[], fileName: string, progress?: (done: number, total: number) => void): AppliedBatch {
  const { store } = deps;
  const own = requireLocalStation(store);
  const verdict = judgeWrites(store, own.id, input, writes);
  const results = applyRemoteWrites(store, verdict.allowed, progress);
  const withheld: WithheldEntry[] = verdict.refused.map((r) => ({ kind: 'rejected', change: r.change, reason: r.reason, detail: r.detail }));
  for (const result of results) {
    if (!result.outcomes.includes('held')) continue;
    fieldChangesOfWrite(result.write).forEach((change, i) => {
      if (result.outcomes[i] === 'held') withheld.push({ kind: 'held', change, reason: 'CLOCK_AHEAD', detail: heldDetail(store, change, input.senderLabel) });
    });
  }
  dropReplacedHeld(store, verdict.allowed);
  recordWithheld(store, withheld, { code: input.senderCode, name: input.senderLabel }, fileName);
  if (input.relation === 'child') followTransferredPeople(deps, results);
  return { results, withheld };
}

/**
 * Applies the held changes whose time has come (this PC's clock, within the tolerance, has reached
 * them), judged again on the tree as it is now. Returns how many were applied. Runs at every import
 * and when the sync page opens (`sync.releaseHeld`).
 */
export function releaseHeld(deps: AppDeps): number {
  const { store } = deps;
  applyClockTolerance(deps);
  return store.transaction(() => {
    let released = 0;
    for (const [peerCode, due] of dueHeld(store)) {
      const peer = peerByCode(store, peerCode);
      if (!peer) continue;
      const input = authorityInputFor(store, peer, peerRole(store, peer), learnVouchedSites(store, peer, {}));
      forgetWithheld(store, due.rows.map((r) => r.id));
      const batch = applyFromSender(deps, input, writesOfChanges(due.changes), due.rows[0]?.file_name ?? '');
      for (const result of batch.results) released += result.outcomes.filter((outcome) => outcome === 'applied' || outcome === 'lost').length;
    }
    return released;
  });
}

/**
 * Imports one bundle (or previews it with `dryRun`). Returns the summary, which is also kept in
 * the sync history. Importing the same bundle twice, or bundles in any order, converges.
 * @throws BundleError / SyncError — and then nothing has changed.
 */
export function importBundle(deps: AppDeps, bytes: Buffer, options: ImportOptions): BundleImportSummary {
  const { store } = deps;
  applyClockTolerance(deps);
  const verified = verifyBundle(deps, bytes, options.limits);
  const { header } = verified;
  const run = (): BundleImportSummary => {
    const issuedRole = peerRole(store, verified.peer);
    const peer = verified.registration ? registerSender(deps, verified.peer, verified.registration) : verified.peer;
    if (verified.registration) savePeer(store, peer);
    const vouched = learnVouchedSites(store, peer, peer.relation === 'child' && issuedRole === 'bureau' ? verified.sites : {});
    const input = authorityInputFor(store, peer, issuedRole, vouched);
    const conflictsBefore = lastConflictRowid(store);
    options.progress?.(0, verified.changeCount);
    const { results, withheld } = applyFromSender(deps, input, verified.writes, options.fileName, options.progress);
    settleConflicts(store, results, `${verified.senderName}（同步）`);
    const released = releaseHeld(deps);
    const { tables, totals } = summarizeResults(store, results, verified.writes, openConflictsSince(store, conflictsBefore));
    const listedRow = store.sqlite.prepare('SELECT * FROM sync_withheld WHERE hlc = ? AND tbl = ? AND row_id = ? AND col = ?');
    const withheldNow = withheld.slice(0, 50).map((entry) => listedRow.get(entry.change.hlc, entry.change.table, entry.change.rowId, entry.change.column) as SyncWithheldTable | undefined);
    const summary: BundleImportSummary = {
      fileName: options.fileName,
      senderCode: peer.code,
      senderName: verified.senderName,
      sequence: header.sequence,
      createdAt: Number.isNaN(Date.parse(header.createdAt)) ? header.createdAt.slice(0, 40) : chinaDateTimeOf(Date.parse(header.createdAt)),
      dryRun: options.dryRun,
      changes: verified.changeCount,
      tables,
      totals,
      registeredSender: verified.registration !== null,
      registrant: verified.registration
        ? {
            code: peer.code,
            name: peer.name,
            fingerprint: siteKeysFingerprint({ signingPublicKey: verified.registration.signingPublicKey, encryptionPublicKey: verified.registration.encryptionPublicKey }),
          }
        : null,
      rejected: withheld.filter((w) => w.kind === 'rejected').length,
      held: withheld.filter((w) => w.kind === 'held').length,
      withheld: withheldNow.filter((row): row is SyncWithheldTable => row !== undefined).map(withheldItem),
      released,
    };
    const now = store.nowText();
    savePeer(store, {
      ...(peerByCode(store, peer.code) ?? peer),
      // What the peer held when it sealed this bundle, as far as it can be true (see trustedMarks):
      // a lower bound of what it holds now (the latest arrival counts, even an older bundle: a
      // lower mark only means resending).
      ack_json: JSON.stringify(trustedMarks(store, verified.highWater, header.createdAt)),
      last_received_at: now,
      last_received_sequence: Math.max(peer.last_received_sequence ?? 0, header.sequence),
      // A station keeps its setup secret until it hears from its bureau: by then it is registered.
      ...(peer.relation === 'parent' ? { setup_secret: null } : {}),
    });
    store.sqlite
      .prepare('INSERT INTO sync_history (id, direction, peer_code, peer_name, file_name, sequence, at, changes, summary_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(store.newId(), 'import', peer.code, peer.name, options.fileName, header.sequence, now, verified.changeCount, JSON.stringify(summary));
    options.progress?.(verified.changeCount, verified.changeCount);
    if (options.dryRun) throw new DryRunRollback(summary);
    return summary;
  };
  try {
    return store.transaction(run);
  } catch (error) {
    if (error instanceof DryRunRollback) return error.summary;
    throw error;
  }
}

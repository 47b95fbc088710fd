import type { Selectable } from 'kysely';
import type { ChangeLogTable } from '../../db/schema';
import { chinaDateOf } from '../../shared/china-date';
import { siteOfHlc } from '../../shared/hybrid-logical-clock';
import type { BundleExport } from '../../shared/sync-record';
import { schemaVersionOf, type LedgerStore } from '../../db/ledger-store';
import { syncedTableNames } from '../../db/synced-tables';
import type { AppDeps } from '../app-deps';
import { requireLocalStation } from '../station/local-station';
import { BUNDLE_FORMAT_VERSION, sealBundle, type BundleHeader } from './bundle-envelope';
import type { BundlePayload, WireChange } from './bundle-payload';
import { ownSiteKeys } from './own-site-keys';
import { makeRegistration } from './setup-file';
import { ancestorsOf, isPersonTable, stationNodes, subtreeOf } from './station-tree';
import { syncErrors } from './sync-errors';
import { ackOf, childPeers, localHighWater, peerByCode, savePeer, type HighWater, type SyncPeerRow } from './sync-peers';

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

/** A change-log row as routing reads it. */
type ChangeRow = Omit<Selectable<ChangeLogTable>, 'applied' | 'recorded_at' | 'voided'>;

const CHANGE_COLUMNS = 'seq, tbl, row_id, col, value, hlc, prev_hlc, site_id, user_name, replaces';

function rowKey(table: string, id: string): string {
  return `${table}\u0000${id}`;
}

function acked(ack: HighWater, hlc: string): boolean {
  const mark = ack[siteOfHlc(hlc)];
  return mark !== undefined && hlc <= mark;
}

/** A change not acknowledged by the peer, in SQL: `?1` the peer's marks as JSON. */
const ABOVE_ACK = `hlc > COALESCE(json_extract(?, '$."' || site_id || '"'), '')`;

/**
 * The changes this installation would send to `peer` now, in log order.
 *
 * Two ways to find them, by direction. Towards a child, rows are looked up one by one (the index
 * on table and row): a station never holds the other stations' changes, so its marks say nothing
 * about their origins, and scanning the log by origin would read the whole log for every child.
 * Towards the parent, which acknowledges every origin this unit holds, the log is read by origin
 * from the parent's marks on (the index on origin and timestamp): only what is new.
 */
export function selectOutgoingChanges(store: LedgerStore, peer: SyncPeerRow): ChangeRow[] {
  const own = requireLocalStation(store);
  const nodes = stationNodes(store);
  const toChild = peer.relation === 'child';
  const owned = toChild ? subtreeOf(nodes, peer.station_id) : subtreeOf(nodes, own.id);
  const reference = toChild ? new Set([own.id, ...ancestorsOf(nodes, own.id)]) : new Set<string>();
  const ack = ackOf(peer);
  const ackJson = JSON.stringify(ack);
  const ownedJson = JSON.stringify([...owned]);
  const ownedOrReferenceJson = JSON.stringify([...owned, ...reference]);

  // Rows in scope, each with the timestamp of its current owner.
  const inScope = new Map<string, { tbl: string; id: string; ownerHlc: string | null }>();
  for (const table of syncedTableNames()) {
    const rows = store.sqlite
      .prepare(
        `SELECT t.id AS id, fv.hlc AS ownerHlc FROM "${table}" t
         LEFT JOIN field_version fv ON fv.tbl = ? AND fv.row_id = t.id AND fv.col = 'station_id'
         WHERE t.station_id IN (SELECT value FROM json_each(?))`,
      )
      .all(table, isPersonTable(table) ? ownedJson : ownedOrReferenceJson) as { id: string; ownerHlc: string | null }[];
    for (const row of rows) inScope.set(rowKey(table, row.id), { tbl: table, id: row.id, ownerHlc: row.ownerHlc });
  }
  /** A row whose current owner the peer has not acknowledged (new to it, or moved to it) goes whole. */
  const goesWhole = (ownerHlc: string | null): boolean => ownerHlc !== null && !acked(ack, ownerHlc);

  // Rows that once belonged to the subtree and belong elsewhere now (partial index on owner changes).
  const former = new Map<string, { tbl: string; id: string }>();
  const everOwned = store.sqlite
    .prepare(
      `SELECT DISTINCT tbl, row_id FROM change_log
       WHERE col = 'station_id' AND value IN (SELECT json_quote(value) FROM json_each(?)) AND voided = 0`,
    )
    .all(ownedJson) as { tbl: string; row_id: string }[];
  for (const row of everOwned) {
    const key = rowKey(row.tbl, row.row_id);
    if (!inScope.has(key)) former.set(key, { tbl: row.tbl, id: row.row_id });
  }

  const selected = new Map<number, ChangeRow>();
  // A voided change (re-dated by its site's clock repair) is never sent: its replacement is.
  const byRow = store.sqlite.prepare(`SELECT ${CHANGE_COLUMNS} FROM change_log WHERE tbl = ? AND row_id = ? AND voided = 0`);
  const byRowAboveAck = store.sqlite.prepare(`SELECT ${CHANGE_COLUMNS} FROM change_log WHERE tbl = ? AND row_id = ? AND voided = 0 AND ${ABOVE_ACK}`);
  const rowChanges = (tbl: string, id: string, whole: boolean): ChangeRow[] =>
    (whole ? byRow.all(tbl, id) : byRowAboveAck.all(tbl, id, ackJson)) as ChangeRow[];

  if (toChild) {
    for (const row of inScope.values()) {
      for (const change of rowChanges(row.tbl, row.id, goesWhole(row.ownerHlc))) selected.set(change.seq, change);
    }
    // A row moved away: only its change of owner, so the child learns it left.
    for (const row of former.values()) {
      for (const change of rowChanges(row.tbl, row.id, false)) if (change.col === 'station_id') selected.set(change.seq, change);
    }
  } else {
    const bySite = store.sqlite.prepare(`SELECT ${CHANGE_COLUMNS} FROM change_log WHERE site_id = ? AND hlc > ? AND voided = 0`);
    for (const [site, newest] of Object.entries(localHighWater(store))) {
      const mark = ack[site] ?? '';
      if (newest <= mark) continue;
      for (const change of bySite.iterate(site, mark) as IterableIterator<ChangeRow>) {
        const key = rowKey(change.tbl, change.row_id);
        if (inScope.has(key) || former.has(key)) selected.set(change.seq, change);
      }
    }
    for (const row of inScope.values()) {
      if (!goesWhole(row.ownerHlc) || Object.keys(ack).length === 0) continue;
      for (const change of rowChanges(row.tbl, row.id, true)) selected.set(change.seq, change);
    }
  }

  // Every row travels with its current owner, so a bundle that arrives before an older one (or
  // after a lost one) still says whose the row is: the receiver routes and checks it on that.
  const ownerChange = store.sqlite.prepare(
    `SELECT ${CHANGE_COLUMNS} FROM change_log WHERE hlc = (SELECT hlc FROM field_version WHERE tbl = ? AND row_id = ? AND col = 'station_id') AND tbl = ? AND row_id = ? AND col = 'station_id'`,
  );
  const rows = new Set<string>();
  for (const change of [...selected.values()]) {
    const key = rowKey(change.tbl, change.row_id);
    if (rows.has(key)) continue;
    rows.add(key);
    const owner = ownerChange.get(change.tbl, change.row_id, change.tbl, change.row_id) as ChangeRow | undefined;
    if (owner) selected.set(owner.seq, owner);
  }
  return [...selected.values()].sort((a, b) => a.seq - b.seq);
}

function toWire(change: ChangeRow): WireChange {
  const wire: WireChange = { t: change.tbl, r: change.row_id, c: change.col, v: JSON.parse(change.value), h: change.hlc, p: change.prev_hlc, u: change.user_name };
  if (change.replaces) wire.x = change.replaces;
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
export function prepareBundle(deps: AppDeps, peerCode: string): PreparedBundle {
  const { store } = deps;
  const own = requireLocalStation(store);
  const peer = peerByCode(store, peerCode);
  if (!peer) throw syncErrors.peerNotFound(peerCode);
  if (!peer.site_id || !peer.encryption_public_key) throw syncErrors.peerNotRegistered(peer.code, peer.name);
  const keys = ownSiteKeys(store);
  const changes = selectOutgoingChanges(store, peer);
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
    header.registration = makeRegistration(peer.setup_secret, {
      siteId: store.siteId,
      stationId: own.id,
      code: own.code,
      signingPublicKey: keys.signingPublicKey,
      encryptionPublicKey: keys.encryptionPublicKey,
    });
  }
  const payload: BundlePayload = {
    changes: changes.map(toWire),
    highWater: localHighWater(store),
    ...(peer.relation === 'parent' ? { sites: subtreeSites(store) } : {}),
    sender: { code: own.code, name: own.name, stationId: own.id },
    schemaVersion,
  };
  const bytes = sealBundle({
    header,
    payload: Buffer.from(JSON.stringify(payload), 'utf8'),
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
        .run(store.newId(), 'export', peer.code, peer.name, fileName, sequence, now, changes.length);
    });
  };
  return { fileName, bytes, peerCode: peer.code, sequence, changes: changes.length, record };
}

/** {@link prepareBundle} and record it at once (the handlers: the clerk saves the download). */
export function exportBundle(deps: AppDeps, peerCode: string): SealedBundle {
  const prepared = prepareBundle(deps, peerCode);
  prepared.record();
  return { fileName: prepared.fileName, bytes: prepared.bytes, peerCode: prepared.peerCode, sequence: prepared.sequence, changes: prepared.changes };
}

/** {@link exportBundle} for the contract: the file as base64. */
export function exportBundleDownload(deps: AppDeps, peerCode: string): BundleExport {
  const sealed = exportBundle(deps, peerCode);
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
  return selectOutgoingChanges(store, peer).length;
}

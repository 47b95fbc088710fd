import { chinaDateOf, daysBetween } from '../../shared/china-date';
import type { SyncHistoryEntry, SyncPeer, SyncStatus } from '../../shared/sync-record';
import type { LedgerStore } from '../../db/ledger-store';
import type { SyncHistoryTable } from '../../db/sync-schema';
import { readSettings } from '../handlers/app-handlers';
import type { AppDeps } from '../app-deps';
import { requireLocalStation } from '../station/local-station';
import { pendingChangeCount } from './bundle-export';
import { ownFingerprint } from './own-site-keys';
import { siteKeysFingerprint } from './site-keys';
import { openConflictCount } from './sync-conflicts';
import { childPeers, parentPeer, peerRole, type SyncPeerRow } from './sync-peers';
import { withheldCounts } from './withheld-changes';

/** Days from a China date-time text (`YYYY-MM-DD HH:mm:ss`) to today. */
function daysSince(dateTime: string | null, today: string): number | null {
  if (!dateTime) return null;
  const date = dateTime.slice(0, 10);
  try {
    return Math.max(0, daysBetween(date, today));
  } catch {
    return null;
  }
}

function toSyncPeer(store: LedgerStore, peer: SyncPeerRow, today: string, warningDays: number): SyncPeer {
  const registered = peer.site_id !== null && peer.signing_public_key !== null && peer.encryption_public_key !== null;
  const silentDays = daysSince(peer.last_received_at, today);
  const silentSince = silentDays ?? daysSince(peer.registered_at, today) ?? 0;
  return {
    code: peer.code,
    name: peer.name,
    relation: peer.relation,
    role: peerRole(store, peer),
    registered,
    fingerprint: registered
      ? siteKeysFingerprint({ signingPublicKey: peer.signing_public_key as string, encryptionPublicKey: peer.encryption_public_key as string })
      : null,
    reissuePending: peer.relation === 'child' && registered && peer.keys_registered_at === null && peer.setup_secret !== null,
    lastReceivedAt: peer.last_received_at,
    lastReceivedSequence: peer.last_received_sequence,
    lastSentAt: peer.last_sent_at,
    lastSentSequence: peer.last_sent_sequence,
    pendingChanges: registered ? pendingChangeCount(store, peer) : 0,
    silentDays,
    silentTooLong: peer.relation === 'child' && silentSince > warningDays,
  };
}

/** 同步状态: this unit, its parent and children with their last bundles, open conflicts. */
export function syncStatus(deps: AppDeps): SyncStatus {
  const { store } = deps;
  const own = requireLocalStation(store);
  const today = chinaDateOf(store.now());
  const warningDays = readSettings(deps)['sync.silentWarningDays'];
  const parent = parentPeer(store);
  const withheld = withheldCounts(store);
  const last = (direction: 'export' | 'import') =>
    (store.sqlite.prepare('SELECT max(at) AS at FROM sync_history WHERE direction = ?').get(direction) as { at: string | null }).at;
  return {
    role: own.role,
    stationCode: own.code,
    stationName: own.name,
    fingerprint: ownFingerprint(store),
    parent: parent ? toSyncPeer(store, parent, today, warningDays) : null,
    children: childPeers(store).map((peer) => toSyncPeer(store, peer, today, warningDays)),
    openConflicts: openConflictCount(store),
    withheldRejected: withheld.rejected,
    withheldHeld: withheld.held,
    silentWarningDays: warningDays,
    lastExportAt: last('export'),
    lastImportAt: last('import'),
  };
}

/** 同步记录: bundles written and read, newest first. */
export function syncHistory(store: LedgerStore, limit: number): SyncHistoryEntry[] {
  const rows = store.sqlite.prepare('SELECT * FROM sync_history ORDER BY at DESC, rowid DESC LIMIT ?').all(limit) as SyncHistoryTable[];
  return rows.map((row) => ({
    id: row.id,
    direction: row.direction,
    peerCode: row.peer_code,
    peerName: row.peer_name,
    fileName: row.file_name,
    sequence: row.sequence,
    at: row.at,
    changes: row.changes,
    summary: row.summary_json ? JSON.parse(row.summary_json) : null,
  }));
}

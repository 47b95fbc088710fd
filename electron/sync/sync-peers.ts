import type { Selectable } from 'kysely';
import { newestLiveChanges } from '../../db/change-log';
import type { LedgerStore } from '../../db/ledger-store';
import type { SyncPeerTable } from '../../db/sync-schema';
import { sealSecret } from '../keys/ledger-keys';

/** A peer row as SQLite holds it. */
export type SyncPeerRow = Selectable<SyncPeerTable>;

/** Per-origin high-water marks: `{ originSiteId: newest hlc }`. */
export type HighWater = Record<string, string>;

export function peerByCode(store: LedgerStore, code: string): SyncPeerRow | undefined {
  return store.sqlite.prepare('SELECT * FROM sync_peer WHERE code = ?').get(code) as SyncPeerRow | undefined;
}

export function peerBySiteId(store: LedgerStore, siteId: string): SyncPeerRow | undefined {
  return store.sqlite.prepare('SELECT * FROM sync_peer WHERE site_id = ?').get(siteId) as SyncPeerRow | undefined;
}

export function parentPeer(store: LedgerStore): SyncPeerRow | undefined {
  return store.sqlite.prepare("SELECT * FROM sync_peer WHERE relation = 'parent'").get() as SyncPeerRow | undefined;
}

export function childPeers(store: LedgerStore): SyncPeerRow[] {
  return store.sqlite.prepare("SELECT * FROM sync_peer WHERE relation = 'child' ORDER BY code").all() as SyncPeerRow[];
}

/**
 * Whether a peer is a station or a bureau. A parent is a bureau by definition; a child is what its
 * row in the synced `station` table says (written when it was opened, later the unit's own row once
 * it registered and adopted its id), so the role lives in one place and cannot drift from the tree.
 */
export function peerRole(store: LedgerStore, peer: Pick<SyncPeerRow, 'relation' | 'station_id' | 'code'>): 'station' | 'bureau' {
  if (peer.relation === 'parent') return 'bureau';
  const row = (store.sqlite.prepare('SELECT role FROM station WHERE id = ? AND deleted_at IS NULL').get(peer.station_id) ??
    store.sqlite.prepare('SELECT role FROM station WHERE code = ? AND deleted_at IS NULL ORDER BY id LIMIT 1').get(peer.code)) as
    | { role: string | null }
    | undefined;
  return row?.role === 'bureau' ? 'bureau' : 'station';
}

/** Inserts or replaces a peer row (by id). */
export function savePeer(store: LedgerStore, given: SyncPeerRow): void {
  // The setup secret is kept sealed with the ledger's data key (electron/keys/ledger-keys.ts).
  const peer = given.setup_secret === null ? given : { ...given, setup_secret: sealSecret(store, given.setup_secret) };
  const columns = Object.keys(peer) as (keyof SyncPeerRow)[];
  store.sqlite
    .prepare(
      `INSERT INTO sync_peer (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})
       ON CONFLICT (id) DO UPDATE SET ${columns.map((c) => `${c} = excluded.${c}`).join(', ')}`,
    )
    .run(...columns.map((c) => peer[c]));
}

/** The peer's acknowledged high-water marks. */
export function ackOf(peer: SyncPeerRow): HighWater {
  try {
    const parsed = JSON.parse(peer.ack_json) as unknown;
    return typeof parsed === 'object' && parsed !== null ? (parsed as HighWater) : {};
  } catch {
    return {};
  }
}

/**
 * This installation's high-water marks: the newest live change it holds from each origin (a voided,
 * re-dated change does not count: its wrong date would tell peers they hold what they do not).
 */
export function localHighWater(store: LedgerStore): HighWater {
  return newestLiveChanges(store);
}

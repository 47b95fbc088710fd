/**
 * Kysely interfaces of the sync feature's local tables (数据同步). Neither table is synced: they
 * describe this installation's own view of its peers and of the bundles it exchanged.
 */

/**
 * Another installation this one exchanges bundles with: its parent bureau, or a station (or a
 * lower bureau) it opened. A child is "pending" until its first bundle registers its keys,
 * authenticated by the secret of the setup file it was issued.
 */
export interface SyncPeerTable {
  id: string;
  /** The peer's own `station.id`. */
  station_id: string;
  code: string;
  name: string;
  relation: 'parent' | 'child';
  /** Null while a child is pending registration. */
  site_id: string | null;
  signing_public_key: string | null;
  encryption_public_key: string | null;
  /** Base64 of the 32-byte setup-file secret (a child's registration is checked against it). */
  setup_secret: string | null;
  /** China date-time the peer was opened (child) or joined (parent). */
  registered_at: string;
  /** China date-time the child's keys were registered by its first bundle. */
  keys_registered_at: string | null;
  last_received_at: string | null;
  last_received_sequence: number | null;
  last_sent_at: string | null;
  last_sent_sequence: number | null;
  /** JSON `{ originSiteId: maxHlc }`: what the peer reported holding in its newest bundle (clamped). */
  ack_json: string;
  /** China date-time after which a pending child's setup secret no longer registers it. */
  setup_expires_at: string | null;
}

/** One bundle written or read (the clerk's 同步记录, printable). */
export interface SyncHistoryTable {
  id: string;
  direction: 'export' | 'import';
  peer_code: string;
  peer_name: string;
  file_name: string;
  sequence: number;
  /** China date-time. */
  at: string;
  /** Field changes in the bundle. */
  changes: number;
  /** JSON of the import summary (imports only). */
  summary_json: string | null;
}

/**
 * A change of an imported bundle that was not applied: `rejected` (the sender may not write it;
 * `reason` says why) or `held` (its timestamp is further ahead of this PC's clock than the
 * tolerance; applied by itself once it is not). Listed for the clerk until dismissed.
 */
export interface SyncWithheldTable {
  id: string;
  kind: 'rejected' | 'held';
  peer_code: string;
  peer_name: string;
  tbl: string;
  row_id: string;
  col: string;
  /** JSON text of the value. */
  value: string;
  hlc: string;
  prev_hlc: string | null;
  replaces: string | null;
  origin_site: string;
  /** The user name the sender gave (its word, not verified). */
  user_name: string;
  /** Stable code of why it was withheld, e.g. `ROW_NOT_OURS`, `CLOCK_AHEAD`. */
  reason: string;
  /** The Chinese sentence shown to the clerk. */
  detail: string;
  file_name: string;
  received_at: string;
  dismissed_at: string | null;
  dismissed_by: string | null;
}

/** A site a lower bureau vouched for as one of its subtree's PCs (origin of relayed changes). */
export interface SyncSiteTable {
  site_id: string;
  station_id: string;
  via_peer_code: string;
  learned_at: string;
}

/** The sync tables, merged into the `Database` interface. */
export interface SyncTables {
  sync_peer: SyncPeerTable;
  sync_history: SyncHistoryTable;
  sync_withheld: SyncWithheldTable;
  sync_site: SyncSiteTable;
}

/**
 * What the clerk sees of sync (数据同步): peers, bundle summaries, history and conflicts.
 * The model is in ARCHITECTURE.md "Sync bundles": per-field last-writer-wins by hybrid logical
 * clock, delta bundles with per-origin high-water marks, sealed for one receiver.
 */

/** Another installation this one exchanges bundles with. */
export interface SyncPeer {
  /** The peer's station code (file names use it). */
  code: string;
  name: string;
  /** 'parent': the bureau this installation reports to; 'child': a station (or lower bureau) under it. */
  relation: 'parent' | 'child';
  /** A station (派出所) or a bureau (市局/县局, with stations of its own); a parent is always a bureau. */
  role: 'station' | 'bureau';
  /** False until the peer's first bundle registered its keys (authenticated by the setup file's secret). */
  registered: boolean;
  /** Short fingerprint of the peer's keys, for comparing by phone. */
  fingerprint: string | null;
  /**
   * A registered child whose setup file was re-issued: its current PC keeps working until a PC set
   * up from the new file sends its first bundle (which then replaces the registered keys).
   */
  reissuePending: boolean;
  lastReceivedAt: string | null;
  lastReceivedSequence: number | null;
  lastSentAt: string | null;
  lastSentSequence: number | null;
  /** Field changes this installation holds that the peer has not acknowledged. */
  pendingChanges: number;
  /** Days since the last bundle received from this peer (null: never). */
  silentDays: number | null;
  /** True when a child station has been silent longer than the configured number of days. */
  silentTooLong: boolean;
}

export interface SyncStatus {
  role: 'station' | 'bureau';
  stationCode: string;
  stationName: string;
  /** This installation's own key fingerprint. */
  fingerprint: string;
  parent: SyncPeer | null;
  children: SyncPeer[];
  openConflicts: number;
  silentWarningDays: number;
  lastExportAt: string | null;
  lastImportAt: string | null;
}

/** Per-table counts of an import (or dry run). */
export interface TableSyncCounts {
  table: string;
  label: string;
  inserted: number;
  updated: number;
  unchanged: number;
  conflicts: number;
}

/** What an import did or, for a dry run, would do. Also kept in the sync history. */
export interface BundleImportSummary {
  fileName: string;
  senderCode: string;
  senderName: string;
  sequence: number;
  createdAt: string;
  dryRun: boolean;
  /** Field changes in the file. */
  changes: number;
  tables: TableSyncCounts[];
  totals: { inserted: number; updated: number; unchanged: number; conflicts: number };
  /** True when the sender's keys were registered by this bundle (first bundle of a new station). */
  registeredSender: boolean;
}

/** A bundle written for a peer. */
export interface BundleExport {
  fileName: string;
  bytesBase64: string;
  peerCode: string;
  sequence: number;
  changes: number;
}

export interface SyncHistoryEntry {
  id: string;
  direction: 'export' | 'import';
  peerCode: string;
  peerName: string;
  fileName: string;
  sequence: number;
  at: string;
  changes: number;
  /** For imports: the summary. */
  summary: BundleImportSummary | null;
}

/** A value that lost against a concurrent edit, listed for the clerk to resolve. */
export interface SyncConflictItem {
  id: string;
  table: string;
  tableLabel: string;
  rowId: string;
  /** e.g. 人员「张三」 */
  recordLabel: string;
  column: string;
  fieldLabel: string;
  /** The value now in force (display text) and who wrote it. */
  currentValue: string;
  currentBy: string;
  currentAt: string;
  /** The value that lost, who wrote it and where. */
  otherValue: string;
  otherBy: string;
  otherAt: string;
  otherSiteCode: string | null;
  /** The unit's name for `otherSiteCode`, when this installation knows it. */
  otherSiteName: string | null;
  detectedAt: string;
  resolvedAt: string | null;
}

/** The setup file a bureau issues for a station (开通派出所), as the station reads it. */
export interface SetupFilePreview {
  stationCode: string;
  stationName: string;
  bureauCode: string;
  bureauName: string;
  bureauFingerprint: string;
}

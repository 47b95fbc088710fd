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
  /** Changes of imported bundles not applied and not dismissed: rejected and held. */
  withheldRejected: number;
  withheldHeld: number;
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
  /**
   * The unit that registers with this bundle (its first bundle), so the clerk can compare the key
   * fingerprint with the one the other clerk reads out on the phone before importing.
   */
  registrant: { code: string; name: string; fingerprint: string } | null;
  /** Changes the sender may not write: not applied, listed (see {@link WithheldChange}). */
  rejected: number;
  /** Changes dated further ahead of this PC's clock than the tolerance: held, applied later by themselves. */
  held: number;
  /** The first of the rejected and held changes of this bundle (at most 50), for the preview. */
  withheld: WithheldChange[];
  /** Earlier held changes that were applied during this import because their time has come. */
  released: number;
}

/**
 * Why a change of an imported bundle was not applied. Rejected: `ORIGIN_FORGED` (stamped with a
 * PC that is not the sender's or its subtree's), `ROW_NOT_OURS` (a record owned elsewhere),
 * `PERSON_LEFT` (made after the record moved away), `PERSON_NOT_OURS` (a detail of another unit's
 * person), `OWNER_NOT_ALLOWED` (moves a record), `UNIT_STRUCTURE` / `CODE_TAKEN` (the tree of units),
 * `NO_OWNER` (a new record without an owner), `BUREAU_ONLY` (a station writing the bureau's standards),
 * `OUTSIDE_SUBTREE` (from the bureau: not this unit's).
 * Held: `CLOCK_AHEAD`.
 */
export type WithheldReason =
  | 'ORIGIN_FORGED'
  | 'ROW_NOT_OURS'
  | 'PERSON_LEFT'
  | 'PERSON_NOT_OURS'
  | 'OWNER_NOT_ALLOWED'
  | 'UNIT_STRUCTURE'
  | 'BUREAU_ONLY'
  | 'CODE_TAKEN'
  | 'NO_OWNER'
  | 'OUTSIDE_SUBTREE'
  | 'CLOCK_AHEAD';

/** A change of an imported bundle that was not applied, as the clerk reviews it (同步 → 未导入的修改). */
export interface WithheldChange {
  id: string;
  kind: 'rejected' | 'held';
  reason: WithheldReason;
  /** The Chinese sentence: which record and field, and why. */
  detail: string;
  peerCode: string;
  peerName: string;
  tableLabel: string;
  fieldLabel: string;
  rowId: string;
  /** The value as the clerk reads it. */
  value: string;
  /** The change's own time (China date-time), as stamped by the PC that made it. */
  changedAt: string;
  /** The user name the sender gave — its word, not checked. */
  userName: string;
  fileName: string;
  receivedAt: string;
}

/**
 * Whether this PC's date looks wrong: the ledger already holds edits dated after now (more than the
 * tolerance). Local writes are refused until the clerk corrects the date or repairs the clock.
 */
export interface ClockStatus {
  ok: boolean;
  /** China date-time of the PC's clock now. */
  pcTime: string;
  /** China date-time of the newest edit in the ledger (this PC's clock). */
  ledgerTime: string;
  /** How many days the ledger is ahead of the PC (0 when ok). */
  aheadDays: number;
  toleranceHours: number;
  /** This site's own edits dated after now + tolerance: what a repair would re-date. */
  futureChanges: number;
  message: string | null;
}

/** What a clock repair did. */
export interface ClockRepairResult {
  /** Own edits re-dated to now (the values stay as they are). */
  redated: number;
  clock: ClockStatus;
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

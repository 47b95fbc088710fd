/** What the 备份 page shows (shared by the handlers and the renderer). */

/** Why a backup was taken. */
export type BackupReasonName = 'daily' | 'manual' | 'import' | 'migration' | 'restore';

/** One backup file in the list. */
export interface BackupListEntry {
  fileName: string;
  /** China date-time it was taken ('' when the file cannot be read). */
  createdAt: string;
  createdAtMs: number;
  reason: BackupReasonName;
  reasonLabel: string;
  bytes: number;
  /** The copy passed `integrity_check` when it was made, and the file is whole. */
  verified: boolean;
  encrypted: boolean;
  schemaVersion: string;
  /** Why the file cannot be used, in Chinese; null for a good backup. */
  problem: string | null;
}

/** The 备份 page: the folder beside the ledger, its backups newest first, the retention in force. */
export interface BackupListing {
  folder: string;
  ledgerPath: string;
  entries: BackupListEntry[];
  retention: { daily: number; weekly: number; monthly: number };
  /** A verified backup was taken today (China date). */
  backedUpToday: boolean;
  /** How the sync keys are protected here: 密钥口令, 电脑系统的密钥保护 … (empty: no keys yet). */
  keyProtection: string[];
}

/** What restoring a backup brings back, against today's ledger. */
export interface RestorePreviewInfo {
  fileName: string;
  createdAt: string;
  reason: BackupReasonName;
  reasonLabel: string;
  encrypted: boolean;
  appVersion: string;
  schemaVersion: string;
  stationCode: string | null;
  stationName: string | null;
  counts: { table: string; label: string; backup: number; current: number | null }[];
  keysIncluded: boolean;
  sameInstallation: boolean;
}

/** What a restore did. */
export interface RestoreOutcome {
  preview: RestorePreviewInfo;
  /** The file name of the backup of today's ledger taken before (null when it could not be read). */
  safetyBackup: string | null;
  /** Where a corrupt ledger was put aside. */
  corruptCopy: string | null;
}

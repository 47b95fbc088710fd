import { promises as fs } from 'node:fs';
import { addDays, chinaDateOf } from '../../shared/china-date';
import type { BackupEntry } from './backup-folder';

/** How many automatic backups to keep: the newest of each of the last N days, weeks and months. */
export interface RetentionPolicy {
  daily: number;
  weekly: number;
  monthly: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = { daily: 7, weekly: 4, monthly: 12 };

/** The Monday (China date) of the week of an instant: the week's key. */
function weekOf(epochMs: number): string {
  const date = chinaDateOf(epochMs);
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(date, -((weekday + 6) % 7));
}

/** Keeps the newest entry of each of the `count` newest buckets. */
function keepNewestPerBucket(entries: BackupEntry[], count: number, bucketOf: (ms: number) => string, kept: Set<BackupEntry>): void {
  const seen = new Set<string>();
  for (const entry of entries) {
    const bucket = bucketOf(entry.createdAtMs);
    if (seen.has(bucket)) continue;
    if (seen.size >= count) break;
    seen.add(bucket);
    kept.add(entry);
  }
}

/**
 * Which backups of the folder beside the ledger to delete under a policy, at `now`:
 * - every backup of today (China date) is kept — a bureau's imports of the day can each be undone;
 * - then the newest of each of the last `daily` days, `weekly` weeks and `monthly` months;
 * - the newest verified backup is always kept, whatever the policy;
 * - a backup the clerk made by hand, and a file that is not a verified backup, are never deleted.
 */
export function backupsToDelete(entries: BackupEntry[], policy: RetentionPolicy, now: number): BackupEntry[] {
  const automatic = entries.filter((entry) => entry.verified && entry.reason !== 'manual').sort((a, b) => b.createdAtMs - a.createdAtMs);
  const kept = new Set<BackupEntry>();
  const today = chinaDateOf(now);
  for (const entry of automatic) if (chinaDateOf(entry.createdAtMs) === today) kept.add(entry);
  keepNewestPerBucket(automatic, policy.daily, chinaDateOf, kept);
  keepNewestPerBucket(automatic, policy.weekly, weekOf, kept);
  keepNewestPerBucket(automatic, policy.monthly, (ms) => chinaDateOf(ms).slice(0, 7), kept);
  const newestGood = entries.filter((entry) => entry.verified).sort((a, b) => b.createdAtMs - a.createdAtMs)[0];
  if (newestGood) kept.add(newestGood);
  return automatic.filter((entry) => !kept.has(entry));
}

/** Deletes what {@link backupsToDelete} names; returns the deleted entries. */
export async function pruneBackups(entries: BackupEntry[], policy: RetentionPolicy, now: number): Promise<BackupEntry[]> {
  const doomed = backupsToDelete(entries, policy, now);
  const deleted: BackupEntry[] = [];
  for (const entry of doomed) {
    try {
      await fs.rm(entry.path);
      deleted.push(entry);
    } catch {
      // A file the clerk has open elsewhere stays until the next backup; nothing else depends on it.
    }
  }
  return deleted;
}

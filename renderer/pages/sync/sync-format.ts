import { chinaDateTimeOf } from '../../../shared/china-date';
import type { FileFilter } from '../../api/file-transfer';

/** The open and save dialogs' filter for sync bundles. */
export const bundleFileFilters: FileFilter[] = [{ name: '暖警台账同步文件', extensions: ['njb'] }];

/** The open and save dialogs' filter for a bureau's one-time setup files. */
export const setupFileFilters: FileFilter[] = [{ name: '暖警台账开通文件', extensions: ['njsetup'] }];

/** The name a setup file is saved under: `<code>-开通文件.njsetup`. */
export function setupFileNameOf(stationCode: string): string {
  return `${stationCode}-开通文件.njsetup`;
}

const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})(:\d{2})?(\.\d+)?$/;

/**
 * A time from the main process as the clerk reads it, `YYYY-MM-DD HH:mm` in China time. ISO
 * instants (with `Z` or an offset) are converted; a plain `YYYY-MM-DD HH:mm:ss` is already China time.
 */
export function formatSyncTime(value: string | null | undefined): string {
  if (!value) return '—';
  const local = LOCAL_DATE_TIME.exec(value);
  if (local) return `${local[1]} ${local[2]}`;
  const epoch = Date.parse(value);
  if (Number.isNaN(epoch)) return value;
  return chinaDateTimeOf(epoch).slice(0, 16);
}

/**
 * {@link formatSyncTime} to the second (`YYYY-MM-DD HH:mm:ss`): for conflicting edits, where the
 * clerk must tell which of two edits in the same minute was later.
 */
export function formatSyncTimeSeconds(value: string | null | undefined): string {
  if (!value) return '—';
  const local = LOCAL_DATE_TIME.exec(value);
  if (local) return `${local[1]} ${local[2]}${local[3] ?? ':00'}`;
  const epoch = Date.parse(value);
  if (Number.isNaN(epoch)) return value;
  return chinaDateTimeOf(epoch).slice(0, 19);
}

/** A unit as the clerk reads it: its name, the code beside it; the code alone when the name is unknown. */
export function unitLabelOf(code: string | null | undefined, name: string | null | undefined): string | null {
  if (!code) return name ?? null;
  return name && name !== code ? `${name}（${code}）` : code;
}

/** A bundle's running number as the clerk says it: 第 3 号. */
export function sequenceLabel(sequence: number | null | undefined): string {
  return sequence == null ? '—' : `第 ${sequence} 号`;
}

/** A fingerprint grouped in fours, easier to read out over the phone. */
export function groupFingerprint(fingerprint: string | null | undefined): string {
  if (!fingerprint) return '—';
  const plain = fingerprint.replace(/[\s:-]/g, '');
  if (plain.length !== fingerprint.length || plain.length < 8) return fingerprint;
  return plain.match(/.{1,4}/g)?.join(' ') ?? fingerprint;
}

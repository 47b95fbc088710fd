import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/contract/api-error';
import { chinaDateOf } from '../../shared/china-date';
import { openLedgerStore } from '../../db/ledger-store';
import { currentSchemaVersion } from '../../db/migrations/migration-map';
import { openAppLedger, dailyBackupIfDue, pruneAutomaticBackups, type CorruptLedgerDetails } from '../../electron/backup/app-ledger';
import { backupFolderOf, listBackups, type BackupEntry } from '../../electron/backup/backup-folder';
import { backupsToDelete, DEFAULT_RETENTION } from '../../electron/backup/backup-retention';
import { backupLedger } from '../../electron/backup/ledger-backup';
import { restoreLedger } from '../../electron/backup/ledger-restore';
import { memoryWrapper, passphraseWrapper } from '../../electron/keys/key-wrapper';
import { isSealedSecret, useKeyWrapper } from '../../electron/keys/ledger-keys';
import { META_SITE_KEYS, ownSiteKeys } from '../../electron/sync/own-site-keys';
import { runNuanjingInProcess } from '../support/cli-in-process';
import { carry, createBureau, openStationFile, personInput, siteOf, stationFromSetup, type Site } from '../support/sync-sites';
import { manualClock, tempFolder, TEST_EPOCH } from '../support/test-ledger';

/**
 * Backups and restores on real ledger files through the real handlers (the 备份 page's calls) and
 * the CLI: verified backups, the preview, a restore after a backup of today's file, refusals of
 * truncated, altered, newer and wrongly-unlocked files, the keys never usable from a backup, the
 * corrupt ledger at start-up, retention over a simulated year.
 */

const PASSPHRASE = 'test-suite-only-passphrase';
let folder: ReturnType<typeof tempFolder>;
let site: Site;
let ledgerPath: string;
const clock = manualClock(TEST_EPOCH);

beforeAll(async () => {
  folder = tempFolder('nuanjing-backup-');
  ledgerPath = join(folder.path, '北山.sqlite');
  const store = await openAppLedger(ledgerPath, { appVersion: '0.1.0', wallClock: clock.read, keyWrapper: passphraseWrapper(PASSPHRASE), protectClearKeys: true });
  site = siteOf(store, '330102-01', '北山派出所', '王丽');
  await site.client.call('station.setup', { code: '330102-01', name: '北山派出所', role: 'station', operatorName: '王丽' });
  for (let i = 0; i < 3; i += 1) await site.client.call('staff.save', personInput(i));
  ownSiteKeys(site.deps.store); // the station's sync keys exist (sealed)
});

afterAll(() => {
  site.deps.store.close();
  folder.remove();
});

const staffCount = () => (site.deps.store.sqlite.prepare('SELECT count(*) AS n FROM staff WHERE deleted_at IS NULL').get() as { n: number }).n;

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError || (error as { code?: string }).code) return error as AppError;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('the 备份 page: backup, list, preview, restore', () => {
  it('restores a verified backup after backing up today’s file, and the list shows both', async () => {
    const taken = await site.client.call('backup.create', {});
    expect(taken).toMatchObject({ reason: 'manual', reasonLabel: '手动', verified: true, encrypted: false });
    clock.advance(60_000);
    await site.client.call('staff.save', personInput(7));
    expect(staffCount()).toBe(4);

    const preview = await site.client.call('backup.preview', { fileName: taken.fileName });
    expect(preview.createdAt).toBe(taken.createdAt);
    expect(preview.counts.find((c) => c.table === 'staff')).toEqual({ table: 'staff', label: '人员', backup: 3, current: 4 });
    expect(preview).toMatchObject({ sameInstallation: true, keysIncluded: true, stationName: '北山派出所' });
    expect(staffCount()).toBe(4); // a preview changes nothing

    const oldStore = site.deps.store;
    const outcome = await site.client.call('backup.restore', { fileName: taken.fileName });
    expect(site.deps.store).not.toBe(oldStore); // reopened in place
    expect(staffCount()).toBe(3);
    expect(outcome.safetyBackup).toMatch(/-restore\.njbak$/);
    const listing = await site.client.call('backup.list', {});
    expect(listing.entries.map((e) => e.reasonLabel)).toEqual(['恢复备份前', '手动']);
    expect(listing.entries.every((e) => e.verified)).toBe(true);
    expect(listing.keyProtection).toEqual(['密钥口令']);
    // The keys still unlock after the restore (same PC, same passphrase): sync goes on.
    expect(ownSiteKeys(site.deps.store).signingPrivateKey).toMatch(/^MC4CAQAw/);

    // And back again: the backup of today's file brings the fourth person back.
    await site.client.call('backup.restore', { fileName: outcome.safetyBackup! });
    expect(staffCount()).toBe(4);
  });

  it('refuses a truncated, an altered and a foreign file, naming the problem in Chinese; nothing changes', async () => {
    const taken = await site.client.call('backup.create', {});
    const bytes = readFileSync(join(backupFolderOf(ledgerPath), taken.fileName));
    const upload = (name: string, data: Buffer) => ({ upload: { fileName: name, bytesBase64: data.toString('base64') } });
    const cut = await refusal(site.client.call('backup.restore', upload('cut.njbak', bytes.subarray(0, Math.floor(bytes.length * 0.7)))));
    expect(cut.code).toBe('BACKUP_TRUNCATED');
    expect(cut.message).toContain('不完整');
    const altered = Buffer.from(bytes);
    altered[Math.floor(altered.length / 2)] ^= 0x01;
    const changed = await refusal(site.client.call('backup.restore', upload('altered.njbak', altered)));
    expect(changed.code).toBe('BACKUP_DAMAGED');
    expect(changed.message).toContain('已损坏或被改动过');
    const foreign = await refusal(site.client.call('backup.restore', upload('名单.xlsx', Buffer.from('PK\u0003\u0004 not a backup'))));
    expect(foreign.code).toBe('BACKUP_NOT_A_BACKUP');
    expect(staffCount()).toBe(4);
    // The listed file is whole; a damaged file in the folder is listed with its problem.
    writeFileSync(join(backupFolderOf(ledgerPath), 'broken.njbak'), bytes.subarray(0, 100));
    const listing = await site.client.call('backup.list', {});
    expect(listing.entries.find((e) => e.fileName === 'broken.njbak')).toMatchObject({ verified: false, problem: expect.stringContaining('不完整') });
  });

  it('encrypts a backup for a stick: the right password restores, a wrong one is refused; no station in clear', async () => {
    const download = await site.client.call('backup.download', { password: 'stick-password-1' });
    const bytes = Buffer.from(download.bytesBase64, 'base64');
    expect(bytes.includes(Buffer.from('北山派出所'))).toBe(false);
    expect(bytes.includes(Buffer.from('SQLite format 3'))).toBe(false);
    const upload = { fileName: download.fileName, bytesBase64: download.bytesBase64 };
    expect((await refusal(site.client.call('backup.preview', { upload }))).code).toBe('BACKUP_PASSWORD_NEEDED');
    const wrong = await refusal(site.client.call('backup.preview', { upload, password: 'stick-password-2' }));
    expect(wrong.code).toBe('BACKUP_PASSWORD_WRONG');
    expect(wrong.message).toContain('备份密码不正确');
    const preview = await site.client.call('backup.preview', { upload, password: 'stick-password-1' });
    expect(preview).toMatchObject({ encrypted: true, stationName: '北山派出所' });
    // An altered encrypted file is told apart from a wrong password.
    const altered = Buffer.from(bytes);
    altered[altered.length - 40] ^= 0x80;
    const damaged = await refusal(site.client.call('backup.preview', { upload: { ...upload, bytesBase64: altered.toString('base64') }, password: 'stick-password-1' }));
    expect(damaged.code).toBe('BACKUP_DAMAGED');
    await site.client.call('backup.restore', { upload, password: 'stick-password-1' });
    expect(staffCount()).toBe(4);
  });
});

describe('keys in backups', () => {
  it('keeps the private keys sealed in the ledger and out of every backup; keys left in clear are scrubbed from the copy', async () => {
    const keys = ownSiteKeys(site.deps.store);
    const stored = JSON.parse(site.deps.store.sqlite.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(META_SITE_KEYS) as string) as Record<string, string>;
    expect(isSealedSecret(stored.signingPrivateKey)).toBe(true);
    const taken = await site.client.call('backup.create', {});
    const bytes = readFileSync(join(backupFolderOf(ledgerPath), taken.fileName));
    for (const secret of [keys.signingPrivateKey, keys.encryptionPrivateKey]) expect(bytes.includes(Buffer.from(secret))).toBe(false);

    // A ledger from before key protection, opened with no passphrase: its keys are in clear, the backup drops them.
    const legacyPath = join(folder.path, 'legacy.sqlite');
    const legacy = await openLedgerStore(legacyPath, { wallClock: clock.read });
    const clearKeys = { ...keys, signingPrivateKey: keys.signingPrivateKey, encryptionPrivateKey: keys.encryptionPrivateKey };
    legacy.sqlite.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run(META_SITE_KEYS, JSON.stringify(clearKeys));
    const entry = await backupLedger(legacy, { reason: 'manual', now: clock.now, appVersion: '0.1.0' });
    const legacyBytes = readFileSync(entry.path);
    expect(legacyBytes.includes(Buffer.from(keys.signingPrivateKey))).toBe(false);
    expect(legacyBytes.includes(Buffer.from(keys.signingPublicKey))).toBe(true); // the public half stays
    const preview = await site.client.call('backup.preview', { upload: { fileName: entry.fileName, bytesBase64: legacyBytes.toString('base64') } });
    expect(preview.keysIncluded).toBe(false);
    legacy.close();

    // Opened with a passphrase, the legacy ledger's clear keys are sealed; a wrong passphrase cannot open them.
    const sealed = await openAppLedger(legacyPath, { appVersion: '0.1.0', keyWrapper: passphraseWrapper('another-passphrase'), protectClearKeys: true });
    const raw = JSON.parse(sealed.sqlite.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(META_SITE_KEYS) as string) as Record<string, string>;
    expect(isSealedSecret(raw.signingPrivateKey)).toBe(true);
    expect(ownSiteKeys(sealed).signingPrivateKey).toBe(keys.signingPrivateKey);
    useKeyWrapper(sealed, passphraseWrapper('a-wrong-passphrase'));
    expect(() => ownSiteKeys(sealed)).toThrow(/密钥口令不正确/);
    sealed.close();
  });
});

describe('start-up', () => {
  it('refuses a corrupt ledger without writing to it, names the latest good backup, and the CLI restores it', async () => {
    const path = join(folder.path, '损坏.sqlite');
    const store = await openAppLedger(path, { appVersion: '0.1.0', wallClock: clock.read });
    const corruptSite = siteOf(store, '330102-02', '南山派出所', '李娜');
    await corruptSite.client.call('station.setup', { code: '330102-02', name: '南山派出所', role: 'station' });
    for (let i = 0; i < 40; i += 1) await corruptSite.client.call('staff.save', personInput(i));
    const good = await backupLedger(store, { reason: 'daily', now: clock.now, appVersion: '0.1.0' });
    store.close();
    const bytes = readFileSync(path);
    // Scramble a page in the middle of the file (a bad sector).
    for (let i = 8192; i < 12288; i += 1) bytes[i] = (bytes[i] * 31 + 7) & 0xff;
    writeFileSync(path, bytes);

    const error = await refusal(openAppLedger(path, { appVersion: '0.1.0' }));
    expect(error.code).toBe('DB_CORRUPT');
    expect(error.message).toContain('已损坏');
    expect(error.message).toContain(good.createdAt);
    expect((error.details as CorruptLedgerDetails).latestBackup?.fileName).toBe(good.fileName);
    expect(readFileSync(path).equals(bytes)).toBe(true); // never opened for writing
    expect(existsSync(`${path}-wal`)).toBe(false);

    const restored = await runNuanjingInProcess(['restore', '--db', path, '--from', good.path, '--yes', '--json']);
    expect(restored.code).toBe(0);
    expect(JSON.parse(restored.stdout)).toMatchObject({ restored: true, corruptCopy: expect.stringContaining('已损坏') });
    const reopened = await openAppLedger(path, { appVersion: '0.1.0' });
    expect((reopened.sqlite.prepare('SELECT count(*) AS n FROM staff').get() as { n: number }).n).toBe(40);
    reopened.close();
  });

  it('refuses a ledger and a backup from a newer version, naming the version to install', async () => {
    const path = join(folder.path, 'newer.sqlite');
    const store = await openAppLedger(path, { appVersion: '0.1.0' });
    store.close();
    const raw = new BetterSqlite3(path);
    raw.prepare("INSERT INTO kysely_migration (name, timestamp) VALUES ('2099-01-01-future', '2099-01-01T00:00:00.000Z')").run();
    raw.prepare("UPDATE meta SET value = '3.1.0' WHERE key = 'schema_app_version'").run();
    const newerBackup = await backupLedger({ sqlite: raw, path }, { reason: 'manual', now: clock.now, appVersion: '3.1.0' });
    raw.close();
    const error = await refusal(openAppLedger(path, { appVersion: '0.1.0' }));
    expect(error.code).toBe('DB_NEWER_SCHEMA');
    expect(error.message).toContain('暖警台账 3.1.0 或更新的版本');
    const fromBackup = await refusal(site.client.call('backup.preview', { upload: { fileName: newerBackup.fileName, bytesBase64: readFileSync(newerBackup.path).toString('base64') } }));
    expect(fromBackup.code).toBe('BACKUP_NEWER_SCHEMA');
    expect(fromBackup.message).toContain(currentSchemaVersion);
    expect(fromBackup.message).toContain('3.1.0');
  });
});

describe('automatic backups and retention', () => {
  const entryAt = (ms: number, reason: BackupEntry['reason'] = 'daily'): BackupEntry => ({
    fileName: `b-${ms}-${reason}.njbak`,
    path: `/nowhere/b-${ms}-${reason}.njbak`,
    createdAt: '',
    createdAtMs: ms,
    reason,
    reasonLabel: '',
    bytes: 1,
    verified: true,
    encrypted: false,
    schemaVersion: '',
    problem: null,
  });

  it('keeps 7 daily, 4 weekly and 12 monthly backups over a simulated year, never the newest or a manual one', () => {
    const day = 86_400_000;
    let kept: BackupEntry[] = [];
    const manual = entryAt(TEST_EPOCH + 3 * day + 3_600_000, 'manual');
    for (let d = 0; d < 400; d += 1) {
      const now = TEST_EPOCH + d * day;
      kept.push(entryAt(now));
      if (d % 10 === 4) kept.push(entryAt(now + 3_600_000, 'import'), entryAt(now + 7_200_000, 'import'));
      if (d === 3) kept.push(manual);
      const doomed = new Set(backupsToDelete(kept, DEFAULT_RETENTION, now + 7_300_000));
      kept = kept.filter((entry) => !doomed.has(entry));
    }
    const now = TEST_EPOCH + 399 * day + 7_300_000;
    const automatic = kept.filter((e) => e.reason !== 'manual');
    expect(kept).toContain(manual);
    // Today (day 399, no imports): one; the 6 days before: one each.
    const days = new Set(automatic.map((e) => chinaDateOf(e.createdAtMs)));
    for (let d = 0; d < 7; d += 1) expect(days.has(chinaDateOf(now - d * day))).toBe(true);
    const months = new Set(automatic.map((e) => chinaDateOf(e.createdAtMs).slice(0, 7)));
    expect(months.size).toBe(12);
    expect(automatic.length).toBeLessThanOrEqual(7 + 4 + 12);
    expect(automatic.length).toBeGreaterThanOrEqual(12 + 4);
    // Day 394 had a daily backup and two before imports: once the day is over, only its newest is kept.
    expect(automatic.filter((e) => chinaDateOf(e.createdAtMs) === chinaDateOf(TEST_EPOCH + 394 * day)).map((e) => e.reason)).toEqual(['import']);
    // Whatever the policy, the newest good backup stays.
    const lone = [entryAt(TEST_EPOCH)];
    expect(backupsToDelete(lone, { daily: 1, weekly: 0, monthly: 0 }, TEST_EPOCH + 400 * day)).toEqual([]);
  });

  it('takes the daily backup at the first start of a day only, and prunes the folder to the settings', async () => {
    const dayClock = manualClock(TEST_EPOCH);
    const path = join(folder.path, 'daily.sqlite');
    const store = await openAppLedger(path, { appVersion: '0.1.0', wallClock: dayClock.read });
    const daily = siteOf(store, '330102-03', '西湖派出所', '张三');
    await daily.client.call('station.setup', { code: '330102-03', name: '西湖派出所', role: 'station' });
    await daily.client.call('settings.set', { key: 'backup.keepDaily', value: 2 });
    await daily.client.call('settings.set', { key: 'backup.keepWeekly', value: 0 });
    await daily.client.call('settings.set', { key: 'backup.keepMonthly', value: 0 });
    expect(await dailyBackupIfDue(store, '0.1.0')).not.toBeNull();
    expect(await dailyBackupIfDue(store, '0.1.0')).toBeNull(); // the same day: none again
    for (let d = 1; d <= 3; d += 1) {
      dayClock.advance(86_400_000);
      expect(await dailyBackupIfDue(store, '0.1.0')).not.toBeNull();
    }
    const left = await listBackups(backupFolderOf(path));
    expect(left.map((e) => chinaDateOf(e.createdAtMs))).toEqual([chinaDateOf(dayClock.now), chinaDateOf(dayClock.now - 86_400_000)]);
    expect(await pruneAutomaticBackups(store, dayClock.now)).toEqual([]);
    store.close();
  });
});

describe('the command line', () => {
  it('nuanjing backup / backups / restore: exit codes, JSON and Chinese messages', async () => {
    const path = join(folder.path, 'cli.sqlite');
    expect((await runNuanjingInProcess(['init', '--db', path, '--code', '330102-09', '--name', '东山派出所'])).code).toBe(0);
    const stick = tempFolder('nuanjing-stick-');
    try {
      const passwordFile = join(stick.path, 'pw.txt');
      writeFileSync(passwordFile, 'stick-password-1\n');
      const made = await runNuanjingInProcess(['backup', '--db', path, '--out', stick.path, '--password-file', passwordFile, '--json']);
      expect(made.code).toBe(0);
      const entry = JSON.parse(made.stdout) as BackupEntry;
      expect(entry).toMatchObject({ encrypted: true, verified: true, reason: 'manual' });
      expect(readdirSync(stick.path).filter((n) => n.endsWith('.njbak'))).toEqual([entry.fileName]);
      const local = await runNuanjingInProcess(['backup', '--db', path]);
      expect(local.code).toBe(0);
      expect(local.stdout).toContain('已备份并校验');

      const listed = await runNuanjingInProcess(['backups', '--db', path, '--json']);
      expect(JSON.parse(listed.stdout).backups).toHaveLength(1);

      const unconfirmed = await runNuanjingInProcess(['restore', '--db', path, '--from', entry.path, '--password-file', passwordFile, '--json']);
      expect(unconfirmed.code).toBe(1);
      expect(JSON.parse(unconfirmed.stdout)).toMatchObject({ restored: false, preview: { encrypted: true } });
      writeFileSync(passwordFile, 'stick-password-2\n');
      const wrong = await runNuanjingInProcess(['restore', '--db', path, '--from', entry.path, '--password-file', passwordFile, '--yes']);
      expect(wrong.code).toBe(1);
      expect(wrong.stderr).toContain('备份密码不正确');
      expect((await runNuanjingInProcess(['restore', '--db', path, '--yes'])).code).toBe(2);
    } finally {
      stick.remove();
    }
  });
});

describe('a restore on a new PC', () => {
  it('cannot use the old PC’s keys, and re-pairs through the bureau’s re-issued setup file', async () => {
    const newPc = tempFolder('nuanjing-new-pc-');
    try {
      const pcClock = manualClock(TEST_EPOCH);
      const bureau = await createBureau('330100', '杭州市公安局', { clock: pcClock });
      // The old PC: a file ledger whose keys only its own passphrase unlocks.
      const oldPath = join(newPc.path, 'old.sqlite');
      const oldStore = await openAppLedger(oldPath, { appVersion: '0.1.0', wallClock: pcClock.read, keyWrapper: passphraseWrapper('old-pc-passphrase') });
      const station = await stationFromSetup(await openStationFile(bureau, '330102-01', '北山派出所'), { code: '330102-01', name: '北山派出所', store: oldStore });
      await station.client.call('staff.save', personInput(1, { name: '张伟' }));
      await carry(station, bureau);
      const backup = await backupLedger(oldStore, { reason: 'daily', now: pcClock.now, appVersion: '0.1.0' });
      oldStore.close();

      // The new PC restores the backup; it cannot unlock the old keys (another passphrase here).
      const newPath = join(newPc.path, 'new.sqlite');
      await restoreLedger({ ledgerPath: newPath, backupPath: backup.path, now: pcClock.now, appVersion: '0.1.0' });
      const restored = siteOf(await openAppLedger(newPath, { appVersion: '0.1.0', wallClock: pcClock.read, keyWrapper: passphraseWrapper('new-pc-passphrase') }), '330102-01', '北山派出所', '王丽');
      const locked = await refusal(restored.client.call('sync.exportBundle', { peerCode: '330100' }));
      expect(locked.code).toBe('KEY_PASSPHRASE_WRONG');
      // With the passphrase of another kind of protection (the desktop app's keystore), the message points to the re-issue.
      useKeyWrapper(restored.store, memoryWrapper());
      const otherPc = await refusal(restored.client.call('sync.exportBundle', { peerCode: '330100' }));
      expect(otherPc.code).toBe('KEYS_FROM_OTHER_COMPUTER');
      expect(otherPc.message).toContain('重新下发开通文件');

      // The bureau re-issues; the new PC registers it and syncs again, with new keys.
      const reissued = await bureau.client.call('sync.openStation', { code: '330102-01', name: '北山派出所', reissue: true });
      await restored.client.call('sync.joinParent', { fileName: reissued.fileName, bytesBase64: reissued.bytesBase64 });
      pcClock.advance(60_000);
      await restored.client.call('staff.save', personInput(2, { name: '李娜' }));
      const summary = await carry(restored, bureau);
      expect(summary.registeredSender).toBe(true);
      expect((await bureau.client.call('staff.list', {})).map((p) => p.name).sort()).toEqual(['张伟', '李娜'].sort());
      await expect(carry(bureau, restored)).resolves.toMatchObject({ senderCode: '330100' });
      restored.store.close();
    } finally {
      newPc.remove();
    }
  });
});

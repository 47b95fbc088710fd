// Opening the ledger in the desktop app: keys protected by safeStorage (or a passphrase given at
// start), a corrupt file refused with its latest good backup offered, the daily backup, and the
// relaunch after a restore. Shell file: it imports electron.
import { app, dialog } from 'electron';
import { readFileSync } from 'node:fs';
import { AppError } from '../../shared/contract/api-error';
import type { LedgerStore } from '../../db/ledger-store';
import type { AppDeps } from '../app-deps';
import { dailyBackupIfDue, openAppLedger, type CorruptLedgerDetails } from '../backup/app-ledger';
import { restoreLedger } from '../backup/ledger-restore';
import { KEY_PASSPHRASE_ENV, lockedWrapper, passphraseWrapper, type KeyWrapper } from '../keys/key-wrapper';
import { safeStorageKeyWrapper, safeStorageRefusal } from './safe-storage-keys';

/**
 * How this run protects the keys: a passphrase when one is given (`--key-passphrase-file=FILE` or
 * `NUANJING_KEY_PASSPHRASE`, e.g. a ledger first used in web mode), else safeStorage — or, where
 * safeStorage would keep them in plain text, nothing: sync says why, the rest works.
 */
function keyProtection(): { wrapper: KeyWrapper; usable: boolean } {
  const file = app.commandLine.getSwitchValue('key-passphrase-file');
  const passphrase = file ? (readFileSync(file, 'utf8').split(/\r?\n/)[0] ?? '') : process.env[KEY_PASSPHRASE_ENV];
  if (passphrase) return { wrapper: passphraseWrapper(passphrase), usable: true };
  const refusal = safeStorageRefusal();
  return refusal ? { wrapper: lockedWrapper(refusal), usable: false } : { wrapper: safeStorageKeyWrapper(), usable: true };
}

/** Asks whether to restore the latest good backup over a corrupt ledger; true when it was restored. */
async function offerLatestBackup(path: string, error: AppError): Promise<boolean> {
  const latest = (error.details as CorruptLedgerDetails | undefined)?.latestBackup;
  if (!latest) return false;
  const { response } = await dialog.showMessageBox({
    type: 'error',
    title: '暖警台账：数据文件已损坏',
    message: '数据文件已损坏，暖警台账不会打开它继续录入。',
    detail: `${error.message.split('\n')[0]}\n\n最近一次完好的备份：${latest.createdAt}（${latest.reasonLabel}）。\n恢复后，损坏的文件会另存到备份文件夹，供技术支持查看。`,
    buttons: ['从这个备份恢复', '退出'],
    defaultId: 0,
    cancelId: 1,
  });
  if (response !== 0) return false;
  await restoreLedger({ ledgerPath: path, backupPath: latest.path, now: Date.now(), appVersion: app.getVersion() });
  return true;
}

/**
 * Opens the ledger for the window. A corrupt file is never opened for writing: the latest good
 * backup is offered, restored on consent, and the restored file opened.
 * @throws AppError when the file cannot be opened (the caller shows it and exits).
 */
export async function openDesktopLedger(path: string): Promise<LedgerStore> {
  const keys = keyProtection();
  const open = () => openAppLedger(path, { appVersion: app.getVersion(), keyWrapper: keys.wrapper, protectClearKeys: keys.usable });
  let store: LedgerStore;
  try {
    store = await open();
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'DB_CORRUPT' || !(await offerLatestBackup(path, error))) throw error;
    store = await open();
  }
  // The daily backup, in the background: the window does not wait for it.
  void dailyBackupIfDue(store, app.getVersion()).catch((backupError: unknown) => console.error('[nuanjing] daily backup failed:', backupError));
  return store;
}

/** After a restore the app starts again on the restored ledger (a clean window, every slice reloaded). */
export function relaunchAfterRestore(deps: AppDeps): void {
  deps.onLedgerRestored = () => {
    // Let the restore's answer reach the window first.
    setTimeout(() => {
      deps.store.close();
      app.relaunch();
      app.exit(0);
    }, 300);
  };
}

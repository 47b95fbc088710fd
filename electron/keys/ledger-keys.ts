import { randomBytes } from 'node:crypto';
import { AppError } from '../../shared/contract/api-error';
import { getMeta, writeMeta, type LedgerStore } from '../../db/ledger-store';
import { gcmOpen, gcmSeal, KEY_PASSPHRASE_ENV, keyErrorCodes, lockedWrapper, memoryWrapper, passphraseWrapper, type KeyWrapKind, type KeyWrapper, type WrapRecord } from './key-wrapper';

/**
 * The ledger's data key: 32 random bytes made once per ledger that seal every secret the ledger
 * keeps (the site's private keys, setup secrets) with AES-256-GCM. It is stored only wrapped —
 * by the clerk's passphrase or by the operating system (see `key-wrapper.ts`) — in `meta`, so a copy
 * of the file (a backup on a stick) holds no usable key.
 */
const META_KEY_PROTECTION = 'key_protection';

/** What `meta.key_protection` holds: the data key wrapped one or more ways. */
interface KeyProtection {
  version: 1;
  wraps: Partial<Record<KeyWrapKind, WrapRecord>>;
}

/** A sealed secret in a text column starts with this (anything else is a secret still in clear). */
const SEALED_PREFIX = 'njsealed1:';

const attachedWrappers = new WeakMap<LedgerStore, KeyWrapper>();
const unlockedKeys = new WeakMap<LedgerStore, Buffer>();

const kindLabels: Record<KeyWrapKind, string> = { passphrase: '密钥口令', safeStorage: '电脑系统的密钥保护（桌面程序）', memory: '临时内存台账' };

/**
 * Sets how this store's keys are unlocked: the shell's `safeStorage` wrapper, the CLI's
 * passphrase, or a locked wrapper that explains how to give one. Without one, a file ledger uses
 * `NUANJING_KEY_PASSPHRASE` when set, an in-memory ledger a per-process key.
 */
export function useKeyWrapper(store: LedgerStore, wrapper: KeyWrapper): void {
  attachedWrappers.set(store, wrapper);
  unlockedKeys.delete(store);
}

/** The wrapper set with {@link useKeyWrapper}, to carry over to a store reopened on the same file. */
export function attachedKeyWrapper(store: LedgerStore): KeyWrapper | undefined {
  return attachedWrappers.get(store);
}

/** The data key when it can be unlocked here, else null (to hand to a job's worker). */
export function unlockedDataKeyOrNull(store: LedgerStore): Buffer | null {
  try {
    return ledgerDataKey(store);
  } catch {
    return null;
  }
}

/** Hands an already unlocked data key to another connection to the same file (a job's worker). */
export function useUnlockedKey(store: LedgerStore, dataKey: Uint8Array): void {
  unlockedKeys.set(store, Buffer.from(dataKey));
}

function wrapperOf(store: LedgerStore): KeyWrapper {
  const attached = attachedWrappers.get(store);
  if (attached) return attached;
  if (store.path === ':memory:') return memoryWrapper();
  const passphrase = process.env[KEY_PASSPHRASE_ENV];
  return passphrase ? passphraseWrapper(passphrase) : lockedWrapper();
}

function readProtection(store: LedgerStore): KeyProtection | null {
  const text = getMeta(store, META_KEY_PROTECTION);
  return text ? (JSON.parse(text) as KeyProtection) : null;
}

/** Whether the ledger's secrets are protected yet (a data key exists). */
export function hasKeyProtection(store: LedgerStore): boolean {
  return readProtection(store) !== null;
}

/** How the ledger's data key is wrapped (for the 备份 page and `info`). */
export function keyProtectionKinds(store: LedgerStore): KeyWrapKind[] {
  return Object.keys(readProtection(store)?.wraps ?? {}) as KeyWrapKind[];
}

/** The clerk's words for how the keys are protected. */
export function keyProtectionLabels(store: LedgerStore): string[] {
  return keyProtectionKinds(store).map((kind) => kindLabels[kind]);
}

/**
 * The data key, unlocked with this store's wrapper; made (and wrapped) on first need.
 * @throws AppError `KEYS_LOCKED`, `KEY_PASSPHRASE_WRONG`, `KEYS_FROM_OTHER_COMPUTER` — with what to do.
 */
export function ledgerDataKey(store: LedgerStore): Buffer {
  const protection = readProtection(store);
  const known = unlockedKeys.get(store);
  if (known && protection) return known;
  const wrapper = wrapperOf(store);
  if (!protection) {
    // A new ledger (or one from before key protection): a fresh key, wrapped the way this program can.
    const dataKey = known ?? randomBytes(32);
    const record = wrapper.wrap(dataKey);
    writeMeta(store, META_KEY_PROTECTION, JSON.stringify({ version: 1, wraps: { [wrapper.kind]: record } } satisfies KeyProtection));
    unlockedKeys.set(store, dataKey);
    return dataKey;
  }
  const record = protection.wraps[wrapper.kind];
  if (!record) {
    const kinds = Object.keys(protection.wraps) as KeyWrapKind[];
    throw new AppError(
      keyErrorCodes.otherComputer,
      `本台账的同步密钥由「${kinds.map((k) => kindLabels[k]).join('、')}」保护，这里无法解开（例如从备份恢复到了另一台电脑）。` +
        '数据都在，只是不能生成或导入同步文件：请向市局申请重新下发开通文件，在「数据同步 → 登记上级单位的开通文件」中登记后即可继续同步。',
    );
  }
  const dataKey = wrapper.unwrap(record);
  unlockedKeys.set(store, dataKey);
  return dataKey;
}

/** Whether a text is a sealed secret (not one still in clear). */
export function isSealedSecret(text: string): boolean {
  return text.startsWith(SEALED_PREFIX);
}

/** Seals a secret for storage in this ledger (a sealed one is returned unchanged). */
export function sealSecret(store: LedgerStore, plain: string): string {
  if (isSealedSecret(plain)) return plain;
  return SEALED_PREFIX + gcmSeal(ledgerDataKey(store), Buffer.from(plain, 'utf8'), Buffer.from(store.siteId)).toString('base64');
}

/**
 * Opens a secret kept by {@link sealSecret}; a secret still in clear (a ledger from before key
 * protection, not yet migrated) is returned as it is.
 */
export function openSecret(store: LedgerStore, text: string): string {
  if (!isSealedSecret(text)) return text;
  const plain = gcmOpen(ledgerDataKey(store), Buffer.from(text.slice(SEALED_PREFIX.length), 'base64'), Buffer.from(store.siteId));
  if (!plain) throw new AppError(keyErrorCodes.otherComputer, '本台账保存的密钥无法解开（文件可能被改动过）。请向市局申请重新下发开通文件后重新登记。');
  return plain.toString('utf8');
}

/**
 * Replaces the ledger's key protection by a fresh data key wrapped with this store's wrapper — only
 * when the old one cannot be unlocked here at all (a restore on another PC). Secrets sealed with the
 * old key are unusable from then on; the caller replaces them (new site keys, the re-issued setup
 * file's secret). A wrong passphrase is never a reason: it is refused, and nothing changes.
 */
export function replaceUnusableKeyProtection(store: LedgerStore): boolean {
  try {
    ledgerDataKey(store);
    return false;
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== keyErrorCodes.otherComputer) throw error;
  }
  const wrapper = wrapperOf(store);
  const dataKey = randomBytes(32);
  writeMeta(store, META_KEY_PROTECTION, JSON.stringify({ version: 1, wraps: { [wrapper.kind]: wrapper.wrap(dataKey) } } satisfies KeyProtection));
  unlockedKeys.set(store, dataKey);
  return true;
}

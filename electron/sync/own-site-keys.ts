import { getMeta, writeMeta, type LedgerStore } from '../../db/ledger-store';
import { AppError } from '../../shared/contract/api-error';
import { keyErrorCodes } from '../keys/key-wrapper';
import { openSecret, replaceUnusableKeyProtection, sealSecret } from '../keys/ledger-keys';
import { generateSiteKeys, publicKeysOf, siteKeysFingerprint, type SiteKeys, type SitePublicKeys } from './site-keys';

/**
 * Meta key of this installation's own key pairs: JSON of {@link SiteKeys} whose private keys are
 * sealed with the ledger's data key (see electron/keys/ledger-keys.ts); the public keys are in clear.
 */
export const META_SITE_KEYS = 'site_keys';

/**
 * This installation's signing and encryption key pairs, created on first need and kept in `meta`
 * (local, never synced; the private keys sealed). Call it outside a transaction that may be rolled
 * back (a dry run), so a key made on the way is not lost.
 * @throws AppError when the keys cannot be unlocked here (no passphrase, another PC's keys).
 */
export function ownSiteKeys(store: LedgerStore): SiteKeys {
  const stored = getMeta(store, META_SITE_KEYS);
  if (stored) {
    const keys = JSON.parse(stored) as Partial<SiteKeys>;
    if (typeof keys.signingPrivateKey !== 'string' || typeof keys.encryptionPrivateKey !== 'string') {
      throw new AppError(
        keyErrorCodes.otherComputer,
        '本台账是从备份恢复的，备份中不带本机的同步密钥。数据都在，只是不能生成或导入同步文件：请向市局申请重新下发开通文件，在「数据同步 → 登记上级单位的开通文件」中登记后即可继续同步。',
      );
    }
    return { ...(keys as SiteKeys), signingPrivateKey: openSecret(store, keys.signingPrivateKey), encryptionPrivateKey: openSecret(store, keys.encryptionPrivateKey) };
  }
  return newOwnSiteKeys(store);
}

/**
 * This installation's keys for a (re-)issued setup file: the existing ones when they can be
 * unlocked here; new ones when they cannot at all — a ledger restored on another PC, or from a
 * backup without keys. The bureau's new setup file authorises registering them. A wrong passphrase
 * is refused, never a reason to replace keys.
 */
export function ownSiteKeysForSetup(store: LedgerStore): SiteKeys {
  try {
    return ownSiteKeys(store);
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== keyErrorCodes.otherComputer) throw error;
  }
  replaceUnusableKeyProtection(store);
  return newOwnSiteKeys(store);
}

/** Makes (or replaces) this installation's key pairs, the private keys sealed. */
export function newOwnSiteKeys(store: LedgerStore): SiteKeys {
  const keys = generateSiteKeys();
  writeMeta(store, META_SITE_KEYS, JSON.stringify({ ...keys, signingPrivateKey: sealSecret(store, keys.signingPrivateKey), encryptionPrivateKey: sealSecret(store, keys.encryptionPrivateKey) }));
  return keys;
}

/** The public half of this installation's keys (no unlocking needed once they exist). */
export function ownPublicKeys(store: LedgerStore): SitePublicKeys {
  const stored = getMeta(store, META_SITE_KEYS);
  return publicKeysOf(stored ? (JSON.parse(stored) as SiteKeys) : ownSiteKeys(store));
}

/** This installation's key fingerprint, for comparing by phone. */
export function ownFingerprint(store: LedgerStore): string {
  return siteKeysFingerprint(ownPublicKeys(store));
}

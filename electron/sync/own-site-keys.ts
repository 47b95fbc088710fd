import { getMeta, writeMeta, type LedgerStore } from '../../db/ledger-store';
import { generateSiteKeys, publicKeysOf, siteKeysFingerprint, type SiteKeys, type SitePublicKeys } from './site-keys';

/** Meta key of this installation's own key pairs (JSON of {@link SiteKeys}). */
export const META_SITE_KEYS = 'site_keys';

/**
 * This installation's signing and encryption key pairs, created on first need and kept in `meta`
 * (local, never synced). Call it outside a transaction that may be rolled back (a dry run), so a
 * key made on the way is not lost.
 */
export function ownSiteKeys(store: LedgerStore): SiteKeys {
  const stored = getMeta(store, META_SITE_KEYS);
  if (stored) return JSON.parse(stored) as SiteKeys;
  const keys = generateSiteKeys();
  writeMeta(store, META_SITE_KEYS, JSON.stringify(keys));
  return keys;
}

/** The public half of this installation's keys. */
export function ownPublicKeys(store: LedgerStore): SitePublicKeys {
  return publicKeysOf(ownSiteKeys(store));
}

/** This installation's key fingerprint, for comparing by phone. */
export function ownFingerprint(store: LedgerStore): string {
  return siteKeysFingerprint(ownPublicKeys(store));
}

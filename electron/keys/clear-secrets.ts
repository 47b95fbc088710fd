import type BetterSqlite3 from 'better-sqlite3';
import type { LedgerStore } from '../../db/ledger-store';
import { META_SITE_KEYS } from '../sync/own-site-keys';
import { isSealedSecret, sealSecret } from './ledger-keys';

/**
 * Where a ledger keeps secrets: this site's private keys (`meta.site_keys`) and the setup-file
 * secrets of its peers (`sync_peer.setup_secret`). Ledgers from before key protection hold them in
 * clear; {@link protectClearSecrets} seals them, {@link scrubClearSecrets} drops them from a copy.
 */
const PRIVATE_KEY_FIELDS = ['signingPrivateKey', 'encryptionPrivateKey'] as const;

interface ClearSecrets {
  siteKeys: Record<string, string> | null;
  peers: { id: string; setup_secret: string }[];
}

function clearSecretsOf(sqlite: BetterSqlite3.Database): ClearSecrets {
  const text = (sqlite.prepare('SELECT value FROM meta WHERE key = ?').get(META_SITE_KEYS) as { value: string } | undefined)?.value;
  const keys = text ? (JSON.parse(text) as Record<string, string>) : null;
  const siteKeys = keys && PRIVATE_KEY_FIELDS.some((field) => typeof keys[field] === 'string' && !isSealedSecret(keys[field])) ? keys : null;
  const peers = (sqlite.prepare('SELECT id, setup_secret FROM sync_peer WHERE setup_secret IS NOT NULL').all() as { id: string; setup_secret: string }[]).filter(
    (peer) => !isSealedSecret(peer.setup_secret),
  );
  return { siteKeys, peers };
}

/** How many secrets a ledger still keeps in clear. */
export function countClearSecrets(sqlite: BetterSqlite3.Database): number {
  const found = clearSecretsOf(sqlite);
  return (found.siteKeys ? 1 : 0) + found.peers.length;
}

/**
 * Seals every secret still in clear (a ledger from before key protection, on its first open with a
 * passphrase or the desktop app's keystore), in one transaction. Returns how many it sealed.
 */
export function protectClearSecrets(store: LedgerStore): number {
  const found = clearSecretsOf(store.sqlite);
  if (!found.siteKeys && found.peers.length === 0) return 0;
  store.sqlite.transaction(() => {
    if (found.siteKeys) {
      const sealed = { ...found.siteKeys };
      for (const field of PRIVATE_KEY_FIELDS) if (typeof sealed[field] === 'string') sealed[field] = sealSecret(store, sealed[field]);
      store.sqlite.prepare('UPDATE meta SET value = ? WHERE key = ?').run(JSON.stringify(sealed), META_SITE_KEYS);
    }
    const update = store.sqlite.prepare('UPDATE sync_peer SET setup_secret = ? WHERE id = ?');
    for (const peer of found.peers) update.run(sealSecret(store, peer.setup_secret), peer.id);
  })();
  return (found.siteKeys ? 1 : 0) + found.peers.length;
}

/**
 * Drops every secret still in clear from a COPY of a ledger (a backup being made): the private keys
 * leave the site keys (the public ones stay), clear setup secrets become null. Sealed ones stay —
 * they are useless without the passphrase or the PC that sealed them.
 */
export function scrubClearSecrets(copy: BetterSqlite3.Database): number {
  const found = clearSecretsOf(copy);
  copy.transaction(() => {
    if (found.siteKeys) {
      const kept = { ...found.siteKeys };
      for (const field of PRIVATE_KEY_FIELDS) if (typeof kept[field] === 'string' && !isSealedSecret(kept[field])) delete kept[field];
      copy.prepare('UPDATE meta SET value = ? WHERE key = ?').run(JSON.stringify(kept), META_SITE_KEYS);
    }
    const update = copy.prepare('UPDATE sync_peer SET setup_secret = NULL WHERE id = ?');
    for (const peer of found.peers) update.run(peer.id);
  })();
  return (found.siteKeys ? 1 : 0) + found.peers.length;
}

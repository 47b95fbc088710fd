import { openBundle, sealBundle, type BundleHeader } from '../../electron/sync/bundle-envelope';
import { withFieldChanges, type BundlePayload, type WireChange } from '../../electron/sync/bundle-payload';
import { ownSiteKeys } from '../../electron/sync/own-site-keys';
import { MAX_BUNDLE_FILE_BYTES } from '../../electron/sync/sync-limits';
import { exportFor, type Site } from './sync-sites';

/**
 * Bundles as a clerk who owns their PC can make them: the sender's genuine bundle, opened, edited
 * and sealed again with the sender's REAL keys — so every check that a bundle is genuine passes,
 * and only the checks of what it is allowed to say stand between it and the receiver's data.
 */

/** Opens a bundle `from` sealed for `to`, with their real keys. */
/** A bundle's payload opened for crafting: every change one field each, in `changes`. */
export type CraftablePayload = ReturnType<typeof withFieldChanges<BundlePayload>>;

export function openCarried(from: Site, to: Site, bytes: Buffer): { header: BundleHeader; payload: CraftablePayload } {
  const opened = openBundle({
    bytes,
    senderSigningPublicKey: ownSiteKeys(from.store).signingPublicKey,
    recipientEncryptionPrivateKey: ownSiteKeys(to.store).encryptionPrivateKey,
    expectedRecipientSiteId: to.store.siteId,
    maxFileBytes: MAX_BUNDLE_FILE_BYTES,
    maxInflatedBytes: 64 * 1024 * 1024,
  });
  // Tests read and craft changes one field each: the genuine bundle's writes, as field changes.
  return { header: opened.header, payload: withFieldChanges(JSON.parse(opened.payload.toString('utf8')) as BundlePayload) };
}

/** Seals a header and payload as `from` (its real signing key) for `to`. */
export function sealAs(from: Site, to: Site, header: BundleHeader, payload: BundlePayload): Buffer {
  return sealBundle({
    header,
    payload: Buffer.from(JSON.stringify(payload), 'utf8'),
    senderSigningPrivateKey: ownSiteKeys(from.store).signingPrivateKey,
    recipientEncryptionPublicKey: ownSiteKeys(to.store).encryptionPublicKey,
  });
}

/**
 * `from`'s next genuine bundle for `to`, with `edit` applied to its payload (and header), sealed
 * again with `from`'s real keys.
 */
export async function craftedBundle(
  from: Site,
  to: Site,
  edit: (payload: CraftablePayload, header: BundleHeader) => void,
): Promise<{ fileName: string; bytes: Buffer }> {
  const genuine = await exportFor(from, to);
  const { header, payload } = openCarried(from, to, genuine.bytes);
  edit(payload, header);
  return { fileName: genuine.fileName, bytes: sealAs(from, to, header, payload) };
}

/** A timestamp of `site` at `millis` (epoch ms), as a wire change carries it. */
export function hlcAt(millis: number, siteId: string, counter = 0): string {
  return `${new Date(millis).toISOString()}-${counter.toString(16).padStart(4, '0')}-${siteId}`;
}

/** One wire change. */
export function wireChange(table: string, rowId: string, column: string, value: string | number | null, hlc: string, user = '冒名者'): WireChange {
  return { t: table, r: rowId, c: column, v: value, h: hlc, p: null, u: user };
}

import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { AppError } from '../../shared/contract/api-error';

/**
 * The public half of a site's keys, as base64 of DER (`spki`). This is what a peer registers for
 * the site (after comparing {@link keyFingerprint}s by phone) and what may be printed or exported.
 */
export interface SitePublicKeys {
  /** Ed25519 key that verifies the bundles this site signs. */
  signingPublicKey: string;
  /** X25519 key that peers encrypt bundles for this site with. */
  encryptionPublicKey: string;
}

/**
 * One site's (station's or bureau's) key pairs, every key as base64 of DER so it fits a SQLite
 * text column: public keys `spki`, private keys `pkcs8` (unencrypted — protect the database file).
 */
export interface SiteKeys extends SitePublicKeys {
  /** Ed25519 private key this site signs its bundles with. */
  signingPrivateKey: string;
  /** X25519 private key this site decrypts bundles addressed to it with. */
  encryptionPrivateKey: string;
}

/** Which of the four site keys a base64 string is expected to be. */
export type SiteKeyRole = 'signingPublic' | 'signingPrivate' | 'encryptionPublic' | 'encryptionPrivate';

/** Error code when a stored or pasted key is not a valid key of the expected kind. */
export const SITE_KEY_INVALID = 'SITE_KEY_INVALID';

const roleSpec: Record<SiteKeyRole, { visibility: 'public' | 'private'; type: 'ed25519' | 'x25519'; label: string }> = {
  signingPublic: { visibility: 'public', type: 'ed25519', label: '签名公钥' },
  signingPrivate: { visibility: 'private', type: 'ed25519', label: '签名私钥' },
  encryptionPublic: { visibility: 'public', type: 'x25519', label: '加密公钥' },
  encryptionPrivate: { visibility: 'private', type: 'x25519', label: '加密私钥' },
};

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Creates fresh Ed25519 (signing) and X25519 (encryption) key pairs for this site. */
export function generateSiteKeys(): SiteKeys {
  const signing = generateKeyPairSync('ed25519');
  const encryption = generateKeyPairSync('x25519');
  const keys = {
    signingPublicKey: exportPublic(signing.publicKey),
    signingPrivateKey: exportPrivate(signing.privateKey),
    encryptionPublicKey: exportPublic(encryption.publicKey),
    encryptionPrivateKey: exportPrivate(encryption.privateKey),
  };
  // The first bundle this site seals or opens uses the key objects just made, not their text parsed again.
  rememberImported(keys.signingPublicKey, 'signingPublic', signing.publicKey);
  rememberImported(keys.signingPrivateKey, 'signingPrivate', signing.privateKey);
  rememberImported(keys.encryptionPublicKey, 'encryptionPublic', encryption.publicKey);
  rememberImported(keys.encryptionPrivateKey, 'encryptionPrivate', encryption.privateKey);
  return keys;
}

/** The public half of a site's keys — never hand the private keys to anything that leaves the machine. */
export function publicKeysOf(keys: SiteKeys): SitePublicKeys {
  return { signingPublicKey: keys.signingPublicKey, encryptionPublicKey: keys.encryptionPublicKey };
}

/**
 * Parses a base64 DER key and checks that it is the expected kind (e.g. an Ed25519 public key).
 * @throws AppError `SITE_KEY_INVALID` with a Chinese message when it is not.
 */
export function importSiteKey(base64: string, role: SiteKeyRole): KeyObject {
  const cacheKey = `${role}:${base64}`;
  const cached = importedKeys.get(cacheKey);
  if (cached) return cached;
  const key = parseSiteKey(base64, role);
  rememberImported(base64, role, key);
  return key;
}

function rememberImported(base64: string, role: SiteKeyRole, key: KeyObject): void {
  if (importedKeys.size >= MAX_IMPORTED_KEYS) importedKeys.clear();
  importedKeys.set(`${role}:${base64}`, key);
}

/**
 * Keys already parsed, by role and text: a bureau importing sixty bundles parses its own keys and
 * each sender's once, not at every bundle (parsing a key costs as much as checking a signature).
 * Key objects are immutable; the cache is cleared whole when it holds too many.
 */
const importedKeys = new Map<string, KeyObject>();
const MAX_IMPORTED_KEYS = 512;

function parseSiteKey(base64: string, role: SiteKeyRole): KeyObject {
  const spec = roleSpec[role];
  const trimmed = base64.replace(/\s+/g, '');
  let key: KeyObject | null = null;
  if (BASE64.test(trimmed)) {
    const der = Buffer.from(trimmed, 'base64');
    try {
      key =
        spec.visibility === 'public'
          ? createPublicKey({ key: der, format: 'der', type: 'spki' })
          : createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
    } catch {
      key = null;
    }
  }
  if (!key || key.asymmetricKeyType !== spec.type) {
    throw new AppError(
      SITE_KEY_INVALID,
      `${spec.label}格式不正确（不是有效的密钥）。请重新复制完整的密钥；若是本机密钥损坏，请联系技术支持。`,
    );
  }
  return key;
}

/**
 * A short fingerprint of one public key (signing or encryption) for two clerks to compare by phone:
 * the first 80 bits of SHA-256 over the key's DER, as upper-case hex in groups of four, e.g.
 * `3F2A-91C0-7B1D-E044-A9C3`.
 * @throws AppError `SITE_KEY_INVALID` when the text is not an Ed25519 or X25519 public key.
 */
export function keyFingerprint(publicKeyBase64: string): string {
  return formatFingerprint(createHash('sha256').update(canonicalPublicDer(publicKeyBase64)).digest());
}

/**
 * One fingerprint covering both public keys of a site, so a single phone comparison also catches a
 * swapped encryption key. Same format as {@link keyFingerprint}.
 */
export function siteKeysFingerprint(keys: SitePublicKeys): string {
  const signing = exportPublic(importSiteKey(keys.signingPublicKey, 'signingPublic'));
  const encryption = exportPublic(importSiteKey(keys.encryptionPublicKey, 'encryptionPublic'));
  const hash = createHash('sha256').update('nuanjing-site-keys-v1\n');
  hash.update(`${signing}\n${encryption}`);
  return formatFingerprint(hash.digest());
}

function canonicalPublicDer(publicKeyBase64: string): Buffer {
  for (const role of ['signingPublic', 'encryptionPublic'] as const) {
    try {
      return publicDerOf(importSiteKey(publicKeyBase64, role));
    } catch {
      // try the other kind of public key
    }
  }
  throw new AppError(SITE_KEY_INVALID, '公钥格式不正确（不是有效的密钥）。请重新复制完整的公钥后再试。');
}

/**
 * A public key's DER (`spki`), exported once per key object: sealing and opening a bundle both bind
 * the recipient's public key into the AES key, and a bureau opens sixty bundles with one key.
 * Shared: read it, never write into it.
 */
export function publicDerOf(key: KeyObject): Buffer {
  let der = publicDers.get(key);
  if (!der) {
    der = key.export({ format: 'der', type: 'spki' });
    publicDers.set(key, der);
  }
  return der;
}

/** The public half of a private key, derived once per key object. */
export function publicKeyOfPrivate(privateKey: KeyObject): KeyObject {
  let publicKey = publicHalves.get(privateKey);
  if (!publicKey) {
    publicKey = createPublicKey(privateKey);
    publicHalves.set(privateKey, publicKey);
  }
  return publicKey;
}

const publicDers = new WeakMap<KeyObject, Buffer>();
const publicHalves = new WeakMap<KeyObject, KeyObject>();

function formatFingerprint(digest: Buffer): string {
  const hex = digest.subarray(0, 10).toString('hex').toUpperCase();
  return hex.match(/.{4}/g)!.join('-');
}

function exportPublic(key: KeyObject): string {
  return publicDerOf(key).toString('base64');
}

function exportPrivate(key: KeyObject): string {
  return key.export({ format: 'der', type: 'pkcs8' }).toString('base64');
}

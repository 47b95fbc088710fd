import { createCipheriv, createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes, sign } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  BUNDLE_FORMAT_VERSION,
  BundleError,
  bundleErrorMessages,
  openBundle,
  readBundleHeader,
  sealBundle,
  type BundleErrorCode,
  type BundleHeader,
  type OpenBundleInput,
} from '../../electron/sync/bundle-envelope';
import { generateSiteKeys, importSiteKey, keyFingerprint, publicKeysOf, siteKeysFingerprint } from '../../electron/sync/site-keys';

const station = generateSiteKeys();
const bureau = generateSiteKeys();
const intruder = generateSiteKeys();

const header: BundleHeader = {
  formatVersion: BUNDLE_FORMAT_VERSION,
  appVersion: '0.1.0',
  schemaVersion: '2026-11-23',
  senderSiteId: 'site-station-0001',
  senderCode: '110105-01',
  recipientSiteId: 'site-bureau-0001',
  recipientCode: '110105',
  createdAt: '2026-05-20T09:30:00+08:00',
  sequence: 7,
};
const payload = Buffer.from(JSON.stringify({ changes: [{ table: 'staff', id: '0196', column: 'name', value: '张伟' }] }), 'utf8');

function seal(overrides: Partial<BundleHeader> = {}, body: Buffer = payload, signer = station): Buffer {
  return sealBundle({
    header: { ...header, ...overrides },
    payload: body,
    senderSigningPrivateKey: signer.signingPrivateKey,
    recipientEncryptionPublicKey: bureau.encryptionPublicKey,
  });
}

function open(bytes: Buffer, overrides: Partial<OpenBundleInput> = {}): ReturnType<typeof openBundle> {
  return openBundle({
    bytes,
    senderSigningPublicKey: station.signingPublicKey,
    recipientEncryptionPrivateKey: bureau.encryptionPrivateKey,
    expectedRecipientSiteId: header.recipientSiteId,
    maxFileBytes: 10 * 1024 * 1024,
    maxInflatedBytes: 10 * 1024 * 1024,
    ...overrides,
  });
}

function refusal(action: () => unknown): BundleError {
  try {
    action();
  } catch (error) {
    if (error instanceof BundleError) return error;
    throw error;
  }
  throw new Error('expected the bundle to be refused');
}

function flip(bytes: Buffer, at: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[at] ^= 0x01;
  return copy;
}

/** Offsets of the six sections' contents, read from the length prefixes. */
function sectionStarts(bytes: Buffer): number[] {
  const starts: number[] = [];
  for (let offset = 8; offset < bytes.length; offset += 4 + bytes.readUInt32BE(offset)) starts.push(offset + 4);
  return starts;
}

describe('site keys', () => {
  it('are base64 DER of the right kinds, and the public half leaves the private keys out', () => {
    expect(importSiteKey(station.signingPublicKey, 'signingPublic').asymmetricKeyType).toBe('ed25519');
    expect(importSiteKey(station.signingPrivateKey, 'signingPrivate').asymmetricKeyType).toBe('ed25519');
    expect(importSiteKey(station.encryptionPublicKey, 'encryptionPublic').asymmetricKeyType).toBe('x25519');
    expect(importSiteKey(station.encryptionPrivateKey, 'encryptionPrivate').asymmetricKeyType).toBe('x25519');
    expect(publicKeysOf(station)).toEqual({ signingPublicKey: station.signingPublicKey, encryptionPublicKey: station.encryptionPublicKey });
    expect(station.signingPublicKey).not.toBe(bureau.signingPublicKey);
  });

  it('refuses a key of the wrong kind or pasted incompletely, in Chinese', () => {
    expect(() => importSiteKey(station.encryptionPublicKey, 'signingPublic')).toThrow(/签名公钥格式不正确/);
    expect(() => importSiteKey(station.signingPublicKey.slice(0, 20), 'signingPublic')).toThrow(expect.objectContaining({ code: 'SITE_KEY_INVALID' }));
    expect(() => keyFingerprint('不是密钥')).toThrow(/公钥格式不正确/);
  });

  it('gives stable grouped fingerprints a clerk can read out by phone', () => {
    const fingerprint = keyFingerprint(station.signingPublicKey);
    expect(fingerprint).toMatch(/^[0-9A-F]{4}(-[0-9A-F]{4}){4}$/);
    expect(keyFingerprint(station.signingPublicKey)).toBe(fingerprint);
    expect(keyFingerprint(bureau.signingPublicKey)).not.toBe(fingerprint);
    expect(keyFingerprint(station.encryptionPublicKey)).toMatch(/^[0-9A-F]{4}(-[0-9A-F]{4}){4}$/);
    const swapped = { ...publicKeysOf(station), encryptionPublicKey: intruder.encryptionPublicKey };
    expect(siteKeysFingerprint(swapped)).not.toBe(siteKeysFingerprint(publicKeysOf(station)));
  });
});

describe('sealed bundle', () => {
  it('round-trips header and payload, and the header is readable without any key', () => {
    const bytes = seal();
    expect(bytes.subarray(0, 8).toString('ascii')).toBe('NJBUNDLE');
    expect(readBundleHeader(bytes)).toEqual(header);
    expect(open(bytes)).toEqual({ header, payload });
  });

  it('does not carry the payload in clear text, and sealing twice gives different files', () => {
    const bytes = seal();
    expect(bytes.includes(Buffer.from('张伟', 'utf8'))).toBe(false);
    expect(seal().equals(bytes)).toBe(false);
  });

  it('round-trips an empty payload and a large one', () => {
    expect(open(seal({}, Buffer.alloc(0))).payload.length).toBe(0);
    const big = Buffer.from(Array.from({ length: 200_000 }, (_, i) => `行${i};`).join(''), 'utf8');
    expect(open(seal({}, big)).payload.equals(big)).toBe(true);
  });

  it('refuses an empty file', () => {
    expect(refusal(() => open(Buffer.alloc(0))).code).toBe('BUNDLE_EMPTY');
    expect(refusal(() => readBundleHeader(Buffer.alloc(0))).code).toBe('BUNDLE_EMPTY');
  });

  it('refuses a file over the size limit before reading it', () => {
    const error = refusal(() => open(Buffer.alloc(2048, 0xff), { maxFileBytes: 1024 }));
    expect(error.code).toBe('BUNDLE_TOO_LARGE');
    expect(refusal(() => open(seal(), { maxFileBytes: 100 })).code).toBe('BUNDLE_TOO_LARGE');
  });

  it('refuses random bytes and an Excel workbook as not a bundle, saying what to choose instead', () => {
    const noise = randomBytes(4096);
    const xlsx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]), Buffer.from('[Content_Types].xml')]);
    for (const bytes of [noise, xlsx, Buffer.from('NJB-not'), Buffer.from('{"formatVersion":1}')]) {
      const error = refusal(() => open(bytes));
      expect(error.code).toBe('BUNDLE_NOT_A_BUNDLE');
      expect(error.message).toContain('不是暖警台账的同步文件');
      expect(refusal(() => readBundleHeader(bytes)).code).toBe('BUNDLE_NOT_A_BUNDLE');
    }
  });

  it('refuses a file cut short at any point as truncated', () => {
    const bytes = seal();
    const starts = sectionStarts(bytes);
    const cuts = [3, 8, 10, 12, starts[0] + 5, starts[1] - 2, starts[2] + 3, starts[3] + 10, starts[5] - 4, starts[5] - 2, bytes.length - 1];
    for (const cut of cuts) {
      const error = refusal(() => open(bytes.subarray(0, cut)));
      expect({ cut, code: error.code }).toEqual({ cut, code: 'BUNDLE_TRUNCATED' });
      expect(error.message).toContain('不完整');
      expect(refusal(() => readBundleHeader(bytes.subarray(0, cut))).code).toBe('BUNDLE_TRUNCATED');
    }
  });

  it('refuses a file whose signature section is missing entirely as truncated', () => {
    const bytes = seal();
    const withoutSignature = bytes.subarray(0, sectionStarts(bytes)[5] - 4);
    expect(refusal(() => open(withoutSignature)).code).toBe('BUNDLE_TRUNCATED');
  });

  it('refuses a bundle from a newer format, naming the version to upgrade to', () => {
    const bytes = seal({ formatVersion: BUNDLE_FORMAT_VERSION + 1, appVersion: '2.3.0' });
    const error = refusal(() => open(bytes));
    expect(error.code).toBe('BUNDLE_NEWER_FORMAT');
    expect(error.message).toBe('此文件由暖警台账 2.3.0 生成，请先升级到 2.3.0 或更高版本再导入。');
    expect(refusal(() => readBundleHeader(bytes)).code).toBe('BUNDLE_NEWER_FORMAT');
    expect(open(bytes, { supportedFormatVersion: BUNDLE_FORMAT_VERSION + 1 }).payload).toEqual(payload);
  });

  it('refuses a bundle addressed to another site, naming that site', () => {
    const error = refusal(() => open(seal({ recipientSiteId: 'site-other-bureau', recipientCode: '110106' })));
    expect(error.code).toBe('BUNDLE_WRONG_RECIPIENT');
    expect(error.message).toContain('110106');
  });

  it('refuses a bundle signed by a key other than the registered sender key', () => {
    const error = refusal(() => open(seal({}, payload, intruder)));
    expect(error.code).toBe('BUNDLE_BAD_SIGNATURE');
    expect(error.message).toContain('110105-01');
  });

  it('refuses single flipped bytes in the header, key, iv, ciphertext, tag and signature as a bad signature', () => {
    const bytes = seal();
    const [headerStart, keyStart, ivStart, cipherStart, tagStart, signatureStart] = sectionStarts(bytes);
    const inHeaderValue = (text: string): number => headerStart + bytes.subarray(headerStart).indexOf(text);
    const positions = [
      inHeaderValue('110105-01') + 3, // senderCode
      inHeaderValue('2026-05-20T') + 6, // createdAt
      inHeaderValue('"sequence":7') + 11, // sequence 7 → 6
      keyStart + 20,
      ivStart + 5,
      cipherStart,
      cipherStart + Math.floor((tagStart - 4 - cipherStart) / 2),
      tagStart - 5,
      tagStart + 8,
      signatureStart,
      signatureStart + 40,
      bytes.length - 1,
    ];
    for (const at of positions) {
      expect({ at, code: refusal(() => open(flip(bytes, at))).code }).toEqual({ at, code: 'BUNDLE_BAD_SIGNATURE' });
    }
  });

  it('never accepts a file with any single byte flipped', () => {
    const bytes = seal({}, Buffer.from('{"changes":[]}'));
    const seen = new Set<BundleErrorCode>();
    for (let at = 0; at < bytes.length; at += 1) seen.add(refusal(() => open(flip(bytes, at))).code);
    expect(seen.has('BUNDLE_BAD_SIGNATURE')).toBe(true);
  });

  it('refuses a correctly signed bundle encrypted for another key as undecryptable', () => {
    const error = refusal(() => open(seal(), { recipientEncryptionPrivateKey: intruder.encryptionPrivateKey }));
    expect(error.code).toBe('BUNDLE_DECRYPT_FAILED');
    expect(error.message).toContain('公钥重新发给对方');
  });

  it('refuses a zip bomb without inflating it: 50 MB of zeros against a 10 MB limit', () => {
    const zeros = Buffer.alloc(50 * 1024 * 1024);
    const bytes = seal({}, zeros);
    expect(bytes.length).toBeLessThan(200 * 1024);
    const error = refusal(() => open(bytes, { maxInflatedBytes: 10 * 1024 * 1024 }));
    expect(error.code).toBe('BUNDLE_INFLATE_TOO_LARGE');
    expect(open(bytes, { maxInflatedBytes: zeros.length }).payload.length).toBe(zeros.length);
  });

  it('opens a file built by hand from the documented layout', () => {
    expect(open(sealByHand(gzipSync(payload)))).toEqual({ header, payload });
  });

  it('refuses a signed, decryptable file whose gzip data is broken as corrupt', () => {
    expect(refusal(() => open(sealByHand(gzipSync(payload).subarray(0, 12)))).code).toBe('BUNDLE_CORRUPT');
    expect(refusal(() => open(sealByHand(Buffer.from('not gzip at all')))).code).toBe('BUNDLE_CORRUPT');
  });

  it('keeps every message in Chinese with advice, and the caller-raised unknown-sender code names the sender', () => {
    for (const message of Object.values(bundleErrorMessages)) expect(message).toMatch(/请/);
    const unknown = new BundleError('BUNDLE_UNKNOWN_SENDER', { senderCode: '110105-09' });
    expect(unknown.code).toBe('BUNDLE_UNKNOWN_SENDER');
    expect(unknown.message).toContain('110105-09');
    expect(unknown.toBody()).toEqual({ code: 'BUNDLE_UNKNOWN_SENDER', message: unknown.message });
  });
});

/**
 * Builds a bundle by hand from the layout documented in bundle-envelope.ts, around any compressed
 * bytes — so a test can seal a broken gzip stream, and so the documented layout is checked by a
 * second, independent implementation.
 */
function sealByHand(compressed: Buffer): Buffer {
  const recipient = createPublicKey({ key: Buffer.from(bureau.encryptionPublicKey, 'base64'), format: 'der', type: 'spki' });
  const ephemeral = generateKeyPairSync('x25519');
  const ephemeralDer = ephemeral.publicKey.export({ format: 'der', type: 'spki' });
  const info = Buffer.concat([Buffer.from('nuanjing-bundle-v1'), recipient.export({ format: 'der', type: 'spki' })]);
  const shared = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: recipient });
  const key = Buffer.from(hkdfSync('sha256', shared, ephemeralDer, info, 32));
  const iv = randomBytes(12);
  const headerBytes = Buffer.from(JSON.stringify(header));
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(headerBytes);
  const ciphertext = Buffer.concat([cipher.update(compressed), cipher.final()]);
  const prefixed = (content: Buffer): Buffer[] => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(content.length);
    return [length, content];
  };
  const signed = Buffer.concat([Buffer.from('NJBUNDLE'), ...[headerBytes, ephemeralDer, iv, ciphertext, cipher.getAuthTag()].flatMap(prefixed)]);
  const signingKey = createPrivateKey({ key: Buffer.from(station.signingPrivateKey, 'base64'), format: 'der', type: 'pkcs8' });
  return Buffer.concat([signed, ...prefixed(sign(null, signed, signingKey))]);
}

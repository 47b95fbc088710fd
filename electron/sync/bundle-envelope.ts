/**
 * The sealed sync-bundle file: signed by the sender (Ed25519), encrypted for the recipient
 * (X25519 + HKDF-SHA256 + AES-256-GCM), payload gzipped. Knows nothing of the database.
 *
 * File layout (all lengths uint32 big-endian):
 * ```
 * "NJBUNDLE"                 8-byte magic
 * len | header               UTF-8 JSON {@link BundleHeader}; clear text, authenticated as GCM AAD
 * len | ephemeral key        X25519 public key of a fresh key pair, DER spki (44 bytes)
 * len | iv                   12 bytes
 * len | ciphertext           AES-256-GCM of gzip(payload, level 9)
 * len | tag                  GCM tag, 16 bytes
 * len | signature            Ed25519 over every byte above (magic through the tag section), 64 bytes
 * ```
 * Nothing may follow the signature. The AES key is HKDF-SHA256(ECDH(ephemeral, recipient),
 * salt = ephemeral key DER, info = "nuanjing-bundle-v1" + recipient key DER).
 *
 * Every format version keeps the magic, the length-prefixed sections and a first section of header
 * JSON carrying `formatVersion` and `appVersion`, so any version can tell a clerk what to upgrade to.
 */
import { createCipheriv, createDecipheriv, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { AppError } from '../../shared/contract/api-error';
import { importSiteKey, publicDerOf, publicKeyOfPrivate } from './site-keys';

/** The bundle format this code writes and reads. */
export const BUNDLE_FORMAT_VERSION = 1;

/** The clear-text header: who a bundle is from and for, readable without any key. */
export interface BundleHeader {
  formatVersion: number;
  /** Version of 暖警台账 that wrote the file; named when a clerk must upgrade. */
  appVersion: string;
  schemaVersion: string;
  senderSiteId: string;
  senderCode: string;
  recipientSiteId: string;
  recipientCode: string;
  /** ISO 8601 time the bundle was sealed. */
  createdAt: string;
  /** The sender's running number of bundles to this recipient. */
  sequence: number;
  /**
   * Optional: the sender's keys, for a recipient that has not registered them yet, authenticated
   * by the caller (e.g. an HMAC with the setup file's secret). Covered by the signature like the
   * rest of the header; this module neither requires nor checks it.
   */
  registration?: BundleRegistration;
}

/** The keys a new site announces in its first bundles (see {@link BundleHeader.registration}). */
export interface BundleRegistration {
  siteId: string;
  stationId: string;
  code: string;
  signingPublicKey: string;
  encryptionPublicKey: string;
  /** Base64 HMAC-SHA256 over the fields above with the setup file's secret. */
  mac: string;
}

/**
 * What is wrong with a bundle, and what the clerk should do — every bundle message lives here.
 * `{appVersion}`, `{senderCode}` and `{recipientCode}` are filled in from the file's header.
 */
export const bundleErrorMessages = {
  BUNDLE_EMPTY: '所选文件是空的（0 字节），可能拷贝没有完成。请让对方重新拷贝同步文件，拷贝完成后先“安全弹出”U盘再拔出。',
  BUNDLE_TOO_LARGE: '所选文件大小超出同步文件的上限，不像是暖警台账导出的同步文件，已拒绝导入。请确认选择的文件是否正确。',
  BUNDLE_NOT_A_BUNDLE: '所选文件不是暖警台账的同步文件（可能是 Excel 表格、压缩包或其他文件）。请选择对方用“导出同步文件”生成的文件。',
  BUNDLE_TRUNCATED: '同步文件不完整，可能拷贝时U盘被提前拔出。请让对方重新拷贝该文件（拷贝完成后先“安全弹出”再拔U盘）后再导入。',
  BUNDLE_NEWER_FORMAT: '此文件由暖警台账 {appVersion} 生成，请先升级到 {appVersion} 或更高版本再导入。',
  BUNDLE_WRONG_RECIPIENT: '此文件是发给「{recipientCode}」的，不是发给本单位的，不能导入。请确认选择的文件是否正确，或请对方重新导出发给本单位的文件。',
  BUNDLE_UNKNOWN_SENDER: '此文件自称来自「{senderCode}」，但本机还没有登记该单位的公钥，无法确认文件真伪。请先登记该单位的公钥（并电话核对密钥指纹）后再导入。',
  BUNDLE_BAD_SIGNATURE: '文件签名校验失败：文件在导出后被改动或损坏，或并非由「{senderCode}」导出，为安全起见已拒绝导入。请让对方重新导出；仍然失败时，请电话核对对方的密钥指纹。',
  BUNDLE_DECRYPT_FAILED: '无法解密：文件确由「{senderCode}」导出，但不是用本机当前的密钥加密的（本机可能重装过或更换过密钥）。请把本单位的公钥重新发给对方登记，再请对方重新导出。',
  BUNDLE_INFLATE_TOO_LARGE: '文件解压后的数据量超过允许的上限，为保护本机已拒绝导入。请让对方分几次导出（缩小时间范围），或联系技术支持。',
  BUNDLE_CORRUPT: '同步文件内容已损坏，无法读取。请让对方重新导出同步文件后再导入。',
} as const;

/** Stable English code of a bundle refusal. */
export type BundleErrorCode = keyof typeof bundleErrorMessages;

/** Values filled into a {@link bundleErrorMessages} template. */
export interface BundleErrorParams {
  appVersion?: string;
  senderCode?: string;
  recipientCode?: string;
}

const paramDefaults: Required<BundleErrorParams> = { appVersion: '更新的版本', senderCode: '对方单位', recipientCode: '其他单位' };

const CODE_CHARACTERS = /^[A-Za-z0-9-]{1,20}$/;
const VERSION_CHARACTERS = /^[0-9A-Za-z.+-]{1,40}$/;

/**
 * A unit code from a file's clear header, fit to echo to the clerk: only the characters a unit code
 * has (`330102-01`), else nothing. A header is the file's word until its signature checks out, so a
 * crafted "code" like 「市局信息中心：请拨打…核对」 never reaches a dialog.
 */
export function echoableCode(value: unknown): string | undefined {
  return typeof value === 'string' && CODE_CHARACTERS.test(value) ? value : undefined;
}

/** An app version from a file's header, fit to echo (`0.2.0`, `1.0.0-beta.1`), else nothing. */
export function echoableVersion(value: unknown): string | undefined {
  return typeof value === 'string' && VERSION_CHARACTERS.test(value) ? value : undefined;
}

/** A refused bundle. An `AppError`, so transports return its code and Chinese message as is. */
export class BundleError extends AppError {
  declare readonly code: BundleErrorCode;

  constructor(code: BundleErrorCode, params: BundleErrorParams = {}) {
    const message = bundleErrorMessages[code].replace(/\{(appVersion|senderCode|recipientCode)\}/g, (_m, key: keyof BundleErrorParams) => params[key] || paramDefaults[key]);
    super(code, message);
    this.name = 'BundleError';
  }
}

/** Arguments of {@link sealBundle}; keys are base64 DER as stored by `site-keys.ts`. */
export interface SealBundleInput {
  header: BundleHeader;
  /** The caller's serialized content (JSON bytes). */
  payload: Buffer;
  senderSigningPrivateKey: string;
  recipientEncryptionPublicKey: string;
}

/** Arguments of {@link openBundle}. */
export interface OpenBundleInput {
  bytes: Buffer;
  /** The registered Ed25519 key of the site named by `readBundleHeader(bytes).senderSiteId`. */
  senderSigningPublicKey: string;
  recipientEncryptionPrivateKey: string;
  /** This installation's site id; a bundle for any other site is refused. */
  expectedRecipientSiteId: string;
  /** Refuse larger files before parsing anything. */
  maxFileBytes: number;
  /** Refuse a payload that would inflate beyond this (never allocated: zlib stops first). At most 2^31 − 1. */
  maxInflatedBytes: number;
  /** Highest format version this build reads; defaults to {@link BUNDLE_FORMAT_VERSION}. */
  supportedFormatVersion?: number;
}

const MAGIC = Buffer.from('NJBUNDLE', 'ascii');
const HKDF_INFO = Buffer.from('nuanjing-bundle-v1', 'utf8');
const IV_BYTES = 12;
const TAG_BYTES = 16;
const SIGNATURE_BYTES = 64;
const V1_SECTIONS = 6;
const MAX_SECTIONS = 32;
const MAX_HEADER_BYTES = 64 * 1024;
const STRING_FIELDS = ['appVersion', 'schemaVersion', 'senderSiteId', 'senderCode', 'recipientSiteId', 'recipientCode', 'createdAt'] as const;

/**
 * Seals a payload for one recipient and returns the file bytes (layout in the module comment).
 * @throws TypeError when the header lacks a required field; AppError `SITE_KEY_INVALID` for a bad key.
 */
export function sealBundle(input: SealBundleInput): Buffer {
  const headerBytes = Buffer.from(JSON.stringify(input.header), 'utf8');
  if (headerBytes.length > MAX_HEADER_BYTES || validHeader(input.header, Number.MAX_SAFE_INTEGER) === null) {
    throw new TypeError('sealBundle: header is missing a required field or is too large');
  }
  const signingKey = importSiteKey(input.senderSigningPrivateKey, 'signingPrivate');
  const recipientKey = importSiteKey(input.recipientEncryptionPublicKey, 'encryptionPublic');
  const ephemeral = generateKeyPairSync('x25519');
  const ephemeralDer = ephemeral.publicKey.export({ format: 'der', type: 'spki' });
  const aesKey = deriveAesKey(diffieHellman({ privateKey: ephemeral.privateKey, publicKey: recipientKey }), ephemeralDer, recipientKey);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', aesKey, iv);
  cipher.setAAD(headerBytes);
  const ciphertext = Buffer.concat([cipher.update(gzipSync(input.payload, { level: 9 })), cipher.final()]);
  const signed = Buffer.concat([MAGIC, ...[headerBytes, ephemeralDer, iv, ciphertext, cipher.getAuthTag()].flatMap(section)]);
  return Buffer.concat([signed, ...section(sign(null, signed, signingKey))]);
}

/**
 * Reads the clear header without any key — to name the sender and pick its registered key before
 * {@link openBundle}. Not authenticated: trust nothing in it until `openBundle` succeeds.
 * @throws BundleError EMPTY, NOT_A_BUNDLE, TRUNCATED, NEWER_FORMAT or CORRUPT.
 */
export function readBundleHeader(bytes: Buffer, options: { supportedFormatVersion?: number } = {}): BundleHeader {
  return parseBundle(bytes, options.supportedFormatVersion ?? BUNDLE_FORMAT_VERSION).header;
}

/**
 * Checks and opens a bundle, in this order: empty, size, magic, truncation, format version,
 * signature, recipient, decryption, inflated size, gzip integrity. The signature comes before
 * anything the header says is acted on; the names in a refusal are the header's codes, limited to
 * the code characters ({@link echoableCode}) — callers that know the sender name it from their own
 * records instead.
 * @throws BundleError with the code of the first check that fails (see {@link bundleErrorMessages}).
 */
export function openBundle(input: OpenBundleInput): { header: BundleHeader; payload: Buffer } {
  const { bytes, maxFileBytes, maxInflatedBytes } = input;
  if (!Number.isSafeInteger(maxFileBytes) || maxFileBytes < 1) throw new RangeError('openBundle: maxFileBytes must be a positive integer');
  if (!Number.isSafeInteger(maxInflatedBytes) || maxInflatedBytes < 1 || maxInflatedBytes > 2 ** 31 - 1) {
    throw new RangeError('openBundle: maxInflatedBytes must be an integer from 1 to 2^31 - 1');
  }
  if (bytes.length === 0) throw new BundleError('BUNDLE_EMPTY');
  if (bytes.length > maxFileBytes) throw new BundleError('BUNDLE_TOO_LARGE');
  const parsed = parseBundle(bytes, input.supportedFormatVersion ?? BUNDLE_FORMAT_VERSION);
  const { header } = parsed;
  const names = { senderCode: echoableCode(header.senderCode), recipientCode: echoableCode(header.recipientCode) };
  const senderKey = importSiteKey(input.senderSigningPublicKey, 'signingPublic');
  if (!verify(null, bytes.subarray(0, parsed.signedLength), senderKey, parsed.signature)) throw new BundleError('BUNDLE_BAD_SIGNATURE', names);
  if (header.recipientSiteId !== input.expectedRecipientSiteId) throw new BundleError('BUNDLE_WRONG_RECIPIENT', names);

  const recipientPrivate = importSiteKey(input.recipientEncryptionPrivateKey, 'encryptionPrivate');
  let compressed: Buffer;
  try {
    const ephemeral = createPublicKey({ key: parsed.ephemeralDer, format: 'der', type: 'spki' });
    const shared = diffieHellman({ privateKey: recipientPrivate, publicKey: ephemeral });
    const decipher = createDecipheriv('aes-256-gcm', deriveAesKey(shared, parsed.ephemeralDer, publicKeyOfPrivate(recipientPrivate)), parsed.iv);
    decipher.setAAD(parsed.headerBytes);
    decipher.setAuthTag(parsed.tag);
    compressed = Buffer.concat([decipher.update(parsed.ciphertext), decipher.final()]);
  } catch {
    throw new BundleError('BUNDLE_DECRYPT_FAILED', names);
  }
  try {
    return { header, payload: gunzipSync(compressed, { maxOutputLength: maxInflatedBytes }) };
  } catch (error) {
    const tooLarge = error instanceof RangeError && (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';
    throw new BundleError(tooLarge ? 'BUNDLE_INFLATE_TOO_LARGE' : 'BUNDLE_CORRUPT', names);
  }
}

/**
 * Whether a bundle's Ed25519 signature verifies against `signingPublicKey` — without decrypting.
 * For a sender checking the file it just wrote (it cannot decrypt what it sealed for another site).
 * @throws BundleError when the bytes are not a well-formed bundle (see {@link readBundleHeader}).
 */
export function verifyBundleSignature(bytes: Buffer, signingPublicKey: string): boolean {
  const parsed = parseBundle(bytes, BUNDLE_FORMAT_VERSION);
  return verify(null, bytes.subarray(0, parsed.signedLength), importSiteKey(signingPublicKey, 'signingPublic'), parsed.signature);
}

interface ParsedBundle {
  header: BundleHeader;
  headerBytes: Buffer;
  ephemeralDer: Buffer;
  iv: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
  signature: Buffer;
  /** Bytes from offset 0 covered by the signature. */
  signedLength: number;
}

function parseBundle(bytes: Buffer, supportedFormatVersion: number): ParsedBundle {
  if (bytes.length === 0) throw new BundleError('BUNDLE_EMPTY');
  const magicSeen = bytes.subarray(0, MAGIC.length);
  if (!magicSeen.equals(MAGIC.subarray(0, magicSeen.length))) throw new BundleError('BUNDLE_NOT_A_BUNDLE');
  if (bytes.length < MAGIC.length) throw new BundleError('BUNDLE_TRUNCATED');

  const sections: Buffer[] = [];
  const ends: number[] = [];
  let offset = MAGIC.length;
  while (offset < bytes.length) {
    if (sections.length === MAX_SECTIONS) throw new BundleError('BUNDLE_CORRUPT');
    if (offset + 4 > bytes.length) throw new BundleError('BUNDLE_TRUNCATED');
    const end = offset + 4 + bytes.readUInt32BE(offset);
    if (end > bytes.length) throw new BundleError('BUNDLE_TRUNCATED');
    sections.push(bytes.subarray(offset + 4, end));
    ends.push(end);
    offset = end;
  }
  if (sections.length === 0) throw new BundleError('BUNDLE_TRUNCATED');

  const headerBytes = sections[0];
  const raw = headerBytes.length <= MAX_HEADER_BYTES ? parseJson(headerBytes) : undefined;
  const record = isRecord(raw) ? raw : {};
  if (typeof record.formatVersion === 'number' && Number.isSafeInteger(record.formatVersion) && record.formatVersion > supportedFormatVersion) {
    throw new BundleError('BUNDLE_NEWER_FORMAT', { appVersion: echoableVersion(record.appVersion) });
  }
  const header = validHeader(raw, supportedFormatVersion);
  if (!header) throw new BundleError('BUNDLE_CORRUPT');
  if (sections.length < V1_SECTIONS) throw new BundleError('BUNDLE_TRUNCATED');
  const [, ephemeralDer, iv, ciphertext, tag, signature] = sections;
  if (sections.length > V1_SECTIONS || iv.length !== IV_BYTES || tag.length !== TAG_BYTES || signature.length !== SIGNATURE_BYTES) {
    throw new BundleError('BUNDLE_CORRUPT');
  }
  return { header, headerBytes, ephemeralDer, iv, ciphertext, tag, signature, signedLength: ends[V1_SECTIONS - 2] };
}

function validHeader(raw: unknown, supportedFormatVersion: number): BundleHeader | null {
  if (!isRecord(raw)) return null;
  const { formatVersion, sequence } = raw;
  if (typeof formatVersion !== 'number' || !Number.isSafeInteger(formatVersion) || formatVersion < 1 || formatVersion > supportedFormatVersion) return null;
  if (typeof sequence !== 'number' || !Number.isSafeInteger(sequence) || sequence < 0) return null;
  const stringsOk = STRING_FIELDS.every((field) => {
    const value = raw[field];
    return typeof value === 'string' && value.length > 0 && value.length <= 200;
  });
  return stringsOk ? (raw as unknown as BundleHeader) : null;
}

function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function section(content: Buffer): Buffer[] {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(content.length);
  return [length, content];
}

function deriveAesKey(sharedSecret: Buffer, ephemeralDer: Buffer, recipientPublic: KeyObject): Buffer {
  const info = Buffer.concat([HKDF_INFO, publicDerOf(recipientPublic)]);
  return Buffer.from(hkdfSync('sha256', sharedSecret, ephemeralDer, info, 32));
}

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { isSiteId } from '../../shared/hybrid-logical-clock';
import type { BundleRegistration } from './bundle-envelope';
import { importSiteKey, siteKeysFingerprint } from './site-keys';
import { MAX_SETUP_FILE_BYTES } from './sync-limits';
import { syncErrors } from './sync-errors';

/**
 * The setup file (开通文件) a bureau issues for a station: who the station is (the id, code and
 * name the bureau gave it), who its bureau is (site id and public keys, so the station trusts the
 * bureau's bundles from the start), and a one-time secret with which the station's first bundle
 * proves it was set up from this very file (so the bureau does not register keys on first use).
 * JSON, handed over once (USB stick); re-issuing it makes the old file useless.
 */

export const SETUP_FILE_KIND = 'nuanjing-setup';
export const SETUP_FILE_VERSION = 1;
export const SETUP_FILE_EXTENSION = '.njsetup';
/** A setup file registers its station only within this many days of being issued, and only once. */
export const SETUP_FILE_VALID_DAYS = 30;

const base64Key = z.string().min(40).max(200);

export const setupFileSchema = z.object({
  kind: z.literal(SETUP_FILE_KIND),
  version: z.literal(SETUP_FILE_VERSION),
  station: z.object({
    id: z.string().min(1).max(64),
    code: z.string().regex(/^[A-Za-z0-9-]{2,20}$/),
    name: z.string().min(1).max(40),
    role: z.enum(['station', 'bureau']),
  }),
  bureau: z.object({
    code: z.string().regex(/^[A-Za-z0-9-]{2,20}$/),
    name: z.string().min(1).max(40),
    siteId: z.string().refine(isSiteId, '站点标识格式不正确'),
    stationId: z.string().min(1).max(64),
    signingPublicKey: base64Key,
    encryptionPublicKey: base64Key,
  }),
  /** Base64 of 32 random bytes. */
  secret: z.string().regex(/^[A-Za-z0-9+/]{43}=$/),
  /** China date-time the file was issued. */
  issuedAt: z.string().max(40),
  /** China date-time after which the bureau no longer accepts the registration it makes. */
  expiresAt: z.string().max(40),
});

export type SetupFile = z.infer<typeof setupFileSchema>;

/** A fresh setup secret (base64 of 32 random bytes). */
export function newSetupSecret(): string {
  return randomBytes(32).toString('base64');
}

/** The file name a setup file is saved under. */
export function setupFileName(stationCode: string): string {
  return `${stationCode}-开通文件${SETUP_FILE_EXTENSION}`;
}

export function serializeSetupFile(file: SetupFile): Buffer {
  return Buffer.from(JSON.stringify(file, null, 2), 'utf8');
}

/**
 * Reads a setup file, checking its shape and the bureau's keys.
 * @throws SyncError `SETUP_FILE_INVALID` with what is wrong.
 */
export function parseSetupFile(bytes: Buffer): SetupFile {
  if (bytes.length === 0) throw syncErrors.setupFileInvalid('文件是空的');
  if (bytes.length > MAX_SETUP_FILE_BYTES) throw syncErrors.setupFileInvalid('文件过大');
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw syncErrors.setupFileInvalid('内容不是开通文件的格式');
  }
  const parsed = setupFileSchema.safeParse(raw);
  if (!parsed.success) {
    const isSetup = typeof raw === 'object' && raw !== null && (raw as { kind?: unknown }).kind === SETUP_FILE_KIND;
    throw syncErrors.setupFileInvalid(isSetup ? '文件内容不完整或已损坏' : '内容不是开通文件的格式');
  }
  try {
    importSiteKey(parsed.data.bureau.signingPublicKey, 'signingPublic');
    importSiteKey(parsed.data.bureau.encryptionPublicKey, 'encryptionPublic');
  } catch {
    throw syncErrors.setupFileInvalid('其中上级单位的密钥已损坏');
  }
  return parsed.data;
}

/** The bureau's key fingerprint as written in a setup file. */
export function setupFileFingerprint(file: SetupFile): string {
  return siteKeysFingerprint({ signingPublicKey: file.bureau.signingPublicKey, encryptionPublicKey: file.bureau.encryptionPublicKey });
}

type RegistrationFields = Omit<BundleRegistration, 'mac'>;

function macOf(secret: string, fields: RegistrationFields): Buffer {
  const text = ['nuanjing-registration-v1', fields.siteId, fields.stationId, fields.code, fields.signingPublicKey, fields.encryptionPublicKey].join('\n');
  return createHmac('sha256', Buffer.from(secret, 'base64')).update(text, 'utf8').digest();
}

/** The registration block a station puts in the header of its bundles to the bureau. */
export function makeRegistration(secret: string, fields: RegistrationFields): BundleRegistration {
  return { ...fields, mac: macOf(secret, fields).toString('base64') };
}

export const registrationSchema = z.object({
  siteId: z.string().refine(isSiteId),
  stationId: z.string().min(1).max(64),
  code: z.string().min(1).max(20),
  signingPublicKey: base64Key,
  encryptionPublicKey: base64Key,
  mac: z.string().max(100),
});

/** Whether a registration block was made with `secret` (constant-time comparison). */
export function registrationMacValid(secret: string, registration: BundleRegistration): boolean {
  const expected = macOf(secret, registration);
  const given = Buffer.from(registration.mac, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

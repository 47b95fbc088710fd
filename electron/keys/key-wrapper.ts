import { createCipheriv, createDecipheriv, createHash, randomBytes, scryptSync } from 'node:crypto';
import { AppError } from '../../shared/contract/api-error';

/**
 * How this installation's data key is protected at rest, as kept in the ledger (`meta`): wrapped by
 * a passphrase (CLI, web mode) or by the operating system (Electron's `safeStorage`: DPAPI on
 * Windows, the keyring on Linux). The data key itself seals the private keys and setup secrets.
 */
export type KeyWrapKind = 'passphrase' | 'safeStorage' | 'memory';

/** One wrapped copy of the data key; its fields depend on the kind. */
export type WrapRecord = Record<string, string | number>;

/** Wraps and unwraps the ledger's data key one way (a passphrase, the OS keystore …). */
export interface KeyWrapper {
  readonly kind: KeyWrapKind;
  wrap(dataKey: Buffer): WrapRecord;
  /** @throws AppError (wrong passphrase, keystore unavailable) with the clerk's message. */
  unwrap(record: WrapRecord): Buffer;
}

/** Error codes of key protection. */
export const keyErrorCodes = {
  /** No way to unlock the keys here (no passphrase given, keystore missing). */
  locked: 'KEYS_LOCKED',
  /** The passphrase does not open this ledger's keys. */
  wrongPassphrase: 'KEY_PASSPHRASE_WRONG',
  /** The keys were protected on another computer or account (a restore on a new PC). */
  otherComputer: 'KEYS_FROM_OTHER_COMPUTER',
  /** The OS keystore would keep the keys in plain text (Linux `basic_text`). */
  weakKeystore: 'KEYSTORE_PLAIN_TEXT',
} as const;

/** Where the CLI and web mode read the passphrase from when no `--key-passphrase-file` is given. */
export const KEY_PASSPHRASE_ENV = 'NUANJING_KEY_PASSPHRASE';

/**
 * The passphrase of `serve --demo` (and `npm run web`) when none is given: **for the demo ledger
 * only** — anyone can read it here, so it protects nothing. A real ledger takes the clerk's own.
 */
export const DEMO_KEY_PASSPHRASE = 'nuanjing-demo-only';

/** scrypt cost: 2^15 × 8 × 128 B = 32 MB, about 0.1 s on a station PC — once per run, not per use. */
const SCRYPT = { N: 2 ** 15, r: 8, p: 1 } as const;
const SCRYPT_MAXMEM = 96 * 1024 * 1024;

/** Keys derived in this process, by passphrase, salt and cost (deriving costs 0.1 s). */
const derivedKeys = new Map<string, Buffer>();

/** The 32-byte key scrypt derives from a passphrase and salt (cached in this process). */
export function scryptKey(passphrase: string, salt: Buffer, cost: { N: number; r: number; p: number } = SCRYPT): Buffer {
  const cacheKey = createHash('sha256').update(`${passphrase}\u0000${salt.toString('base64')}\u0000${cost.N}/${cost.r}/${cost.p}`).digest('base64');
  const cached = derivedKeys.get(cacheKey);
  if (cached) return cached;
  const key = scryptSync(passphrase.normalize('NFC'), salt, 32, { ...cost, maxmem: SCRYPT_MAXMEM });
  if (derivedKeys.size > 64) derivedKeys.clear();
  derivedKeys.set(cacheKey, key);
  return key;
}

/** AES-256-GCM of `plain` under `key`: iv (12) | ciphertext | tag (16). */
export function gcmSeal(key: Buffer, plain: Buffer, aad?: Buffer): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  if (aad) cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]);
}

/** Opens {@link gcmSeal}'s output; null when the key is wrong or the bytes were altered. */
export function gcmOpen(key: Buffer, sealed: Buffer, aad?: Buffer): Buffer | null {
  if (sealed.length < 28) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
    if (aad) decipher.setAAD(aad);
    decipher.setAuthTag(sealed.subarray(sealed.length - 16));
    return Buffer.concat([decipher.update(sealed.subarray(12, sealed.length - 16)), decipher.final()]);
  } catch {
    return null;
  }
}

/** The clerk's messages of key protection. */
export const keyMessages = {
  noPassphrase: `本台账的同步密钥已加密保存，需要密钥口令才能使用：命令行请加 --key-passphrase-file 口令文件，或设置环境变量 ${KEY_PASSPHRASE_ENV}；在终端中运行时程序会提示输入。`,
  wrongPassphrase: '密钥口令不正确，无法解开本台账的同步密钥。请检查口令（区分大小写）后重试；数据没有改动。',
  emptyPassphrase: '密钥口令不能为空。请设一个至少8个字符、不要写在电脑上的口令。',
} as const;

/**
 * Wraps the data key with a passphrase: scrypt (random salt per ledger) → AES-256-GCM. A wrong
 * passphrase fails the GCM tag and is refused with {@link keyErrorCodes.wrongPassphrase}.
 */
export function passphraseWrapper(passphrase: string): KeyWrapper {
  if (passphrase.length === 0) throw new AppError(keyErrorCodes.locked, keyMessages.emptyPassphrase);
  return {
    kind: 'passphrase',
    wrap(dataKey) {
      const salt = randomBytes(16);
      return { kdf: 'scrypt', N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p, salt: salt.toString('base64'), sealed: gcmSeal(scryptKey(passphrase, salt), dataKey).toString('base64') };
    },
    unwrap(record) {
      const salt = Buffer.from(String(record.salt), 'base64');
      const key = scryptKey(passphrase, salt, { N: Number(record.N), r: Number(record.r), p: Number(record.p) });
      const dataKey = gcmOpen(key, Buffer.from(String(record.sealed), 'base64'));
      if (!dataKey) throw new AppError(keyErrorCodes.wrongPassphrase, keyMessages.wrongPassphrase);
      return dataKey;
    },
  };
}

/** A wrapper that cannot unlock anything: the CLI or web mode started without a passphrase. */
export function lockedWrapper(message: string = keyMessages.noPassphrase): KeyWrapper {
  const refuse = (): never => {
    throw new AppError(keyErrorCodes.locked, message);
  };
  return { kind: 'passphrase', wrap: refuse, unwrap: refuse };
}

/** The key of {@link memoryWrapper}: one per process, never written anywhere. */
const memoryKey = randomBytes(32);

/**
 * The wrapper of an in-memory ledger (tests, a `:memory:` demo): it never reaches a disk, so a
 * per-process key that dies with the process protects it.
 */
export function memoryWrapper(): KeyWrapper {
  return {
    kind: 'memory',
    wrap: (dataKey) => ({ sealed: gcmSeal(memoryKey, dataKey).toString('base64') }),
    unwrap(record) {
      const dataKey = gcmOpen(memoryKey, Buffer.from(String(record.sealed), 'base64'));
      if (!dataKey) throw new AppError(keyErrorCodes.otherComputer, '本台账的同步密钥属于另一个程序运行，无法解开。');
      return dataKey;
    },
  };
}

import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/**
 * scrypt cost: N = 2^14, r = 8, p = 1 (16 MiB, Node's default; some 50 ms on an office PC) — slow
 * enough that a copied ledger's hashes cannot be tried fast, quick enough for a sign-in. The cost
 * is stored with each hash, so a later build can raise it for new passwords.
 */
const COST = { N: 16384, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
const SALT_BYTES = 16;
const MAX_MEMORY = 64 * 1024 * 1024;

/** A password's stored form: `scrypt$N$r$p$salt$hash`, with a fresh random salt per account. */
export function hashPassword(password: string): string {
  const salt = randomBytes(SALT_BYTES);
  const hash = scryptSync(password.normalize('NFC'), salt, KEY_BYTES, { ...COST, maxmem: MAX_MEMORY });
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

/** Whether a password matches its stored form (compared in constant time; a malformed one never matches). */
export function passwordMatches(password: string, stored: string): boolean {
  const [scheme, n, r, p, saltText, hashText] = stored.split('$');
  if (scheme !== 'scrypt' || !saltText || !hashText) return false;
  const expected = Buffer.from(hashText, 'base64');
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  if (!Number.isInteger(cost.N) || !Number.isInteger(cost.r) || !Number.isInteger(cost.p) || expected.length !== KEY_BYTES) return false;
  const actual = scryptSync(password.normalize('NFC'), Buffer.from(saltText, 'base64'), KEY_BYTES, { ...cost, maxmem: MAX_MEMORY });
  return timingSafeEqual(actual, expected);
}

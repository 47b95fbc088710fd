import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';

/**
 * The account the test helpers sign in with, centrally: the web-mode pages and `callApi` (creating
 * it as the first 管理员 when the ledger has none), and the CLI helpers on a ledger that has
 * accounts. Named like the clerk the tests have always used, so the change log reads the same.
 */
export const TEST_CLERK = { name: '王丽', password: 'test-secret-1' } as const;

let passwordFile: string | undefined;

/** A file holding {@link TEST_CLERK}'s password (the CLI's `--user-password-file`). */
export function testClerkPasswordFile(): string {
  if (!passwordFile) {
    passwordFile = join(mkdtempSync(join(tmpdir(), 'nuanjing-clerk-')), 'password.txt');
    writeFileSync(passwordFile, `${TEST_CLERK.password}\n`);
  }
  return passwordFile;
}

/** Whether the ledger file has accounts (then the CLI needs `--user`). */
export function ledgerHasAccounts(dbPath: string): boolean {
  if (!existsSync(dbPath)) return false;
  let db: BetterSqlite3.Database | undefined;
  try {
    db = new BetterSqlite3(dbPath, { readonly: true, fileMustExist: true });
    const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'account'").get();
    return table !== undefined && db.prepare('SELECT 1 FROM account LIMIT 1').get() !== undefined;
  } catch {
    // Not a ledger (a test of a damaged file): the command under test says so itself.
    return false;
  } finally {
    db?.close();
  }
}

/** The CLI arguments with `--user` for {@link TEST_CLERK} added when the `--db` ledger has accounts and none is given. */
export function withTestClerk(args: string[]): string[] {
  const at = args.indexOf('--db');
  if (at < 0 || args.includes('--user') || !ledgerHasAccounts(args[at + 1] ?? '')) return args;
  return [...args, '--user', TEST_CLERK.name, '--user-password-file', testClerkPasswordFile()];
}

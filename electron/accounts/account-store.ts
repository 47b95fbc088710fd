import { chinaDateTimeOf } from '../../shared/china-date';
import { AppError, commonErrorCodes } from '../../shared/contract/api-error';
import type { AccountItem, AccountRole } from '../../shared/account-record';
import type { AccountTable } from '../../db/account-schema';
import type { LedgerStore } from '../../db/ledger-store';
import { hashPassword } from './password-hash';

/**
 * The accounts of this installation (local table `account`, never synced). Only the account
 * handlers write it; every call reads the caller's row through {@link accountById}.
 */

/** Whether this ledger has any account yet (none: the app asks for the first 管理员). */
export function accountsExist(store: LedgerStore): boolean {
  return store.sqlite.prepare('SELECT 1 FROM account LIMIT 1').get() !== undefined;
}

export function accountById(store: LedgerStore, id: string): AccountTable | undefined {
  return store.sqlite.prepare('SELECT * FROM account WHERE id = ?').get(id) as AccountTable | undefined;
}

export function accountByName(store: LedgerStore, name: string): AccountTable | undefined {
  return store.sqlite.prepare('SELECT * FROM account WHERE name = ?').get(name) as AccountTable | undefined;
}

/** An account row as the list shows it (never the hash). */
export function accountItemOf(row: AccountTable, now: number): AccountItem {
  return {
    id: row.id,
    name: row.name,
    role: row.role as AccountRole,
    health: row.health === 1,
    disabled: row.disabled_at !== null,
    mustChangePassword: row.must_change_password === 1,
    createdAt: row.created_at,
    lastSignInAt: row.last_sign_in_at,
    pausedUntil: row.paused_until !== null && row.paused_until > now ? chinaDateTimeOf(row.paused_until) : null,
  };
}

export function listAccounts(store: LedgerStore): AccountItem[] {
  const rows = store.sqlite.prepare('SELECT * FROM account ORDER BY disabled_at IS NOT NULL, created_at, name').all() as AccountTable[];
  return rows.map((row) => accountItemOf(row, store.now()));
}

/** How many enabled 管理员 accounts there are besides `exceptId`. */
function otherActiveAdmins(store: LedgerStore, exceptId: string): number {
  return (store.sqlite.prepare("SELECT count(*) AS n FROM account WHERE role = '管理员' AND disabled_at IS NULL AND id <> ?").get(exceptId) as { n: number }).n;
}

/** Refuses a change that would leave no enabled 管理员 (nobody could manage accounts any more). */
export function keepOneAdmin(store: LedgerStore, id: string, role: AccountRole, disabled: boolean): void {
  const row = accountById(store, id);
  const wasActiveAdmin = row?.role === '管理员' && row.disabled_at === null;
  if (wasActiveAdmin && (role !== '管理员' || disabled) && otherActiveAdmins(store, id) === 0) {
    throw new AppError('LAST_ADMIN', `「${row.name}」是唯一可用的管理员账号，不能改为其他角色或停用：请先新建或启用另一个管理员账号。`);
  }
}

export interface NewAccount {
  name: string;
  role: AccountRole;
  health: boolean;
  password: string;
  mustChangePassword?: boolean;
}

/** Adds an account; a name already taken is refused (names sign in and sign the change log). */
export function createAccount(store: LedgerStore, account: NewAccount): AccountTable {
  if (accountByName(store, account.name)) {
    throw new AppError('ACCOUNT_NAME_TAKEN', `已有名为「${account.name}」的账号：每个账号的姓名须不同（变更记录按姓名记录是谁修改的）。同名时可加区分，如「王丽（政工）」。`, {
      fields: { name: '已有同名账号' },
    });
  }
  const id = store.newId();
  store.sqlite
    .prepare('INSERT INTO account (id, name, role, health, password_hash, must_change_password, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(id, account.name, account.role, account.health ? 1 : 0, hashPassword(account.password), account.mustChangePassword ? 1 : 0, store.nowText());
  return accountById(store, id) as AccountTable;
}

/** The account row, or NOT_FOUND. */
export function requireAccount(store: LedgerStore, id: string): AccountTable {
  const row = accountById(store, id);
  if (!row) throw new AppError(commonErrorCodes.notFound, '没有这个账号（可能已被其他管理员改动），请刷新账号列表。');
  return row;
}

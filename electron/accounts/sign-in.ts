import { chinaDateTimeOf } from '../../shared/china-date';
import { AppError, commonErrorCodes } from '../../shared/contract/api-error';
import { FAILED_SIGN_INS_BEFORE_PAUSE, signInPauseMinutes } from '../../shared/account-record';
import type { AccountTable } from '../../db/account-schema';
import type { LedgerStore } from '../../db/ledger-store';
import { recordAccountEvent } from './account-events';
import { accountByName } from './account-store';
import type { CallerSession } from './caller-session';
import { passwordMatches } from './password-hash';

export const signInErrorCodes = {
  failed: 'SIGN_IN_FAILED',
  paused: 'SIGN_IN_PAUSED',
  disabled: 'ACCOUNT_DISABLED',
  wrongPassword: 'WRONG_PASSWORD',
} as const;

/** "请 3 分钟后（14:32 以后）再试". */
function waitText(store: LedgerStore, until: number): string {
  const minutes = Math.max(1, Math.ceil((until - store.now()) / 60_000));
  return `请 ${minutes} 分钟后（${chinaDateTimeOf(until).slice(11, 16)} 以后）再试`;
}

/** Refuses while sign-in is paused after wrong passwords, saying how long to wait. */
function refuseWhilePaused(store: LedgerStore, account: AccountTable, kind: 'signIn' | 'unlock'): void {
  if (account.paused_until === null || account.paused_until <= store.now()) return;
  recordAccountEvent(store, 'signInPaused', account.name, { detail: kind === 'unlock' ? '解锁' : '登录' });
  throw new AppError(
    signInErrorCodes.paused,
    `「${account.name}」的密码已连续输错 ${account.failed_sign_ins} 次，为防他人猜测密码，暂停登录：${waitText(store, account.paused_until)}。忘记密码请找管理员重置。`,
    { pausedUntil: chinaDateTimeOf(account.paused_until) },
  );
}

/**
 * Checks an account's password, counting wrong ones: from the fifth in a row sign-in pauses, one
 * minute and doubling with each further wrong password (at most an hour). A right password clears
 * the count. Refused while paused, even with the right password.
 */
export function verifyAccountPassword(store: LedgerStore, account: AccountTable, password: string, kind: 'signIn' | 'unlock'): void {
  refuseWhilePaused(store, account, kind);
  if (passwordMatches(password, account.password_hash)) {
    store.sqlite.prepare('UPDATE account SET failed_sign_ins = 0, paused_until = NULL WHERE id = ?').run(account.id);
    return;
  }
  const failures = account.failed_sign_ins + 1;
  const pause = signInPauseMinutes(failures);
  const pausedUntil = pause > 0 ? store.now() + pause * 60_000 : null;
  store.sqlite.prepare('UPDATE account SET failed_sign_ins = ?, paused_until = ? WHERE id = ?').run(failures, pausedUntil, account.id);
  recordAccountEvent(store, kind === 'unlock' ? 'unlockFailed' : 'signInFailed', account.name, { detail: `连续第 ${failures} 次` });
  if (pausedUntil !== null) {
    throw new AppError(
      signInErrorCodes.paused,
      `密码已连续输错 ${failures} 次，为防他人猜测密码，暂停登录：${waitText(store, pausedUntil)}。忘记密码请找管理员重置。`,
      { pausedUntil: chinaDateTimeOf(pausedUntil) },
    );
  }
  const left = FAILED_SIGN_INS_BEFORE_PAUSE - failures;
  throw new AppError(
    kind === 'unlock' ? signInErrorCodes.wrongPassword : signInErrorCodes.failed,
    `${kind === 'unlock' ? '密码不正确' : '姓名或密码不正确'}：请检查输入法和大小写后重试（再错 ${left} 次将暂停登录一段时间）。`,
    { attemptsLeft: left },
  );
}

/** Signs a session in to the named account (a wrong name reads like a wrong password). */
export function signIn(store: LedgerStore, session: CallerSession, name: string, password: string): AccountTable {
  const account = accountByName(store, name);
  if (!account) {
    recordAccountEvent(store, 'signInFailed', name, { detail: '没有这个账号' });
    throw new AppError(signInErrorCodes.failed, '姓名或密码不正确：请检查输入法和大小写后重试。');
  }
  verifyAccountPassword(store, account, password, 'signIn');
  if (account.disabled_at !== null) {
    recordAccountEvent(store, 'signInFailed', name, { detail: '账号已停用' });
    throw new AppError(signInErrorCodes.disabled, `「${name}」的账号已停用，不能登录。如需恢复，请联系本单位的管理员。`);
  }
  store.sqlite.prepare('UPDATE account SET last_sign_in_at = ? WHERE id = ?').run(store.nowText(), account.id);
  session.accountId = account.id;
  session.locked = false;
  recordAccountEvent(store, 'signIn', name);
  return account;
}

/** The signed-in account of a session, or UNAUTHORIZED. */
export function signedInAccount(store: LedgerStore, session: CallerSession | undefined): AccountTable {
  const account = session?.accountId ? (store.sqlite.prepare('SELECT * FROM account WHERE id = ?').get(session.accountId) as AccountTable | undefined) : undefined;
  if (!account) throw new AppError(commonErrorCodes.unauthorized, '还没有登录：请先登录暖警台账。');
  return account;
}

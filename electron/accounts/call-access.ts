import { roleAllows, type AccountRole } from '../../shared/account-record';
import { apiContract, type MethodName } from '../../shared/contract/api-contract';
import { commonErrorCodes, type ApiErrorBody } from '../../shared/contract/api-error';
import { methodAccess } from '../../shared/contract/method-access';
import type { WriteActor } from '../../db/write-path';
import type { AppDeps } from '../app-deps';
import { readSettings } from '../handlers/app-handlers';
import { recordAccountEvent } from './account-events';
import { accountById, accountsExist } from './account-store';
import type { CallerIdentity, CallerSession } from './caller-session';

/** Codes of a refused call besides FORBIDDEN and UNAUTHORIZED. */
export const accessErrorCodes = {
  locked: 'SESSION_LOCKED',
  passwordChangeRequired: 'PASSWORD_CHANGE_REQUIRED',
} as const;

/** A health read of the same list or person by the same session is recorded once in this span. */
const HEALTH_READ_LOG_SPAN_MS = 10 * 60_000;

export type AccessVerdict = { ok: true; caller: CallerIdentity; user: WriteActor } | { ok: false; error: ApiErrorBody };

/** The ledger has no accounts yet, or the process calls itself: full rights, under the operator's name. */
function unprotected(deps: AppDeps): AccessVerdict {
  return { ok: true, caller: { name: deps.user.userName, role: '管理员', health: true, signedIn: false }, user: deps.user };
}

/** What the refused call was, in the clerk's words (the contract's one-line summary). */
function whatTheCallDoes(name: MethodName): string {
  // The summary's head only: what follows its 「：」 or 「；」 explains the call to developers
  // (argument names); a head that only says who calls it (市局：…) keeps the sentence after it.
  const parts = apiContract[name].summary.replace(/（[^）]*）/g, '').split(/[：；]/);
  return `「${parts[0].length > 2 || parts.length === 1 ? parts[0] : parts[1]}」`;
}

/**
 * The idle lock on the server's side (设置 → 无操作多少分钟后自动锁定): a person's signed-in session
 * that made no call for that time is locked, so a browser left open or closed on a shared PC does not
 * stay signed in on the server; the lock screen then asks for the password, and any call but the
 * login screen's gets `SESSION_LOCKED`. A locked session's time starts again once it is unlocked.
 */
function lockWhenIdle(deps: AppDeps, session: CallerSession, accountName: string): void {
  if (session.locked) {
    session.lastCallAt = null;
    return;
  }
  const now = deps.store.now();
  const idleMs = readSettings(deps)['accounts.idleLockMinutes'] * 60_000;
  if (session.lastCallAt !== null && idleMs > 0 && now - session.lastCallAt >= idleMs) {
    session.locked = true;
    session.lastCallAt = null;
    recordAccountEvent(deps.store, 'lock', accountName, { detail: `超过 ${idleMs / 60_000} 分钟无操作，自动锁定` });
    return;
  }
  session.lastCallAt = now;
}

/** A call that ran long (an import) counts as the session's activity until it ends, not only from its start. */
export function noteCallEnded(deps: AppDeps, session: CallerSession): void {
  if (session.lastCallAt !== null && !session.locked) session.lastCallAt = Math.max(session.lastCallAt, deps.store.now());
}

/**
 * Whether `session` may make the call `name`, by the access declared for it in
 * `shared/contract/method-access.ts` — the one place every call of every transport is checked.
 * A ledger without accounts (before its first 管理员) and the main process's own session are not
 * restricted; once signed in, an account's role, its health permission, a lock and a pending
 * password change decide.
 */
export function checkCallAccess(deps: AppDeps, session: CallerSession, name: MethodName): AccessVerdict {
  const access = methodAccess[name];
  if (session.kind === 'identity' && session.identity) {
    return { ok: true, caller: session.identity, user: { userName: session.identity.name } };
  }
  const account = session.accountId ? accountById(deps.store, session.accountId) : undefined;
  if (session.accountId && (!account || account.disabled_at !== null)) {
    session.accountId = null;
    session.locked = false;
  }
  if (!account || account.disabled_at !== null) {
    session.lastCallAt = null;
    if (session.kind === 'process' || !accountsExist(deps.store)) return unprotected(deps);
    if (access.role === 'public') return { ok: true, caller: { name: '', role: '查看', health: false, signedIn: false }, user: deps.user };
    return { ok: false, error: { code: commonErrorCodes.unauthorized, message: '请先登录暖警台账：本机已启用账号，登录后才能查看和修改台账。' } };
  }
  const caller: CallerIdentity = { name: account.name, role: account.role as AccountRole, health: account.health === 1, signedIn: true };
  const user = { userName: account.name };
  if (session.kind === 'transport') lockWhenIdle(deps, session, account.name);
  if (access.role === 'public') return { ok: true, caller, user };
  if (session.locked) {
    return { ok: false, error: { code: accessErrorCodes.locked, message: `屏幕已锁定：请输入「${account.name}」的密码解锁后再操作，或退出后换人登录。` } };
  }
  if (account.must_change_password === 1 && !name.startsWith('account.') && name !== 'app.info') {
    return { ok: false, error: { code: accessErrorCodes.passwordChangeRequired, message: '管理员重置了您的密码：请先设置一个只有您知道的新密码，再继续使用。' } };
  }
  if (!roleAllows(caller.role, access.role)) {
    const needed = access.role === '管理员' ? '「管理员」' : `「${access.role}」或以上`;
    return {
      ok: false,
      error: { code: commonErrorCodes.forbidden, message: `您的账号「${account.name}」是「${caller.role}」角色，不能办理${whatTheCallDoes(name)}：这项操作需要${needed}权限。如确需办理，请联系本单位的管理员。` },
    };
  }
  if (access.health === 'details' && !caller.health) {
    return {
      ok: false,
      error: {
        code: commonErrorCodes.forbidden,
        message: `您的账号「${account.name}」没有健康信息权限，不能办理${whatTheCallDoes(name)}。健康信息属于敏感个人信息（个人信息保护法第二十八条），只有经授权的人员可以查看；如工作需要，请管理员在「设置 → 账号」中为您开通。`,
      },
    };
  }
  return { ok: true, caller, user };
}

/**
 * Records a read of people's health details by a signed-in user (登录与查阅记录), once per person or
 * list and session in {@link HEALTH_READ_LOG_SPAN_MS}: a page that refreshes is one read.
 */
export function recordHealthRead(deps: AppDeps, session: CallerSession, name: MethodName, args: unknown): void {
  const kind = methodAccess[name].logsHealthRead;
  if (!kind || !deps.caller.signedIn) return;
  const staffId = kind === 'person' ? String((args as { staffId?: unknown }).staffId ?? '') : null;
  const key = `${name}:${staffId ?? ''}`;
  const now = deps.store.now();
  const last = session.healthReadsLogged.get(key);
  if (last !== undefined && now - last < HEALTH_READ_LOG_SPAN_MS) return;
  session.healthReadsLogged.set(key, now);
  recordAccountEvent(deps.store, 'healthRead', deps.caller.name, { staffId, detail: whatTheCallDoes(name) });
}

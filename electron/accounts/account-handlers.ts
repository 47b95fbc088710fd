import { AppError, commonErrorCodes } from '../../shared/contract/api-error';
import type { AccountRole, AccountStatus } from '../../shared/account-record';
import type { AppDeps } from '../app-deps';
import { readSettings } from '../handlers/app-handlers';
import type { HandlerTable } from '../handlers/handler-registry';
import { listAccountEvents, recordAccountEvent } from './account-events';
import { accountById, accountItemOf, accountsExist, createAccount, keepOneAdmin, listAccounts, requireAccount } from './account-store';
import { hashPassword, passwordMatches } from './password-hash';
import { demoAccountsHint } from './demo-accounts';
import { signedInAccount, signIn, verifyAccountPassword } from './sign-in';

/** What the login screen and the frame show: accounts or none, who is signed in, locked or not. */
export function accountStatusOf(deps: AppDeps): AccountStatus {
  const session = deps.session;
  const exist = accountsExist(deps.store);
  const account = session?.accountId ? accountById(deps.store, session.accountId) : undefined;
  const demo = demoAccountsHint(deps.store);
  const signedIn = account && account.disabled_at === null ? account : undefined;
  // The main process's own session (tests, tools) acts as the operator until it signs in.
  const processActs = !signedIn && session?.kind !== 'transport';
  return {
    accountsExist: exist,
    user: signedIn
      ? { name: signedIn.name, role: signedIn.role as AccountRole, health: signedIn.health === 1, mustChangePassword: signedIn.must_change_password === 1 }
      : processActs
        ? { name: deps.user.userName, role: '管理员', health: true, mustChangePassword: false }
        : null,
    locked: Boolean(signedIn && session?.locked),
    idleLockMinutes: readSettings(deps)['accounts.idleLockMinutes'],
    demoAccounts: demo?.accounts ?? null,
    demoPassword: demo?.password ?? null,
  };
}

function describeRights(role: AccountRole, health: boolean): string {
  return `角色「${role}」，${health ? '有' : '无'}健康信息权限`;
}

/**
 * The account calls (账号). Which of them need which role is declared in
 * `shared/contract/method-access.ts` like every other call; these handlers keep the rules of the
 * accounts themselves (one name per account, always one enabled 管理员, passwords hashed).
 */
export const accountHandlers: HandlerTable = {
  'account.status': (deps) => accountStatusOf(deps),

  'account.createFirstAdmin': (deps, args) => {
    if (accountsExist(deps.store)) {
      throw new AppError(commonErrorCodes.alreadySetUp, '本机已有管理员账号，不能再次创建：请用已有账号登录；忘记密码请找其他管理员重置。');
    }
    const account = deps.store.transaction(() => {
      const created = createAccount(deps.store, { name: args.name, role: '管理员', health: true, password: args.password });
      recordAccountEvent(deps.store, 'accountCreated', args.name, { detail: `首次使用创建的管理员账号，${describeRights('管理员', true)}` });
      return created;
    });
    if (deps.session) {
      deps.session.accountId = account.id;
      deps.session.locked = false;
    }
    recordAccountEvent(deps.store, 'signIn', account.name);
    return accountStatusOf(deps);
  },

  'account.signIn': (deps, args) => {
    if (!deps.session) throw new AppError(commonErrorCodes.unauthorized, '这个连接不能登录。');
    signIn(deps.store, deps.session, args.name, args.password);
    return accountStatusOf(deps);
  },

  'account.signOut': (deps) => {
    const session = deps.session;
    const account = session?.accountId ? accountById(deps.store, session.accountId) : undefined;
    if (session && account) {
      recordAccountEvent(deps.store, 'signOut', account.name);
      session.accountId = null;
      session.locked = false;
    }
    return accountStatusOf(deps);
  },

  'account.lock': (deps) => {
    const session = deps.session;
    const account = session?.accountId ? accountById(deps.store, session.accountId) : undefined;
    if (session && account && !session.locked) {
      session.locked = true;
      recordAccountEvent(deps.store, 'lock', account.name);
    }
    return accountStatusOf(deps);
  },

  'account.unlock': (deps, args) => {
    const account = signedInAccount(deps.store, deps.session);
    verifyAccountPassword(deps.store, account, args.password, 'unlock');
    if (deps.session) deps.session.locked = false;
    recordAccountEvent(deps.store, 'unlock', account.name);
    return accountStatusOf(deps);
  },

  'account.changePassword': (deps, args) => {
    const account = signedInAccount(deps.store, deps.session);
    verifyAccountPassword(deps.store, account, args.current, 'unlock');
    if (passwordMatches(args.next, account.password_hash)) {
      throw new AppError('SAME_PASSWORD', '新密码与原密码相同：请换一个新密码。', { fields: { next: '新密码与原密码相同' } });
    }
    deps.store.sqlite.prepare('UPDATE account SET password_hash = ?, must_change_password = 0 WHERE id = ?').run(hashPassword(args.next), account.id);
    recordAccountEvent(deps.store, 'passwordChanged', account.name);
    return accountStatusOf(deps);
  },

  'account.list': (deps) => listAccounts(deps.store),

  'account.save': (deps, args) => {
    const store = deps.store;
    return store.transaction(() => {
      if (!args.id) {
        if (!args.password) throw new AppError(commonErrorCodes.invalidArgument, '新建账号须设置初始密码（至少6位）。', { fields: { password: '请设置初始密码' } });
        const created = createAccount(store, { name: args.name, role: args.role, health: args.health, password: args.password, mustChangePassword: true });
        recordAccountEvent(store, 'accountCreated', deps.caller.name, { detail: `新建账号「${args.name}」：${describeRights(args.role, args.health)}` });
        return accountItemOf(created, store.now());
      }
      const before = requireAccount(store, args.id);
      keepOneAdmin(store, args.id, args.role, before.disabled_at !== null);
      if (args.name !== before.name && store.sqlite.prepare('SELECT 1 FROM account WHERE name = ? AND id <> ?').get(args.name, args.id)) {
        throw new AppError('ACCOUNT_NAME_TAKEN', `已有名为「${args.name}」的账号：每个账号的姓名须不同。`, { fields: { name: '已有同名账号' } });
      }
      store.sqlite.prepare('UPDATE account SET name = ?, role = ?, health = ? WHERE id = ?').run(args.name, args.role, args.health ? 1 : 0, args.id);
      const renamed = args.name !== before.name ? `姓名「${before.name}」→「${args.name}」，` : '';
      recordAccountEvent(store, 'accountChanged', deps.caller.name, {
        detail: `修改账号「${args.name}」：${renamed}${describeRights(before.role as AccountRole, before.health === 1)} → ${describeRights(args.role, args.health)}`,
      });
      return accountItemOf(requireAccount(store, args.id), store.now());
    });
  },

  'account.resetPassword': (deps, args) => {
    const account = requireAccount(deps.store, args.id);
    deps.store.sqlite
      .prepare('UPDATE account SET password_hash = ?, must_change_password = 1, failed_sign_ins = 0, paused_until = NULL WHERE id = ?')
      .run(hashPassword(args.password), account.id);
    recordAccountEvent(deps.store, 'passwordReset', deps.caller.name, { detail: `重置「${account.name}」的密码（下次登录须修改）` });
    return accountItemOf(requireAccount(deps.store, args.id), deps.store.now());
  },

  'account.setDisabled': (deps, args) => {
    const account = requireAccount(deps.store, args.id);
    if (args.disabled && deps.session?.accountId === account.id) {
      throw new AppError('OWN_ACCOUNT', '不能停用自己正在使用的账号：请由另一位管理员操作。');
    }
    keepOneAdmin(deps.store, account.id, account.role as AccountRole, args.disabled);
    deps.store.sqlite.prepare('UPDATE account SET disabled_at = ? WHERE id = ?').run(args.disabled ? deps.store.nowText() : null, account.id);
    recordAccountEvent(deps.store, args.disabled ? 'accountDisabled' : 'accountEnabled', deps.caller.name, { detail: `「${account.name}」` });
    return accountItemOf(requireAccount(deps.store, args.id), deps.store.now());
  },

  'account.events': (deps, args) => listAccountEvents(deps.store, args),
};

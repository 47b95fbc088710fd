import { existsSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { ApiClient } from '../../shared/contract/api-contract';
import type { LedgerStore } from '../../db/ledger-store';
import { openAppLedger } from '../backup/app-ledger';
import type { KeyWrapper } from '../keys/key-wrapper';
import { APP_VERSION, createAppDeps, type AppDeps } from '../app-deps';
import { createHandlerRegistry } from '../handlers/all-handlers';
import type { HandlerRegistry } from '../handlers/handler-registry';
import { createInProcessClient } from '../transports/in-process-client';
import { chromiumPdfRenderer } from '../print/chromium-pdf';
import { META_OPERATOR } from '../station/local-station';
import { getMeta } from '../../db/ledger-store';
import { roleAllows, type AccountRole } from '../../shared/account-record';
import { accountsExist } from '../accounts/account-store';
import { CallerSession } from '../accounts/caller-session';
import { passwordFromFile, promptPassword } from './password-prompt';

/** Bad usage of the CLI: exit code 2. */
export class UsageError extends Error {}

/** Where a command writes: stdout for results, stderr for the clerk's messages. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** An opened ledger for one command. */
export interface CliSession {
  store: LedgerStore;
  deps: AppDeps;
  registry: HandlerRegistry;
  client: ApiClient;
}

/** One CLI command: its usage line and what it does; returns the exit code. */
export interface CliCommand {
  usage: string;
  summary: string;
  options: NonNullable<ParseArgsConfig['options']>;
  allowPositionals?: boolean;
  /**
   * For a command that does its work without the contract's calls (a demo seed, a report file, a
   * bundle for a USB stick): the least role its `--user` needs. Every other command is checked call
   * by call, like any transport.
   */
  role?: AccountRole;
  run(context: CliContext): Promise<number>;
}

export interface CliContext {
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  positionals: string[];
  io: CliIo;
  json: boolean;
  /** Opens the `--db` file; `create` allows a new file (only `init`). */
  open(options?: { create?: boolean; forBrowser?: boolean }): Promise<CliSession>;
  /** Prints a result: the JSON document with `--json`, otherwise the human text. */
  print(data: unknown, human: string): void;
  /** How this run unlocks the sync keys (the passphrase's origin: web mode names it at start). */
  keys: SessionKeys & { origin: string };
}

/** Options every command takes. */
export const commonOptions = {
  db: { type: 'string' },
  json: { type: 'boolean', default: false },
  /** On a ledger with accounts: who runs the command (the change log records the name). */
  user: { type: 'string' },
  /** The `--user`'s password, the file's first line; without it the password is asked for. */
  'user-password-file': { type: 'string' },
  /** A file whose first line is the passphrase of the sync keys (see electron/cli/key-passphrase.ts). */
  'key-passphrase-file': { type: 'string' },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

/** Parses a command's arguments, turning parse errors into a usage error. */
export function parseCommandArgs(command: CliCommand, argv: string[]) {
  try {
    return parseArgs({ args: argv, options: { ...commonOptions, ...command.options }, allowPositionals: command.allowPositionals ?? false, strict: true });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n用法：${command.usage}`);
  }
}

/** How a session unlocks the sync keys: the passphrase's wrapper, and whether one was given. */
export interface SessionKeys {
  wrapper: KeyWrapper;
  given: boolean;
}

/** Who runs a command on a ledger with accounts (`--user`, `--user-password-file`), and the least role the command needs. */
export interface CliSignIn {
  user?: string;
  passwordFile?: string;
  role?: AccountRole;
}

export const ACCOUNTS_HELP = '这个台账已启用账号：请加 --user 姓名 登录，密码用 --user-password-file 文件（文件第一行）给出，或在提示时输入。';

/**
 * Signs the CLI's session in with `--user` on a ledger that has accounts; the command then runs as
 * that user, with that user's role and health permission, through the same checks as the app.
 */
async function signInFromCommandLine(session: CliSession, signIn: CliSignIn): Promise<void> {
  if (!signIn.user) throw new CliUserError('UNAUTHORIZED', ACCOUNTS_HELP);
  const password = signIn.passwordFile ? passwordFromFile(signIn.passwordFile) : await promptPassword(`「${signIn.user}」的密码：`);
  if (password === null) throw new CliUserError('UNAUTHORIZED', `没有终端可以输入密码：请用 --user-password-file 给出「${signIn.user}」的密码（文件第一行）。`);
  const status = await session.client.call('account.signIn', { name: signIn.user, password });
  const user = status.user;
  if (!user) throw new CliUserError('UNAUTHORIZED', ACCOUNTS_HELP);
  if (signIn.role && !roleAllows(user.role, signIn.role)) {
    throw new CliUserError('FORBIDDEN', `「${user.name}」是「${user.role}」角色，不能执行这个命令：需要「${signIn.role}」${signIn.role === '管理员' ? '' : '或以上'}权限。`);
  }
  // Work the command does without the contract's calls is recorded under the same name.
  session.deps.user.userName = user.name;
  session.deps.caller = { name: user.name, role: user.role, health: user.health, signedIn: true };
}

/** Opens a session on a ledger file (signed in with `--user` when the ledger has accounts; not for web mode, whose browsers sign in). */
export async function openSession(dbPath: string | undefined, io: CliIo, create: boolean, forBrowser = false, signIn: CliSignIn = {}, keys?: SessionKeys): Promise<CliSession> {
  if (!dbPath) throw new UsageError('缺少 --db 数据文件路径');
  if (!create && !existsSync(dbPath)) {
    throw new CliUserError('DB_NOT_FOUND', `数据文件不存在：${dbPath}。请检查路径，或先用 nuanjing init 创建。`);
  }
  // A backup before any migration, a corrupt file refused with its latest backup named, the keys
  // unlocked by the passphrase (and keys still in clear sealed when one was given).
  const store = await openAppLedger(dbPath, { appVersion: APP_VERSION, keyWrapper: keys?.wrapper, protectClearKeys: keys?.given ?? false });
  // Edits from the command line are signed 命令行 unless an operator is set; edits in web mode are
  // the clerk's own, so they carry the operator's name or none (the app asks for it in 设置).
  const deps = createAppDeps(store, { userName: getMeta(store, META_OPERATOR) ?? (forBrowser ? '' : '命令行') });
  // PDFs (签领表) from a Chromium the PC has: the CLI and web mode have no Electron to print with.
  deps.pdf = chromiumPdfRenderer;
  const registry = createHandlerRegistry();
  void io;
  const callerSession = CallerSession.forTransport();
  const session = { store, deps, registry, client: createInProcessClient(registry, deps, callerSession) };
  try {
    if (!forBrowser && accountsExist(store)) await signInFromCommandLine(session, signIn);
    else if (!forBrowser && signIn.user) throw new CliUserError('NO_ACCOUNTS', `这个台账还没有账号，不用 --user 登录：去掉 --user（用 nuanjing account add 可建第一个管理员账号）。`);
  } catch (error) {
    store.close();
    throw error;
  }
  return session;
}

/** A user error raised by the CLI itself (exit code 1). */
export class CliUserError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The one Excel file an import command was given, checked to exist (the usage line when there is none, or more than one). */
export function sheetToImport(ctx: CliContext, usage: string): string {
  const [sheetPath, ...extra] = ctx.positionals;
  if (!sheetPath || extra.length > 0) throw new UsageError(`请给出一个要导入的 Excel 文件\n用法：${usage}`);
  if (!existsSync(sheetPath)) throw new CliUserError('FILE_NOT_FOUND', `找不到要导入的文件：${sheetPath}`);
  return sheetPath;
}

/** Runs a command's work on the `--db` ledger and closes it afterwards, whatever happens. */
export async function withSession<T>(ctx: CliContext, work: (session: CliSession) => Promise<T>): Promise<T> {
  const session = await ctx.open();
  try {
    return await work(session);
  } finally {
    session.store.close();
  }
}

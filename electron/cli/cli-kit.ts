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

/** Opens a session on a ledger file. */
export async function openSession(dbPath: string | undefined, io: CliIo, create: boolean, forBrowser = false, keys?: SessionKeys): Promise<CliSession> {
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
  return { store, deps, registry, client: createInProcessClient(registry, deps) };
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

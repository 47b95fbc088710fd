import type { z } from 'zod';
import { commonErrorCodes, type ApiResponse } from '../../shared/contract/api-error';
import { apiContract, isMethodName, type MethodName, type ParsedArgsOf, type ResultOf } from '../../shared/contract/api-contract';
import type { AppDeps } from '../app-deps';
import { errorBodyOf } from './internal-error';
import { checkCallAccess, noteCallEnded, recordHealthRead } from '../accounts/call-access';
import { CallerSession } from '../accounts/caller-session';

/** A handler: a plain function of injected deps and validated arguments. */
export type Handler<M extends MethodName> = (deps: AppDeps, args: ParsedArgsOf<M>) => ResultOf<M> | Promise<ResultOf<M>>;

/** A feature's handlers, keyed by call name. */
export type HandlerTable = { [M in MethodName]?: Handler<M> };

/** Turns zod issues into one Chinese sentence naming each field, plus per-field detail. */
export function describeInvalidArguments(error: z.ZodError): { message: string; fields: Record<string, string> } {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.join('.') || '(参数)';
    if (!(path in fields)) fields[path] = issue.message;
  }
  const parts = Object.entries(fields).map(([path, message]) => (path === '(参数)' ? message : `${path}：${message}`));
  return { message: `填写的内容有误：${parts.join('；')}`, fields };
}

/**
 * The handler table of the main process. Every transport (Electron IPC, web mode's HTTP, the
 * in-process client of tests, the CLI) calls `dispatch`, which validates the arguments against the
 * contract and wraps the result or error in the `{ ok, data | error }` envelope. A failure that is
 * not an `AppError` or a storage error is logged and reaches the clerk only as `INTERNAL_ERROR`
 * with a reference (see `internal-error.ts`): no SQL, path or stack in a dialog.
 */
export class HandlerRegistry {
  private readonly handlers = new Map<MethodName, Handler<MethodName>>();

  register<M extends MethodName>(name: M, handler: Handler<M>): void {
    if (this.handlers.has(name)) throw new Error(`handler registered twice: ${name}`);
    if (!isMethodName(name)) throw new Error(`handler for a call the contract does not declare: ${name}`);
    this.handlers.set(name, handler as unknown as Handler<MethodName>);
  }

  registerAll(table: HandlerTable): void {
    for (const [name, handler] of Object.entries(table)) {
      this.register(name as MethodName, handler as Handler<MethodName>);
    }
  }

  /** Names declared in the contract that have no handler (a start-up check). */
  missing(): MethodName[] {
    return (Object.keys(apiContract) as MethodName[]).filter((name) => !this.handlers.has(name));
  }

  /**
   * Runs one call for `session` (a window, a browser, the CLI; none: the main process itself). The
   * caller's access to the call is checked first (`shared/contract/method-access.ts`); the handler
   * then gets the deps with the caller and, as the change log's user, the signed-in account's name.
   */
  async dispatch(deps: AppDeps, name: string, rawArgs: unknown, session: CallerSession = CallerSession.forProcess()): Promise<ApiResponse<unknown>> {
    if (!isMethodName(name) || !this.handlers.has(name)) {
      return { ok: false, error: { code: commonErrorCodes.unknownMethod, message: `程序不认识这个操作：${name}` } };
    }
    try {
      const access = checkCallAccess(deps, session, name);
      if (!access.ok) return { ok: false, error: access.error };
      const callDeps: AppDeps = { ...deps, user: access.user, caller: access.caller, session };
      // The ledger stays the transport's: a restore that reopens it (`deps.store = …`) reopens it
      // for every later call, not for this call's copy only.
      Object.defineProperty(callDeps, 'store', { enumerable: true, get: () => deps.store, set: (store: AppDeps['store']) => (deps.store = store) });
      // Inside the try: a schema's transform could throw too, and must not escape the envelope.
      const parsed = apiContract[name].args.safeParse(rawArgs ?? {});
      if (!parsed.success) {
        const { message, fields } = describeInvalidArguments(parsed.error);
        return { ok: false, error: { code: commonErrorCodes.invalidArgument, message, details: { fields } } };
      }
      const handler = this.handlers.get(name) as Handler<MethodName>;
      const data = await handler(callDeps, parsed.data as ParsedArgsOf<MethodName>);
      recordHealthRead(callDeps, session, name, parsed.data);
      return { ok: true, data };
    } catch (error) {
      return { ok: false, error: errorBodyOf(name, error) };
    } finally {
      noteCallEnded(deps, session);
    }
  }
}

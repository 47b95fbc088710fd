import '../zod-chinese';
import type { z } from 'zod';
import type { MethodDefinition } from './define-method';
import { accountsContract } from './accounts-contract';
import { appContract } from './app-contract';
import { auditContract } from './audit-contract';
import { backupContract } from './backup-contract';
import { healthContract } from './health-contract';
import { leaveContract } from './leave-contract';
import { listsContract } from './lists-contract';
import { reportContract } from './report-contract';
import { staffContract } from './staff-contract';
import { syncContract } from './sync-contract';
import { syncReviewContract } from './sync-review-contract';
import { taskContract } from './task-contract';
import { visitsContract } from './visits-contract';

/**
 * The one typed contract between the renderer (or the CLI, or a test) and the main process.
 * Every call is declared once here; the main process registers exactly one handler per name.
 */
export const apiContract = {
  ...appContract,
  ...staffContract,
  ...healthContract,
  ...visitsContract,
  ...leaveContract,
  ...reportContract,
  ...listsContract,
  ...syncContract,
  ...syncReviewContract,
  ...taskContract,
  ...accountsContract,
  ...auditContract,
  ...backupContract,
};

export type ApiContract = typeof apiContract;
export type MethodName = keyof ApiContract;
/** Arguments as a caller writes them (before schema defaults and trimming). */
export type ArgsOf<M extends MethodName> = z.input<ApiContract[M]['args']>;
/** Arguments as a handler receives them (after validation). */
export type ParsedArgsOf<M extends MethodName> = z.output<ApiContract[M]['args']>;
/** The result a call resolves to. */
export type ResultOf<M extends MethodName> =
  ApiContract[M] extends MethodDefinition<z.ZodType, infer R> ? R : never;

export const methodNames = Object.keys(apiContract) as MethodName[];

/** Whether a string names a call of the contract. */
export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(apiContract, name);
}

import type { EventName } from './event-names';

export { eventNames, type EventName } from './event-names';

/** Payload of `task.progress`: a long operation (import, export, report) reporting its progress. */
export interface TaskProgress {
  taskId: string;
  label: string;
  done: number;
  total: number;
}

/**
 * Payload of `data.changed`: one per committed transaction that wrote synced rows, whoever wrote
 * them (a page, the CLI, a second window, a bundle import) — the tables, and per table the row ids
 * (null: the whole table, e.g. another program wrote to the file).
 */
export interface DataChanged {
  tables: string[];
  rowIds: Record<string, string[] | null>;
}

/** What a caller uses, over any transport: resolves with the data or rejects with an `ApiCallError`. */
export interface ApiClient {
  call<M extends MethodName>(method: M, args: ArgsOf<M>): Promise<ResultOf<M>>;
  /** Subscribes to an event of the main process (every transport that can push has it). */
  on?(event: EventName, listener: (payload: unknown) => void): () => void;
}

/** The rejection of a failed call, carrying the stable code and the clerk's message. */
export class ApiCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiCallError';
  }
}

import '../zod-chinese';
import type { z } from 'zod';
import type { MethodDefinition } from './define-method';
import { appContract } from './app-contract';
import { staffContract } from './staff-contract';
import { syncContract } from './sync-contract';
import { syncReviewContract } from './sync-review-contract';

/**
 * The one typed contract between the renderer (or the CLI, or a test) and the main process.
 * Every call is declared once here; the main process registers exactly one handler per name.
 */
export const apiContract = {
  ...appContract,
  ...staffContract,
  ...syncContract,
  ...syncReviewContract,
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

export { eventNames, type EventName } from './event-names';

/** Payload of `task.progress`: a long operation (import, export, report) reporting its progress. */
export interface TaskProgress {
  taskId: string;
  label: string;
  done: number;
  total: number;
}

/** What a caller uses, over any transport: resolves with the data or rejects with an `ApiCallError`. */
export interface ApiClient {
  call<M extends MethodName>(method: M, args: ArgsOf<M>): Promise<ResultOf<M>>;
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

import type { z } from 'zod';

/**
 * One call of the contract: its argument schema (validated by every transport before the handler
 * runs) and, as a type only, its result.
 */
export interface MethodDefinition<Args extends z.ZodType, Result> {
  /** What the call does, in one line (shown in the CLI's and the transports' diagnostics). */
  readonly summary: string;
  readonly args: Args;
  /** Type-level marker carrying the result type; never set at run time. */
  readonly resultType?: (result: Result) => void;
}

/** Declares a call: `defineMethod<Result>()('summary', argsSchema)`. */
export function defineMethod<Result>() {
  return <Args extends z.ZodType>(summary: string, args: Args): MethodDefinition<Args, Result> => ({ summary, args });
}

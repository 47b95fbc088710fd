/**
 * The error shape every call returns on failure: a stable English `code` that programs and tests
 * match on, and a Chinese `message` for the clerk that says what is wrong and what to do.
 */
export interface ApiErrorBody {
  code: string;
  message: string;
  /** Optional structured detail, e.g. per-field messages of a form or per-row errors of an import. */
  details?: unknown;
}

/** The envelope every transport returns. */
export type ApiResponse<T> = { ok: true; data: T } | { ok: false; error: ApiErrorBody };

/** An error a handler throws on purpose; transports turn it into `{ ok: false, error }`. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toBody(): ApiErrorBody {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

/** Codes shared by every feature. Feature-specific codes live beside their feature. */
export const commonErrorCodes = {
  invalidArgument: 'INVALID_ARGUMENT',
  unknownMethod: 'UNKNOWN_METHOD',
  notSetUp: 'NOT_SET_UP',
  alreadySetUp: 'ALREADY_SET_UP',
  notFound: 'NOT_FOUND',
  /** An unexpected failure: the detail is in the main process's log under `details.reference`. */
  internal: 'INTERNAL_ERROR',
  unauthorized: 'UNAUTHORIZED',
  forbidden: 'FORBIDDEN',
} as const;

import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { AppError, commonErrorCodes, type ApiErrorBody } from '../../shared/contract/api-error';
import { describeStorageError } from './storage-error';

// What a transport answers when a call fails for a reason that is not the clerk's: the detail (an
// SQL error, a file path, a TypeError and its stack) goes to the main process's log under a short
// random reference; the clerk sees a Chinese sentence with that reference and nothing internal.

/** Where the detail of an unexpected failure is written: the main process's console by default. */
export type InternalErrorLog = (line: string) => void;

const consoleLog: InternalErrorLog = (line) => console.error(line);

/** A short reference a clerk can read out on the phone: 8 hexadecimal characters, e.g. `7F3A92C1`. */
export function newErrorReference(): string {
  return randomBytes(4).toString('hex').toUpperCase();
}

/** The clerk's sentence for an unexpected failure, naming the reference that is also in the log. */
export function internalErrorMessage(reference: string): string {
  return `操作未能完成：程序内部出错（错误编号 ${reference}）。数据没有改动；请重试，仍然失败请联系技术支持并提供错误编号。`;
}

/**
 * Logs an unexpected failure of `callName` (its message, stack and properties such as an SQLite
 * `code`) with a fresh reference, and returns the `INTERNAL_ERROR` body the clerk may see: the
 * Chinese message and `details.reference`, never the error's own text.
 */
export function internalErrorBody(callName: string, error: unknown, log: InternalErrorLog = consoleLog): ApiErrorBody {
  const reference = newErrorReference();
  log(`[暖警台账] ${callName} 内部错误，错误编号 ${reference}：${inspect(error, { depth: 4, breakLength: Infinity })}`);
  return { code: commonErrorCodes.internal, message: internalErrorMessage(reference), details: { reference } };
}

/**
 * The error body of any failure of `callName`: an `AppError` as thrown (its code and Chinese
 * message are meant for the clerk), a storage failure as its storage code (`DISK_FULL`, …), and
 * anything else as a logged `INTERNAL_ERROR` (see {@link internalErrorBody}).
 */
export function errorBodyOf(callName: string, error: unknown, log: InternalErrorLog = consoleLog): ApiErrorBody {
  if (error instanceof AppError) return error.toBody();
  const storageError = describeStorageError(error);
  if (storageError) return storageError.toBody();
  return internalErrorBody(callName, error, log);
}

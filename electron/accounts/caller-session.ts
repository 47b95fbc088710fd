import type { AccountRole } from '../../shared/account-record';

/** Who makes a call, as a handler sees it (`deps.caller`). */
export interface CallerIdentity {
  /** The name the change log records (the signed-in account's, else the operator's). */
  name: string;
  role: AccountRole;
  /** Whether health details may be shown (健康信息权限). */
  health: boolean;
  /** Signed in to an account (false: a ledger without accounts yet, or the process itself). */
  signedIn: boolean;
}

/**
 * One caller's state across calls: a window of the desktop app, a browser session of web mode, one
 * CLI run, one in-process client. It holds who signed in and whether the screen is locked; the
 * handler registry reads it before every call (electron/accounts/call-access.ts).
 */
export class CallerSession {
  /** The signed-in account's id, or null. */
  accountId: string | null = null;
  /** Locked (idle, or 锁定): only the signed-in user's password opens it again. */
  locked = false;
  /**
   * When this signed-in, unlocked session last called (epoch ms of the ledger's clock), or null: a
   * person's session that makes no call for the idle time is locked here, on the server side too
   * (electron/accounts/call-access.ts), whatever its page does.
   */
  lastCallAt: number | null = null;
  /** Health reads already recorded in this session (`kind:subject` → epoch ms), so a page's refresh is not logged again and again. */
  readonly healthReadsLogged = new Map<string, number>();

  private constructor(
    /**
     * `process`: code of the main process itself — the worker of a long job, tests — which holds the
     * open ledger anyway: it acts with full rights under the operator's name until it signs in.
     * `identity`: a worker acting for the caller that started it. `transport`: a window, a browser,
     * the CLI — everything a person uses — which must sign in once the ledger has accounts.
     */
    readonly kind: 'transport' | 'process' | 'identity',
    readonly identity?: CallerIdentity,
  ) {}

  /** A person's session over IPC, HTTP or the CLI: nobody signed in yet. */
  static forTransport(): CallerSession {
    return new CallerSession('transport');
  }

  /** The main process's own calls (tests, tools): full rights until it signs in to an account. */
  static forProcess(): CallerSession {
    return new CallerSession('process');
  }

  /** A long job's worker acting for the caller who started it (already checked in the main process). */
  static actingFor(identity: CallerIdentity): CallerSession {
    return new CallerSession('identity', identity);
  }
}

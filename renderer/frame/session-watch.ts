import type { ApiClient } from '../../shared/contract/api-contract';

/** Refusals that mean the session changed under the page: signed out, locked, or a new password due. */
const SESSION_CODES = new Set(['UNAUTHORIZED', 'SESSION_LOCKED', 'PASSWORD_CHANGE_REQUIRED']);

/**
 * The client as the pages get it once signed in: a call refused because the session is no longer
 * signed in, is locked, or must change its password (another tab locked it, a 管理员 disabled the
 * account) also tells the app, which reloads the account status and shows the login or lock screen.
 */
export function watchSessionRefusals(client: ApiClient, onRefused: () => void): ApiClient {
  return {
    async call(method, args) {
      try {
        return await client.call(method, args);
      } catch (error) {
        if (SESSION_CODES.has(String((error as { code?: unknown } | null)?.code))) onRefused();
        throw error;
      }
    },
    ...(client.on ? { on: client.on.bind(client) } : {}),
  };
}

import { ApiCallError, eventNames, type ApiClient, type EventName } from '../../shared/contract/api-contract';
import type { ApiResponse } from '../../shared/contract/api-error';
import type { DesktopBridge } from '../../shared/contract/desktop-bridge';

function unwrap<T>(response: ApiResponse<T>): T {
  if (!response.ok) throw new ApiCallError(response.error.code, response.error.message, response.error.details);
  return response.data;
}

/** The client over the Electron preload bridge (IPC). */
export function createBridgeClient(bridge: DesktopBridge): ApiClient {
  return {
    async call(method, args) {
      return unwrap(await bridge.call(method, args)) as never;
    },
    on: (event, listener) => bridge.on(event, listener),
  };
}

/** Header that carries web mode's per-run token for a program (same name as the server's). */
export const WEB_TOKEN_HEADER = 'x-nuanjing-token';

/**
 * The client over web mode's loopback HTTP server. A page needs no token: opening the printed URL
 * left it in an HttpOnly cookie the browser sends with every same-origin call (the page can neither
 * read nor leak it). A program outside the browser passes the token, sent in {@link WEB_TOKEN_HEADER}.
 */
export function createHttpClient(options: { token?: string; baseUrl?: string } = {}): ApiClient {
  const baseUrl = options.baseUrl ?? '';
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.token) headers[WEB_TOKEN_HEADER] = options.token;
  // One event stream for all subscriptions, opened on the first (the cookie authenticates it).
  let stream: EventSource | null = null;
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const streamOf = (): EventSource => {
    if (!stream) {
      stream = new EventSource(`${baseUrl}/api/events`, { withCredentials: true });
      for (const name of eventNames) {
        stream.addEventListener(name, (event) => {
          const payload = JSON.parse((event as MessageEvent<string>).data) as unknown;
          for (const listener of [...(listeners.get(name) ?? [])]) listener(payload);
        });
      }
    }
    return stream;
  };
  return {
    on(event, listener) {
      if (typeof EventSource === 'undefined') return () => undefined;
      streamOf();
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
      }
      set.add(listener);
      return () => {
        listeners.get(event)?.delete(listener);
      };
    },
    async call(method, args) {
      let response: Response;
      try {
        response = await fetch(`${baseUrl}/api/call/${method}`, {
          method: 'POST',
          headers,
          credentials: 'same-origin',
          body: JSON.stringify(args ?? {}),
        });
      } catch {
        throw new ApiCallError('NETWORK', '连接不上暖警台账的本机服务：请确认启动窗口（npm run web）仍在运行，然后刷新页面。');
      }
      const body = (await response.json().catch(() => null)) as ApiResponse<unknown> | null;
      if (!body) throw new ApiCallError('BAD_RESPONSE', `本机服务返回了无法识别的内容（HTTP ${response.status}）。`);
      return unwrap(body) as never;
    },
  };
}

import { ApiCallError, type ApiClient } from '../../shared/contract/api-contract';
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
  };
}

/** Header that carries web mode's per-run token (same name as the server's). */
export const WEB_TOKEN_HEADER = 'x-nuanjing-token';

/** The client over web mode's loopback HTTP server. */
export function createHttpClient(token: string, baseUrl = ''): ApiClient {
  return {
    async call(method, args) {
      let response: Response;
      try {
        response = await fetch(`${baseUrl}/api/call/${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [WEB_TOKEN_HEADER]: token },
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

const TOKEN_STORAGE_KEY = 'nuanjing.webToken';

/**
 * Web mode's token: taken from `?token=` on first load, kept for this tab in sessionStorage and
 * removed from the address bar so it is not bookmarked or shown over a shoulder.
 */
export function takeWebToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_STORAGE_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_STORAGE_KEY);
}

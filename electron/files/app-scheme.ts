import { CONTENT_SECURITY_POLICY } from './content-security-policy';
import { resolveRendererFile } from './renderer-files';

// The desktop app's own origin, app://renderer: the window loads app://renderer/index.html and the
// app:// protocol answers from dist/renderer, never from file:// (so the grantFileProtocolExtraPrivileges
// fuse can be off). What this file decides is plain Node, tested in Node; electron/shell/app-protocol.ts
// only hands Electron's requests to it.

/** The custom scheme the packaged renderer is served from (registered as standard and secure). */
export const APP_SCHEME = 'app';

/** The one host of the scheme; any other host is answered with a 404. */
export const APP_HOST = 'renderer';

/** The origin of the app's pages, as Chromium reports it for a standard scheme. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** The app's one page: the window loads it, the window guards let nothing else in. */
export const APP_PAGE_URL = `${APP_ORIGIN}/index.html`;

/**
 * Whether `url` is the app's own page, `app://renderer/index.html`, with any hash or query. Any
 * other scheme (`file:`, `http(s):`, `javascript:`, `data:` …), another host, a port, user
 * information or another path is not.
 */
export function isAppPageUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host === APP_HOST &&
    parsed.username === '' &&
    parsed.password === '' &&
    parsed.pathname === '/index.html'
  );
}

/** The parts of an app:// request the answer depends on (a fetch `Request` has them). */
export interface AppRequest {
  url: string;
  method: string;
  /**
   * The origin of the page that made the request, as Electron reports it (`request.initiatorOrigin`);
   * absent for requests the browser starts itself (the window's first load).
   */
  initiatorOrigin?: string | null;
}

/** How to answer an app:// request: a file of the built renderer with its headers, or a refusal. */
export type AppAnswer =
  | { status: 200; filePath: string; headers: Record<string, string> }
  | { status: 400 | 403 | 404 | 405; filePath?: undefined; headers: Record<string, string> };

/**
 * Answers an app:// request from the built renderer in `root` (dist/renderer), with the same
 * mapping as web mode (`resolveRendererFile`) except that a path naming no file is a 404, not
 * index.html. Only GET and HEAD (else 405), only host `renderer` (else 404), only requests the
 * browser started or our own pages made (else 403). Every answer carries web mode's
 * Content-Security-Policy.
 */
export function answerAppRequest(root: string, request: AppRequest): AppAnswer {
  const headers: Record<string, string> = {
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
  };
  if (request.method !== 'GET' && request.method !== 'HEAD') return { status: 405, headers: { ...headers, allow: 'GET, HEAD' } };
  let parsed: URL;
  try {
    parsed = new URL(request.url);
  } catch {
    return { status: 400, headers };
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST || parsed.username !== '' || parsed.password !== '') {
    return { status: 404, headers };
  }
  if (typeof request.initiatorOrigin === 'string' && request.initiatorOrigin !== APP_ORIGIN) return { status: 403, headers };
  const file = resolveRendererFile(root, parsed.pathname, { indexForUnknownPaths: false });
  if (!file.found) return { status: file.status, headers };
  return {
    status: 200,
    filePath: file.filePath,
    headers: {
      ...headers,
      'content-type': file.contentType,
      'cache-control': file.isHtml ? 'no-store' : 'no-cache',
      ...(file.isHtml ? { 'referrer-policy': 'no-referrer' } : {}),
    },
  };
}

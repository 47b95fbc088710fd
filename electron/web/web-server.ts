import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import { commonErrorCodes, type ApiResponse } from '../../shared/contract/api-error';
import { eventNames, type EventName } from '../../shared/contract/api-contract';
import type { AppDeps } from '../app-deps';
import { CONTENT_SECURITY_POLICY } from '../files/content-security-policy';
import { resolveRendererFile } from '../files/renderer-files';
import type { HandlerRegistry } from '../handlers/handler-registry';
import { internalErrorBody } from '../handlers/internal-error';
import { base64LengthOf, MAX_BUNDLE_FILE_BYTES, megabytesText } from '../sync/sync-limits';
import { CallerSession } from '../accounts/caller-session';

/** The header that carries web mode's per-run token on an API request of a program (tests, scripts). */
export const TOKEN_HEADER = 'x-nuanjing-token';

/**
 * The JSON around an uploaded file's base64 text, generously: the field names, a 255-character file
 * name even if every character is escaped (`\u0000`, 6 bytes), the flags and an operator's name.
 */
export const UPLOAD_JSON_OVERHEAD_BYTES = 16 * 1024;

/**
 * The request-body limit that lets through exactly the uploads the contract accepts: the base64
 * text of a file of `maxFileBytes` plus {@link UPLOAD_JSON_OVERHEAD_BYTES}.
 */
export function requestBodyLimitFor(maxFileBytes: number): number {
  return base64LengthOf(maxFileBytes) + UPLOAD_JSON_OVERHEAD_BYTES;
}

/** Request bodies above this are refused: a sync bundle at its limit travels base64 inside JSON. */
export const DEFAULT_MAX_BODY_BYTES = requestBodyLimitFor(MAX_BUNDLE_FILE_BYTES);

/** The served pages' Content-Security-Policy, shared with the desktop app's app:// protocol. */
export { CONTENT_SECURITY_POLICY };

export interface WebServerOptions {
  registry: HandlerRegistry;
  deps: AppDeps;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  /** 0 picks a free port. */
  port?: number;
  token?: string;
  /** The largest file an upload may carry (tests pass a small one); the body limit is derived from it. */
  maxUploadFileBytes?: number;
}

export interface RunningWebServer {
  port: number;
  token: string;
  /**
   * The URL to print and open, token included. Opening it stores the token in an HttpOnly cookie
   * and redirects to `/`, so the token leaves the address bar.
   */
  url: string;
  /** Sends an event to every open page. */
  emit(name: EventName, payload: unknown): void;
  close(): Promise<void>;
}

/** Signed-in browser sessions kept at most (the oldest is forgotten: it signs in again). */
const MAX_SESSIONS = 200;

function sendJson(res: ServerResponse, status: number, body: ApiResponse<unknown>, extraHeaders: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text), ...extraHeaders });
  res.end(text);
}

function refuse(res: ServerResponse, status: number, code: string, message: string): void {
  sendJson(res, status, { ok: false, error: { code, message } });
}

function tokenMatches(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

class BodyTooLargeError extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolvePromise, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      reject(new BodyTooLargeError());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      if (tooLarge) return;
      size += chunk.length;
      if (size > limit) {
        // Keep reading (and discarding) rather than destroying the socket, so the 413 reaches the page.
        tooLarge = true;
        chunks.length = 0;
        reject(new BodyTooLargeError());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolvePromise(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The value of one cookie in a `Cookie` request header, or undefined. */
function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      return undefined;
    }
  }
  return undefined;
}

const messages = {
  noToken: '访问口令缺失或不正确：请使用启动窗口里打印的完整网址（以 http://127.0.0.1: 开头、带 token 的那一行）重新打开暖警台账。',
  tokenInUrl: '拒绝访问：访问口令不能写在接口网址里（网址会留在浏览记录和日志中）。请用启动窗口里打印的网址打开页面，口令会自动保存在浏览器中；程序调用请把口令放在请求头 X-Nuanjing-Token 中。',
  crossSite: '拒绝访问：请求来自其他网页。',
  wrongPageToken: '访问口令不正确：暖警台账每次启动都会换一个新口令，请使用启动窗口里最新打印的完整网址打开。',
} as const;

/** A small Chinese HTML page for a refused page request (the address bar shows it, not JSON). */
function refusePage(res: ServerResponse, status: number, text: string): void {
  const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>暖警台账</title></head><body><p>${text}</p></body></html>`;
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
  });
  res.end(html);
}

/**
 * Web mode: one HTTP server on 127.0.0.1 that serves the built renderer and the same handlers as
 * the Electron app.
 *
 * - The printed URL `/?token=…` is the only place the per-run token appears in a URL: opening it
 *   sets an HttpOnly, SameSite=Strict cookie (named after the port, so two servers on this PC do not
 *   overwrite each other's) and redirects to `/`, so the token leaves the address bar and history.
 * - Every API request (`/api/call/…`, `/api/events`) must carry the token in that cookie or in the
 *   {@link TOKEN_HEADER} header; a token in the query string is refused, as is a cookie sent by
 *   another site's page (`Origin`, `Sec-Fetch-Site`).
 * - A request whose `Host` is not this loopback address and port is refused (DNS-rebinding guard).
 * - Beside the token, a ledger with accounts needs a signed-in user: a browser's session (who
 *   signed in, locked or not) is kept here under a random id in a second HttpOnly, SameSite=Strict
 *   cookie, set when it signs in; a request without it is nobody's (the login screen's calls only).
 * - Bodies are limited to what the largest upload needs ({@link requestBodyLimitFor}) and validated
 *   against the contract like any other transport; an unexpected failure is logged and answered
 *   with `INTERNAL_ERROR` and a reference, never its own message.
 */
export async function startWebServer(options: WebServerOptions): Promise<RunningWebServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const maxUploadFileBytes = options.maxUploadFileBytes ?? MAX_BUNDLE_FILE_BYTES;
  const maxBody = requestBodyLimitFor(maxUploadFileBytes);
  const staticRoot = resolve(options.staticDir);
  const listeners = new Set<ServerResponse>();
  let port = 0;
  let cookieName = '';
  let sessionCookieName = '';
  const sessions = new Map<string, CallerSession>();

  /** The browser's session by its cookie, or a new one (kept once it signs in). */
  function sessionOf(req: IncomingMessage): { id: string | null; session: CallerSession } {
    const id = cookieValue(req.headers.cookie, sessionCookieName);
    const known = id ? sessions.get(id) : undefined;
    return known && id ? { id, session: known } : { id: null, session: CallerSession.forTransport() };
  }

  /** Keeps a session that has just signed in and returns the cookie that names it. */
  function keepSession(session: CallerSession): Record<string, string> {
    const id = randomBytes(24).toString('base64url');
    sessions.set(id, session);
    if (sessions.size > MAX_SESSIONS) sessions.delete(sessions.keys().next().value as string);
    return { 'set-cookie': `${sessionCookieName}=${id}; HttpOnly; SameSite=Strict; Path=/` };
  }

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: internalErrorBody(`web ${req.method} ${(req.url ?? '').split('?')[0]}`, error) });
      else res.end();
    });
  });

  /** Whether an API request carries this run's token in the header or the cookie, else why it is refused. */
  function authenticate(req: IncomingMessage, url: URL): { ok: true } | { ok: false; status: number; code: string; message: string } {
    if (url.searchParams.has('token')) return { ok: false, status: 401, code: commonErrorCodes.unauthorized, message: messages.tokenInUrl };
    const header = req.headers[TOKEN_HEADER];
    if (header !== undefined) {
      return tokenMatches(token, Array.isArray(header) ? undefined : header) ? { ok: true } : { ok: false, status: 401, code: commonErrorCodes.unauthorized, message: messages.noToken };
    }
    const fromCookie = cookieValue(req.headers.cookie, cookieName);
    if (!tokenMatches(token, fromCookie)) return { ok: false, status: 401, code: commonErrorCodes.unauthorized, message: messages.noToken };
    // A browser attaches the cookie by itself; only our own page may use it.
    const fetchSite = req.headers['sec-fetch-site'];
    if (fetchSite !== undefined && fetchSite !== 'same-origin') return { ok: false, status: 403, code: 'ORIGIN_REFUSED', message: messages.crossSite };
    return { ok: true };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
    if (!allowedHosts.includes(req.headers.host ?? '')) {
      refuse(res, 421, 'HOST_REFUSED', '拒绝访问：只接受本机 127.0.0.1 的请求。');
      return;
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname.startsWith('/api/')) {
      const auth = authenticate(req, url);
      if (!auth.ok) {
        refuse(res, auth.status, auth.code, auth.message);
        return;
      }
      if (url.pathname === '/api/events' && req.method === 'GET') {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
        res.write(': connected\n\n');
        listeners.add(res);
        req.on('close', () => listeners.delete(res));
        return;
      }
      const match = /^\/api\/call\/([A-Za-z0-9_.]+)$/.exec(url.pathname);
      if (!match || req.method !== 'POST') {
        refuse(res, 404, 'UNKNOWN_METHOD', '没有这个接口。');
        return;
      }
      const origin = req.headers.origin;
      if (origin && !allowedHosts.some((host) => origin === `http://${host}`)) {
        refuse(res, 403, 'ORIGIN_REFUSED', messages.crossSite);
        return;
      }
      let body: Buffer;
      try {
        body = await readBody(req, maxBody);
      } catch (error) {
        if (error instanceof BodyTooLargeError) {
          refuse(res, 413, 'BODY_TOO_LARGE', `提交的内容太大：一次最多上传 ${megabytesText(maxUploadFileBytes)} 的文件，已拒绝，本机数据没有改动。请确认选择的文件是否正确。`);
          return;
        }
        throw error;
      }
      let args: unknown;
      try {
        args = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
      } catch {
        refuse(res, 400, 'INVALID_JSON', '请求内容不是有效的 JSON。');
        return;
      }
      const { id, session } = sessionOf(req);
      const response = await options.registry.dispatch(options.deps, match[1], args, session);
      sendJson(res, 200, response, id === null && session.accountId !== null ? keepSession(session) : {});
      return;
    }
    if (url.searchParams.has('token') && (req.method === 'GET' || req.method === 'HEAD')) {
      exchangeToken(url.searchParams.get('token') ?? '', res);
      return;
    }
    serveStatic(url.pathname, res);
  }

  /** The printed URL: the token goes into the cookie and out of the address bar. */
  function exchangeToken(given: string, res: ServerResponse): void {
    if (!tokenMatches(token, given)) {
      refusePage(res, 401, messages.wrongPageToken);
      return;
    }
    res.writeHead(303, {
      location: '/',
      'set-cookie': `${cookieName}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`,
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
    });
    res.end();
  }

  function serveStatic(pathname: string, res: ServerResponse): void {
    if (!existsSync(join(staticRoot, 'index.html'))) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('界面尚未构建：请先运行 npm run build:renderer。');
      return;
    }
    const file = resolveRendererFile(staticRoot, pathname, { indexForUnknownPaths: true });
    if (!file.found) {
      res.writeHead(file.status).end();
      return;
    }
    res.writeHead(200, {
      'content-type': file.contentType,
      'cache-control': file.isHtml ? 'no-store' : 'public, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
      ...(file.isHtml ? { 'content-security-policy': CONTENT_SECURITY_POLICY, 'referrer-policy': 'no-referrer' } : {}),
    });
    res.end(readFileSync(file.filePath));
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  cookieName = `nuanjing_token_${port}`;
  sessionCookieName = `nuanjing_session_${port}`;

  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    emit(name, payload) {
      if (!eventNames.includes(name)) return;
      const frame = `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;
      for (const listener of listeners) listener.write(frame);
    },
    close: () =>
      new Promise<void>((resolveClose) => {
        for (const listener of listeners) listener.end();
        server.close(() => resolveClose());
        server.closeAllConnections();
      }),
  };
}

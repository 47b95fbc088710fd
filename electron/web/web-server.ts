import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { ApiResponse } from '../../shared/contract/api-error';
import { eventNames, type EventName } from '../../shared/contract/api-contract';
import type { AppDeps } from '../app-deps';
import type { HandlerRegistry } from '../handlers/handler-registry';

/** The header that carries web mode's per-run token on every API request. */
export const TOKEN_HEADER = 'x-nuanjing-token';
/** Request bodies above this are refused (a bundle or spreadsheet travels base64 inside JSON). */
export const DEFAULT_MAX_BODY_BYTES = 160 * 1024 * 1024;

/** Content-Security-Policy of the served pages: nothing but this origin (antd needs inline styles). */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

export interface WebServerOptions {
  registry: HandlerRegistry;
  deps: AppDeps;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  /** 0 picks a free port. */
  port?: number;
  token?: string;
  maxBodyBytes?: number;
}

export interface RunningWebServer {
  port: number;
  token: string;
  /** The URL to open, token included. */
  url: string;
  /** Sends an event to every open page. */
  emit(name: EventName, payload: unknown): void;
  close(): Promise<void>;
}

function sendJson(res: ServerResponse, status: number, body: ApiResponse<unknown>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) });
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

/**
 * Web mode: one HTTP server on 127.0.0.1 that serves the built renderer and the same handlers as
 * the Electron app. Every API request must carry the per-run token; a request whose `Host` is not
 * this loopback address and port is refused (DNS-rebinding guard); bodies are size-limited and
 * validated against the contract like any other transport.
 */
export async function startWebServer(options: WebServerOptions): Promise<RunningWebServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const staticRoot = resolve(options.staticDir);
  const listeners = new Set<ServerResponse>();
  let port = 0;

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) refuse(res, 500, 'INTERNAL', `服务出错：${(error as Error).message}`);
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
    if (!allowedHosts.includes(req.headers.host ?? '')) {
      refuse(res, 421, 'HOST_REFUSED', '拒绝访问：只接受本机 127.0.0.1 的请求。');
      return;
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname.startsWith('/api/')) {
      const given = (req.headers[TOKEN_HEADER] as string | undefined) ?? url.searchParams.get('token') ?? undefined;
      if (!tokenMatches(token, given)) {
        refuse(res, 401, 'UNAUTHORIZED', '访问口令缺失或不正确：请使用启动时打印的完整网址打开。');
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
        refuse(res, 403, 'ORIGIN_REFUSED', '拒绝访问：请求来自其他网页。');
        return;
      }
      let body: Buffer;
      try {
        body = await readBody(req, maxBody);
      } catch (error) {
        if (error instanceof BodyTooLargeError) {
          refuse(res, 413, 'BODY_TOO_LARGE', `提交的内容超过 ${Math.round(maxBody / 1024 / 1024)} MB 上限，请拆分后再试。`);
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
      sendJson(res, 200, await options.registry.dispatch(options.deps, match[1], args));
      return;
    }
    serveStatic(url.pathname, res);
  }

  function serveStatic(pathname: string, res: ServerResponse): void {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    const relative = normalize(decoded).replace(/^([/\\])+/, '');
    let file = join(staticRoot, relative || 'index.html');
    if (!file.startsWith(staticRoot + sep) && file !== staticRoot) {
      res.writeHead(403).end();
      return;
    }
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(staticRoot, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('界面尚未构建：请先运行 npm run build。');
      return;
    }
    const isHtml = extname(file) === '.html';
    res.writeHead(200, {
      'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': isHtml ? 'no-store' : 'public, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
      ...(isHtml ? { 'content-security-policy': CONTENT_SECURITY_POLICY, 'referrer-policy': 'no-referrer' } : {}),
    });
    res.end(readFileSync(file));
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;

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

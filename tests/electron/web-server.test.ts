import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LedgerStore } from '../../db/ledger-store';
import { createAppDeps, type AppDeps } from '../../electron/app-deps';
import { appHandlers } from '../../electron/handlers/app-handlers';
import { HandlerRegistry } from '../../electron/handlers/handler-registry';
import { CONTENT_SECURITY_POLICY, DEFAULT_MAX_BODY_BYTES, requestBodyLimitFor, startWebServer, TOKEN_HEADER, UPLOAD_JSON_OVERHEAD_BYTES, type RunningWebServer } from '../../electron/web/web-server';
import { MAX_BUNDLE_FILE_BYTES } from '../../electron/sync/sync-limits';
import { openMemoryLedger, tempFolder } from '../support/test-ledger';

const INDEX_HTML = '<!doctype html><html lang="zh-CN"><head><title>暖警台账</title></head><body><div id="root"></div></body></html>';
const SECRET = 'this file lies outside the static folder';
/** The largest upload of the test server: small, so the edge of the body limit is cheap to reach. */
const UPLOAD_LIMIT = 3000;

let store: LedgerStore;
let deps: AppDeps;
let server: RunningWebServer;
let folder: { path: string; remove(): void };

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed JSON of a reply, checked by each test
  json: () => any;
}

interface RequestOptions {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Send the body in chunks without a content-length. */
  chunked?: boolean;
}

/** A raw HTTP request (node:http lets a test set Host and send unnormalised paths). */
function send({ method = 'GET', path, headers = {}, body, chunked = false }: RequestOptions): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: server.port, method, path, headers: { host: `127.0.0.1:${server.port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    if (body !== undefined && chunked) {
      const bytes = Buffer.from(body);
      for (let i = 0; i < bytes.length; i += 1024) req.write(bytes.subarray(i, i + 1024));
      req.end();
    } else {
      req.end(body);
    }
  });
}

/** A call of the API, with the token unless told otherwise. */
function call(method: string, args: unknown, headers: Record<string, string> = { [TOKEN_HEADER]: server.token }): Promise<Reply> {
  return send({ method: 'POST', path: `/api/call/${method}`, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(args) });
}

/** Opens the printed URL as a browser would and returns the `name=value` of the cookie it sets. */
async function pageCookie(): Promise<string> {
  const reply = await send({ path: `/?token=${server.token}` });
  const setCookie = reply.headers['set-cookie']?.[0];
  if (!setCookie) throw new Error(`no cookie set: ${reply.status}`);
  return setCookie.split(';')[0];
}

beforeEach(async () => {
  store = await openMemoryLedger();
  const registry = new HandlerRegistry();
  registry.registerAll(appHandlers);
  deps = createAppDeps(store);
  folder = tempFolder('nuanjing-web-');
  const staticDir = join(folder.path, 'renderer');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), INDEX_HTML);
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log("暖警台账");');
  writeFileSync(join(folder.path, 'secret.txt'), SECRET);
  server = await startWebServer({ registry, deps, staticDir, port: 0, maxUploadFileBytes: UPLOAD_LIMIT });
  deps.events = server.emit;
});

afterEach(async () => {
  await server.close();
  store.close();
  folder.remove();
});

describe('web mode: the API', () => {
  it('listens on a loopback port and prints a URL that carries a long random token', () => {
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(20);
  });

  it('refuses a call without the token (401 UNAUTHORIZED) and runs nothing', async () => {
    const reply = await call('station.setup', { code: '330102-01', name: '北山派出所', role: 'station' }, {});
    expect(reply.status).toBe(401);
    expect(reply.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(reply.json().error.message).toMatch(/访问口令/);
    expect(store.sqlite.prepare('SELECT count(*) AS n FROM station').get()).toEqual({ n: 0 });
  });

  it('refuses a wrong token, including one of the same length', async () => {
    for (const token of ['wrong', `${server.token.slice(0, -1)}${server.token.endsWith('A') ? 'B' : 'A'}`, `${server.token}x`]) {
      const reply = await call('app.info', {}, { [TOKEN_HEADER]: token });
      expect(reply.status, token).toBe(401);
      expect(reply.json().error.code).toBe('UNAUTHORIZED');
    }
  });

  it('refuses another Host header (DNS rebinding) with 421 HOST_REFUSED, even with the token', async () => {
    for (const host of [`evil.example:${server.port}`, '127.0.0.1', `127.0.0.1:${server.port + 1}`]) {
      const reply = await send({ method: 'POST', path: '/api/call/app.info', headers: { host, [TOKEN_HEADER]: server.token }, body: '{}' });
      expect(reply.status, host).toBe(421);
      expect(reply.json()).toMatchObject({ ok: false, error: { code: 'HOST_REFUSED' } });
    }
    const page = await send({ path: '/', headers: { host: `evil.example:${server.port}` } });
    expect(page.status).toBe(421);
    expect(page.text).not.toContain('<div id="root">');
    // localhost is the same machine.
    const local = await send({ method: 'POST', path: '/api/call/app.info', headers: { host: `localhost:${server.port}`, [TOKEN_HEADER]: server.token }, body: '{}' });
    expect(local.status).toBe(200);
  });

  it('refuses a call made from another web page (Origin) with 403', async () => {
    const reply = await call('app.info', {}, { [TOKEN_HEADER]: server.token, origin: 'http://evil.example' });
    expect(reply.status).toBe(403);
    expect(reply.json().error.code).toBe('ORIGIN_REFUSED');
  });

  it('refuses a body over the limit with 413 BODY_TOO_LARGE, declared or streamed', async () => {
    const big = JSON.stringify({ code: '330102-01', name: '北山派出所', role: 'station', operatorName: 'x'.repeat(requestBodyLimitFor(UPLOAD_LIMIT)) });
    const declared = await call('station.setup', JSON.parse(big));
    expect(declared.status).toBe(413);
    expect(declared.json()).toMatchObject({ ok: false, error: { code: 'BODY_TOO_LARGE' } });

    const streamed = await send({ method: 'POST', path: '/api/call/station.setup', headers: { [TOKEN_HEADER]: server.token }, body: big, chunked: true });
    expect(streamed.status).toBe(413);
    expect(streamed.json().error.code).toBe('BODY_TOO_LARGE');
    expect(store.sqlite.prepare('SELECT count(*) AS n FROM station').get()).toEqual({ n: 0 });
    // The server still answers afterwards.
    expect((await call('app.info', {})).status).toBe(200);
  });

  it('refuses a body that is not JSON with 400', async () => {
    const reply = await send({ method: 'POST', path: '/api/call/app.info', headers: { [TOKEN_HEADER]: server.token }, body: '{"code": 330102-01' });
    expect(reply.status).toBe(400);
    expect(reply.json()).toMatchObject({ ok: false, error: { code: 'INVALID_JSON' } });
  });

  it('answers bad arguments with 200 and ok:false INVALID_ARGUMENT naming the field', async () => {
    const reply = await call('station.setup', { code: '1', name: '北山派出所', role: 'station' });
    expect(reply.status).toBe(200);
    expect(reply.json()).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', details: { fields: { code: expect.stringContaining('单位代码') } } } });
  });

  it('runs a good call and returns ok:true with the data', async () => {
    const setup = await call('station.setup', { code: '330102-01', name: '北山派出所', role: 'station' });
    expect(setup.status).toBe(200);
    expect(setup.headers['content-type']).toMatch(/application\/json/);
    expect(setup.json()).toMatchObject({ ok: true, data: { code: '330102-01', name: '北山派出所', role: 'station' } });
    const info = await call('app.info', {});
    expect(info.json()).toMatchObject({ ok: true, data: { appName: '暖警台账', station: { code: '330102-01' } } });
    // An empty body means no arguments.
    const empty = await send({ method: 'POST', path: '/api/call/settings.get', headers: { [TOKEN_HEADER]: server.token } });
    expect(empty.json()).toMatchObject({ ok: true, data: { 'station.minimumOnDuty': 10 } });
  });

  it('answers an unknown call or a GET on a call with ok:false, not a page', async () => {
    const unknown = await call('app.reboot', {});
    expect(unknown.json()).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    const get = await send({ path: '/api/call/app.info', headers: { [TOKEN_HEADER]: server.token } });
    expect(get.status).toBe(404);
    expect(get.json().ok).toBe(false);
  });
});

describe('web mode: the token stays out of URLs', () => {
  it('accepts the token in the X-Nuanjing-Token header', async () => {
    const reply = await call('app.info', {}, { [TOKEN_HEADER]: server.token });
    expect(reply.status).toBe(200);
    expect(reply.json()).toMatchObject({ ok: true, data: { appName: '暖警台账' } });
  });

  it('opening the printed URL sets an HttpOnly, SameSite=Strict cookie on / and redirects to / without the token', async () => {
    const reply = await send({ path: `/?token=${server.token}` });
    expect(reply.status).toBe(303);
    expect(reply.headers.location).toBe('/');
    expect(reply.headers['cache-control']).toBe('no-store');
    expect(reply.headers['referrer-policy']).toBe('no-referrer');
    const cookies = reply.headers['set-cookie'] ?? [];
    expect(cookies).toHaveLength(1);
    const [nameValue, ...attributes] = cookies[0].split(';').map((part) => part.trim());
    expect(nameValue).toBe(`nuanjing_token_${server.port}=${server.token}`);
    expect(attributes).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Strict', 'Path=/']));
    // A session cookie: nothing that would keep it on disk after the browser closes, nor a wider scope.
    expect(attributes.some((a) => /^(expires|max-age|domain)=/i.test(a))).toBe(false);
    expect(reply.text).not.toContain(server.token);
  });

  it('accepts a call with only the cookie, as the page makes it', async () => {
    const cookie = await pageCookie();
    const reply = await call('app.info', {}, { cookie, origin: `http://127.0.0.1:${server.port}`, 'sec-fetch-site': 'same-origin' });
    expect(reply.status).toBe(200);
    expect(reply.json()).toMatchObject({ ok: true, data: { appName: '暖警台账' } });
    // Other cookies of 127.0.0.1 beside it do not matter.
    const among = await call('app.info', {}, { cookie: `theme=dark; ${cookie}; lang=zh` });
    expect(among.status).toBe(200);
  });

  it('refuses a wrong token in the cookie, a wrong header even beside a good cookie, and another port’s cookie', async () => {
    const cookie = await pageCookie();
    const wrongCookie = await call('app.info', {}, { cookie: `nuanjing_token_${server.port}=${server.token.slice(0, -1)}${server.token.endsWith('x') ? 'y' : 'x'}` });
    expect(wrongCookie.status).toBe(401);
    expect(wrongCookie.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED', message: expect.stringContaining('访问口令') } });
    const wrongHeader = await call('app.info', {}, { cookie, [TOKEN_HEADER]: 'wrong' });
    expect(wrongHeader.status).toBe(401);
    const otherPort = await call('app.info', {}, { cookie: `nuanjing_token_${server.port + 1}=${server.token}` });
    expect(otherPort.status).toBe(401);
  });

  it('refuses the cookie when another site’s page sends it (Sec-Fetch-Site, Origin)', async () => {
    const cookie = await pageCookie();
    const crossSite = await call('app.info', {}, { cookie, 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    expect(crossSite.json().error.code).toBe('ORIGIN_REFUSED');
    const sameSite = await call('app.info', {}, { cookie, 'sec-fetch-site': 'same-site', origin: `http://127.0.0.1:${server.port + 1}` });
    expect(sameSite.status).toBe(403);
  });

  it('refuses a call with the token in the query string (401, in Chinese), even a correct one, and runs nothing', async () => {
    const variants: Record<string, string>[] = [{}, { [TOKEN_HEADER]: server.token }, { cookie: await pageCookie() }];
    for (const headers of variants) {
      const reply = await send({
        method: 'POST',
        path: `/api/call/station.setup?token=${server.token}`,
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ code: '330102-01', name: '北山派出所', role: 'station' }),
      });
      expect(reply.status).toBe(401);
      expect(reply.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
      expect(reply.json().error.message).toMatch(/访问口令不能写在接口网址里/);
    }
    expect(store.sqlite.prepare('SELECT count(*) AS n FROM station').get()).toEqual({ n: 0 });
  });

  it('answers a wrong token in the printed URL with a Chinese page and no cookie', async () => {
    const reply = await send({ path: `/?token=${server.token}x` });
    expect(reply.status).toBe(401);
    expect(reply.headers['set-cookie']).toBeUndefined();
    expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(reply.text).toContain('访问口令不正确');
    expect(reply.text).not.toContain('<div id="root">');
  });
});

describe('web mode: one body limit, derived from the bundle limit', () => {
  /** A sync upload of a file of `size` bytes with the longest, most escaped file name the contract allows. */
  function worstCaseUpload(size: number): string {
    return JSON.stringify({ fileName: '\u0000'.repeat(255), bytesBase64: Buffer.alloc(size, 0xff).toString('base64'), dryRun: true, operatorName: '"'.repeat(20) });
  }

  it('is the base64 of the largest bundle plus the JSON around it', () => {
    expect(DEFAULT_MAX_BODY_BYTES).toBe(Math.ceil(MAX_BUNDLE_FILE_BYTES / 3) * 4 + UPLOAD_JSON_OVERHEAD_BYTES);
    expect(worstCaseUpload(UPLOAD_LIMIT).length).toBeLessThanOrEqual(requestBodyLimitFor(UPLOAD_LIMIT));
  });

  it('lets through the upload of a file exactly at the limit, and a body exactly at the body limit', async () => {
    const atLimit = await send({ method: 'POST', path: '/api/call/sync.importBundle', headers: { [TOKEN_HEADER]: server.token }, body: worstCaseUpload(UPLOAD_LIMIT) });
    expect(atLimit.status).toBe(200);
    // Past the size check: the handler refuses it for what it is (no station set up yet).
    expect(atLimit.json().error.code).not.toBe('BODY_TOO_LARGE');

    const json = '{}';
    const exactly = await send({ method: 'POST', path: '/api/call/app.info', headers: { [TOKEN_HEADER]: server.token }, body: json + ' '.repeat(requestBodyLimitFor(UPLOAD_LIMIT) - json.length) });
    expect(exactly.status).toBe(200);
    expect(exactly.json()).toMatchObject({ ok: true });
  });

  it('refuses a body one byte over the limit with 413 and a Chinese message naming the file limit', async () => {
    const json = '{}';
    for (const chunked of [false, true]) {
      const over = await send({ method: 'POST', path: '/api/call/app.info', headers: { [TOKEN_HEADER]: server.token }, body: json + ' '.repeat(requestBodyLimitFor(UPLOAD_LIMIT) - json.length + 1), chunked });
      expect(over.status).toBe(413);
      expect(over.json()).toMatchObject({ ok: false, error: { code: 'BODY_TOO_LARGE' } });
      expect(over.json().error.message).toMatch(/一次最多上传 1 MB 的文件/);
    }
  });
});

describe('web mode: the pages', () => {
  it('serves index.html with the strict Content-Security-Policy, without a token', async () => {
    const page = await send({ path: '/' });
    expect(page.status).toBe(200);
    expect(page.text).toBe(INDEX_HTML);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves built assets, and index.html for any page path (client-side navigation)', async () => {
    const script = await send({ path: '/assets/app.js' });
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toMatch(/text\/javascript/);
    expect(script.text).toContain('暖警台账');
    const deep = await send({ path: '/staff/123?tab=family' });
    expect(deep.text).toBe(INDEX_HTML);
  });

  it('never serves a file outside the static folder', async () => {
    for (const path of ['/../secret.txt', '/..%2fsecret.txt', '/%2e%2e/secret.txt', '/assets/../../secret.txt', '/..%5csecret.txt', '/%2e%2e%2f%2e%2e%2fsecret.txt', '//../secret.txt']) {
      const reply = await send({ path });
      expect(reply.text, path).not.toContain(SECRET);
      expect([200, 400, 403, 404], path).toContain(reply.status);
    }
  });

  it('answers a malformed escape in a path without a server error', async () => {
    const reply = await send({ path: '/%E0%A4%A' });
    expect(reply.status).toBeLessThan(500);
  });
});

describe('web mode: the event stream', () => {
  function openStream(path: string, headers: Record<string, string>): Promise<{ status: number; received: () => string; close: () => void; waitFor: (text: string) => Promise<string> }> {
    return new Promise((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port: server.port, path, headers: { host: `127.0.0.1:${server.port}`, accept: 'text/event-stream', ...headers } }, (res) => {
        let buffer = '';
        const waiters: { text: string; done: (all: string) => void }[] = [];
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          for (const waiter of waiters.splice(0)) {
            if (buffer.includes(waiter.text)) waiter.done(buffer);
            else waiters.push(waiter);
          }
        });
        resolve({
          status: res.statusCode ?? 0,
          received: () => buffer,
          close: () => req.destroy(),
          waitFor: (text) =>
            new Promise((done, fail) => {
              if (buffer.includes(text)) return done(buffer);
              const timer = setTimeout(() => fail(new Error(`no "${text}" in the stream; got: ${buffer}`)), 5000);
              waiters.push({ text, done: (all) => (clearTimeout(timer), done(all)) });
            }),
        });
      });
      req.on('error', reject);
      req.end();
    });
  }

  it('refuses the stream without the token, or with the token in its URL', async () => {
    const reply = await send({ path: '/api/events' });
    expect(reply.status).toBe(401);
    const inUrl = await send({ path: `/api/events?token=${server.token}` });
    expect(inUrl.status).toBe(401);
    expect(inUrl.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED', message: expect.stringContaining('网址') } });
  });

  it('opens the stream with the page’s cookie', async () => {
    const stream = await openStream('/api/events', { cookie: await pageCookie() });
    try {
      expect(stream.status).toBe(200);
      await stream.waitFor(': connected');
    } finally {
      stream.close();
    }
  });

  it('delivers an emitted event, and a handler’s data.changed, to an open page', async () => {
    const stream = await openStream('/api/events', { [TOKEN_HEADER]: server.token });
    try {
      expect(stream.status).toBe(200);
      await stream.waitFor(': connected');
      server.emit('task.progress', { taskId: 't1', label: '导入人员', done: 3, total: 10 });
      const text = await stream.waitFor('event: task.progress');
      expect(text).toContain('data: {"taskId":"t1","label":"导入人员","done":3,"total":10}');

      await call('station.setup', { code: '330102-01', name: '北山派出所', role: 'station' });
      expect(await stream.waitFor('event: data.changed')).toMatch(/data: \{"tables":\["station"\],"rowIds":\{"station":\["[^"]+"\]\}\}/);
    } finally {
      stream.close();
    }
  });
});

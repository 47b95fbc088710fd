import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerAppRequest, APP_ORIGIN, APP_PAGE_URL, type AppAnswer, type AppRequest } from '../../electron/files/app-scheme';
import { CONTENT_SECURITY_POLICY } from '../../electron/web/web-server';
import { rendererFolder } from '../support/renderer-folder';

// The desktop app's app:// protocol: which file of the built renderer answers which request, and
// with which headers (electron/shell/app-protocol.ts only hands Electron's requests to this).

let folder: ReturnType<typeof rendererFolder>;
beforeAll(() => {
  folder = rendererFolder();
});
afterAll(() => folder.remove());

function get(url: string, extra: Partial<AppRequest> = {}) {
  return answerAppRequest(folder.root, { url, method: 'GET', ...extra });
}

/** Asserts a refusal: the status, no file, and the policy header even on the refusal. */
function expectRefused(answer: AppAnswer, status: number, label: string): void {
  expect(answer.status, label).toBe(status);
  expect(answer.filePath, label).toBeUndefined();
  expect(answer.headers['content-security-policy'], label).toBe(CONTENT_SECURITY_POLICY);
}

describe('app:// requests', () => {
  it('answers the page with index.html and web mode’s Content-Security-Policy', () => {
    for (const url of [APP_PAGE_URL, 'app://renderer/', 'app://renderer', `${APP_PAGE_URL}?x=1#/roster`]) {
      const answer = get(url);
      expect(answer.status, url).toBe(200);
      expect(answer.filePath, url).toBe(join(folder.root, 'index.html'));
      expect(answer.headers, url).toMatchObject({
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'referrer-policy': 'no-referrer',
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
      });
    }
  });

  it('answers the page’s scripts, styles and fonts, for GET and HEAD', () => {
    expect(get('app://renderer/assets/index-abc.js')).toMatchObject({ status: 200, filePath: join(folder.root, 'assets', 'index-abc.js'), headers: { 'content-type': 'text/javascript; charset=utf-8' } });
    expect(get('app://renderer/assets/index-abc.css')).toMatchObject({ status: 200, headers: { 'content-type': 'text/css; charset=utf-8' } });
    expect(answerAppRequest(folder.root, { url: 'app://renderer/assets/fonts/noto.woff2', method: 'HEAD' })).toMatchObject({ status: 200, headers: { 'content-type': 'font/woff2' } });
  });

  it('answers a path that names no file with 404, not with the page (unlike web mode)', () => {
    for (const url of ['app://renderer/roster', 'app://renderer/assets/missing.js', 'app://renderer/assets/']) {
      expectRefused(get(url), 404, url);
    }
  });

  it('serves only the host renderer', () => {
    for (const url of ['app://other/index.html', 'app://renderer.example.com/index.html', 'app://renderer:8080/index.html', 'app://user@renderer/index.html', 'app://user:pw@renderer/index.html', 'app:index.html', 'file:///etc/passwd', `file://${join(folder.root, 'index.html')}`, 'https://renderer/index.html']) {
      expectRefused(get(url), 404, url);
    }
    expectRefused(get('not a url'), 400, 'not a url');
  });

  it('never answers with a file outside the renderer folder, however the path is written', () => {
    const cases: [string, number][] = [
      ['app://renderer/..%2fsecret.txt', 403],
      ['app://renderer/%2e%2e%2fsecret.txt', 403],
      ['app://renderer/assets/..%2F..%2Fsecret.txt', 403],
      ['app://renderer/..%2frenderer-private%2fkeys.txt', 403],
      ['app://renderer/..%5csecret.txt', 400],
      ['app://renderer/..\\secret.txt', 400],
      ['app://renderer/index.html%00.js', 400],
      ['app://renderer/%E0%A4%A', 400],
      // dot segments are resolved by URL parsing (as Chromium does) and stay inside the folder
      ['app://renderer/../secret.txt', 404],
      ['app://renderer/%2e%2e/%2e%2e/secret.txt', 404],
      ['app://renderer/assets/../../renderer-private/keys.txt', 404],
      [`app://renderer/${join(folder.outside, 'secret.txt')}`, 404],
    ];
    for (const [url, status] of cases) {
      expectRefused(get(url), status, url);
    }
  });

  it('refuses anything but GET and HEAD', () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS', 'get']) {
      const answer = answerAppRequest(folder.root, { url: APP_PAGE_URL, method });
      expectRefused(answer, 405, method);
      expect(answer.headers.allow).toBe('GET, HEAD');
    }
  });

  it('serves requests the browser starts or our own page makes, refuses those of any other origin', () => {
    expect(get(APP_PAGE_URL, { initiatorOrigin: undefined }).status).toBe(200);
    expect(get('app://renderer/assets/index-abc.js', { initiatorOrigin: APP_ORIGIN }).status).toBe(200);
    for (const origin of ['https://example.com', 'null', 'file://', 'app://other', 'http://127.0.0.1:41234']) {
      expectRefused(get('app://renderer/assets/index-abc.js', { initiatorOrigin: origin }), 403, origin);
    }
  });
});

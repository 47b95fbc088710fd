import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentTypeOf, resolveRendererFile, type RendererFile } from '../../electron/files/renderer-files';
import { rendererFolder } from '../support/renderer-folder';

// Which file of the built renderer answers a request path: the one mapping behind web mode's HTTP
// server and the desktop app's app:// protocol.

let folder: ReturnType<typeof rendererFolder>;
beforeAll(() => {
  folder = rendererFolder();
});
afterAll(() => folder.remove());

const strict = { indexForUnknownPaths: false };
const lenient = { indexForUnknownPaths: true };

function fileOf(answer: RendererFile): string | undefined {
  return answer.found ? answer.filePath : undefined;
}

describe('resolveRendererFile', () => {
  it('answers / and /index.html with index.html as HTML', () => {
    for (const path of ['/', '/index.html', '', '/assets/../index.html']) {
      const answer = resolveRendererFile(folder.root, path, strict);
      expect(answer, path).toEqual({ found: true, filePath: join(folder.root, 'index.html'), contentType: 'text/html; charset=utf-8', isHtml: true });
    }
  });

  it('answers a built asset with its content type', () => {
    expect(resolveRendererFile(folder.root, '/assets/index-abc.js', strict)).toEqual({
      found: true,
      filePath: join(folder.root, 'assets', 'index-abc.js'),
      contentType: 'text/javascript; charset=utf-8',
      isHtml: false,
    });
    expect(fileOf(resolveRendererFile(folder.root, '/assets/fonts/noto.woff2', strict))).toBe(join(folder.root, 'assets', 'fonts', 'noto.woff2'));
  });

  it('answers a path that names no file with 404 for app://, and with index.html for web mode', () => {
    for (const path of ['/roster', '/assets/missing.js', '/assets', '/assets/']) {
      expect(resolveRendererFile(folder.root, path, strict), path).toEqual({ found: false, status: 404 });
    }
    expect(fileOf(resolveRendererFile(folder.root, '/roster', lenient))).toBe(join(folder.root, 'index.html'));
  });

  it('refuses every escape from the folder: .., %2e%2e, %2f and a sibling folder with a similar name', () => {
    for (const path of [
      '/..',
      '/%2e%2e',
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E/secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/../renderer-private/keys.txt',
      '/..%2frenderer-private%2fkeys.txt',
      '../secret.txt',
    ]) {
      expect(resolveRendererFile(folder.root, path, strict), path).toEqual({ found: false, status: 403 });
      expect(resolveRendererFile(folder.root, path, lenient), path).toEqual({ found: false, status: 403 });
    }
  });

  it('refuses a backslash, NUL and malformed escapes as bad requests', () => {
    for (const path of ['/..\\secret.txt', '/..%5csecret.txt', '/..%5Csecret.txt', '/assets\\index-abc.js', '/index.html%00', '/index.html\0.js', '/%00', '/%E0%A4%A', '/%']) {
      expect(resolveRendererFile(folder.root, path, lenient), JSON.stringify(path)).toEqual({ found: false, status: 400 });
    }
  });

  it('reads an absolute path as a path inside the folder, never as the file it names', () => {
    const secret = join(folder.outside, 'secret.txt');
    for (const path of [`/${secret}`, `/${encodeURIComponent(secret)}`, '//etc/passwd', '/C:/Windows/win.ini']) {
      const answer = resolveRendererFile(folder.root, path, strict);
      expect(answer, path).toEqual({ found: false, status: 404 });
    }
  });
});

describe('contentTypeOf', () => {
  it('names the types a Vite build writes, by extension in any case, and bytes otherwise', () => {
    expect(contentTypeOf('INDEX.HTML')).toBe('text/html; charset=utf-8');
    expect(contentTypeOf('a.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeOf('a.mjs')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('a.svg')).toBe('image/svg+xml');
    expect(contentTypeOf('a.woff2')).toBe('font/woff2');
    expect(contentTypeOf('a.sqlite')).toBe('application/octet-stream');
    expect(contentTypeOf('Makefile')).toBe('application/octet-stream');
  });
});

import { existsSync, statSync } from 'node:fs';
import { extname, isAbsolute, relative, resolve } from 'node:path';

// Which file of the built renderer (dist/renderer) answers a request path: one mapping for web
// mode's HTTP server and the desktop app's app:// protocol, so both refuse the same escapes
// (`..`, `%2e%2e`, `%2f`, `\`, absolute and drive paths, NUL). Plain Node, tested in Node.

/** Content types of the files a Vite build writes; anything else is served as bytes. */
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

/** The content type of a file by its extension (`application/octet-stream` if unknown). */
export function contentTypeOf(filePath: string): string {
  return CONTENT_TYPES[extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/** The answer to a request path: a file inside the renderer folder, or the status to refuse with. */
export type RendererFile =
  | { found: true; filePath: string; contentType: string; isHtml: boolean }
  | { found: false; status: 400 | 403 | 404 };

export interface RendererFileOptions {
  /**
   * Answer a path that names no file with index.html (web mode, where the address bar may hold a
   * page path); otherwise such a path is a 404 (the app:// protocol). `/` is index.html either way.
   */
  indexForUnknownPaths: boolean;
}

/** Whether `candidate` is `root` itself or lies inside it (no `..` step, not on another drive). */
export function isInsideFolder(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}

/**
 * Maps the path of a request URL (still percent-encoded, without query or hash) to a file under
 * `root`. Malformed escapes, NUL and backslashes are a 400; anything that resolves outside `root`
 * is a 403; `/` is index.html.
 */
export function resolveRendererFile(root: string, pathname: string, options: RendererFileOptions): RendererFile {
  const folder = resolve(root);
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { found: false, status: 400 };
  }
  // A backslash is a separator on Windows and never part of a built file's name.
  if (decoded.includes('\0') || decoded.includes('\\')) return { found: false, status: 400 };
  const candidate = resolve(folder, `.${decoded.startsWith('/') ? '' : '/'}${decoded}`);
  if (!isInsideFolder(folder, candidate)) return { found: false, status: 403 };

  const index = resolve(folder, 'index.html');
  let filePath = candidate;
  if (candidate === folder) filePath = index;
  else if (!isFile(candidate)) {
    if (!options.indexForUnknownPaths) return { found: false, status: 404 };
    filePath = index;
  }
  if (!isFile(filePath)) return { found: false, status: 404 };
  return { found: true, filePath, contentType: contentTypeOf(filePath), isHtml: extname(filePath).toLowerCase() === '.html' };
}

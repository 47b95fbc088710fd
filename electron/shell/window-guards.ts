import type { IpcMainInvokeEvent, Session, WebContents } from 'electron';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// The security rules of ARCHITECTURE.md ("Electron shell"): a strict CSP, no navigation away from
// the app's own page, no new windows, no webviews, every permission denied, and IPC accepted only
// from the main frame of our own window showing our own page.

/** Whether `url` is the app's own page (`file://…/dist/renderer/index.html`, any hash or query). */
export function isAppPageUrl(url: string, indexHtmlPath: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'file:') return false;
  parsed.hash = '';
  parsed.search = '';
  let path: string;
  try {
    path = resolve(fileURLToPath(parsed));
  } catch {
    return false;
  }
  const expected = resolve(indexHtmlPath);
  return process.platform === 'win32' ? path.toLowerCase() === expected.toLowerCase() : path === expected;
}

/**
 * Session-wide rules: the Content-Security-Policy on every response (the page's own `<meta>` CSP
 * stays the guarantee for `file://`, where Chromium may not pass responses through this hook), and
 * every permission request or check denied (camera, notifications, geolocation, …).
 */
export function hardenSession(session: Session, contentSecurityPolicy: string): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    if (details.url.startsWith('devtools:')) {
      callback({});
      return;
    }
    const headers = { ...(details.responseHeaders ?? {}) };
    for (const name of Object.keys(headers)) {
      if (name.toLowerCase() === 'content-security-policy') delete headers[name];
    }
    headers['Content-Security-Policy'] = [contentSecurityPolicy];
    callback({ responseHeaders: headers });
  });
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/**
 * Per-window rules: the page may not navigate anywhere but the app's own page, may not open
 * windows, may not attach a `<webview>`.
 */
export function guardWebContents(contents: WebContents, indexHtmlPath: string): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event) => {
    if (!isAppPageUrl(event.url, indexHtmlPath)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isAppPageUrl(event.url, indexHtmlPath)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppPageUrl(event.url, indexHtmlPath)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Whether an IPC call comes from the main frame of `contents` while it shows the app's own page. */
export function isTrustedSender(event: IpcMainInvokeEvent, contents: WebContents | undefined, indexHtmlPath: string): boolean {
  if (!contents || contents.isDestroyed() || event.sender !== contents) return false;
  const frame = event.senderFrame;
  const main = contents.mainFrame;
  if (!frame || frame.processId !== main.processId || frame.routingId !== main.routingId) return false;
  return isAppPageUrl(frame.url, indexHtmlPath);
}

import type { Session, WebContents } from 'electron';
import { isAppPageUrl } from '../files/app-scheme';

// The security rules of ARCHITECTURE.md ("Electron shell"): a strict CSP, no navigation away from
// the app's own page (app://renderer/index.html), no new windows, no webviews, every permission
// denied, and IPC accepted only from the main frame of our own window showing our own page.
// The decisions are the exported functions that take plain values (tested in Node); hardenSession
// and guardWebContents only hook them into Electron. This file imports Electron's types only.

/**
 * Whether the window (or a frame in it) may navigate, or be redirected, to `url`: only to the app's
 * own page, `app://renderer/index.html` with any hash or query. Not file:// (not even our own
 * build folder), http(s), `javascript:`, `data:`, another app:// host or path.
 */
export function mayNavigateTo(url: string): boolean {
  return isAppPageUrl(url);
}

/**
 * The answer to every `window.open`, `target="_blank"` link or form aimed at a new window: denied,
 * and not handed to the system browser either (the ledger's PC is offline, and a page's link is
 * no reason to start another program).
 */
export function windowOpenAnswer(_url: string): { action: 'deny' } {
  return { action: 'deny' };
}

/**
 * Whether the page may have a permission (camera, microphone, notifications, geolocation, HID,
 * USB, clipboard reading, …): never. The ledger needs none.
 */
export function mayHavePermission(_permission: string): boolean {
  return false;
}

/**
 * Response headers with the app's Content-Security-Policy in place of any the response carried
 * (under whatever capitalisation), the other headers unchanged.
 */
export function withContentSecurityPolicy(
  responseHeaders: Record<string, string[]> | undefined,
  contentSecurityPolicy: string,
): Record<string, string[]> {
  const headers: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(responseHeaders ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') headers[name] = value;
  }
  headers['Content-Security-Policy'] = [contentSecurityPolicy];
  return headers;
}

/** What the sender check reads of a frame (an Electron `WebFrameMain` has it). */
export interface FrameIdentity {
  readonly processId: number;
  readonly routingId: number;
  readonly url: string;
  readonly detached?: boolean;
}

/** What the sender check reads of an IPC event (an Electron `IpcMainInvokeEvent` has it). */
export interface IpcSenderEvent {
  readonly sender: unknown;
  readonly senderFrame: FrameIdentity | null;
}

/** What the sender check reads of our window's contents (an Electron `WebContents` has it). */
export interface OwnWindowContents {
  isDestroyed(): boolean;
  readonly mainFrame: FrameIdentity;
}

/**
 * Whether an IPC call comes from our window's contents, from its main frame (not an iframe, not a
 * frame that has gone), while that frame shows the app's own page.
 */
export function isTrustedSender(event: IpcSenderEvent, contents: OwnWindowContents | undefined): boolean {
  if (!contents || contents.isDestroyed() || event.sender !== contents) return false;
  const frame = event.senderFrame;
  const main = contents.mainFrame;
  if (!frame || frame.detached === true || frame.processId !== main.processId || frame.routingId !== main.routingId) return false;
  return isAppPageUrl(frame.url);
}

/**
 * Session-wide rules: the Content-Security-Policy on every response (the app:// protocol sends it
 * too; DevTools' own pages are left alone), and every permission request, check and device
 * request denied.
 */
export function hardenSession(session: Session, contentSecurityPolicy: string): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    if (details.url.startsWith('devtools:')) {
      callback({});
      return;
    }
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders, contentSecurityPolicy) });
  });
  session.setPermissionRequestHandler((_webContents, permission, callback) => callback(mayHavePermission(permission)));
  session.setPermissionCheckHandler((_webContents, permission) => mayHavePermission(permission));
  session.setDevicePermissionHandler((details) => mayHavePermission(details.deviceType));
}

/**
 * Per-window rules: the page may not navigate anywhere but the app's own page, may not open
 * windows, may not attach a `<webview>`.
 */
export function guardWebContents(contents: WebContents): void {
  contents.setWindowOpenHandler((details) => windowOpenAnswer(details.url));
  contents.on('will-navigate', (event) => {
    if (!mayNavigateTo(event.url)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!mayNavigateTo(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!mayNavigateTo(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

import { EventEmitter } from 'node:events';
import type { Session, WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { APP_PAGE_URL } from '../../electron/files/app-scheme';
import { CONTENT_SECURITY_POLICY } from '../../electron/files/content-security-policy';
import {
  guardWebContents,
  hardenSession,
  isTrustedSender,
  mayHavePermission,
  mayNavigateTo,
  windowOpenAnswer,
  withContentSecurityPolicy,
  type FrameIdentity,
  type OwnWindowContents,
} from '../../electron/shell/window-guards';

// The window guards' decisions are plain functions; the last two groups hook them into stand-ins
// for Electron's WebContents and Session (Electron itself cannot run here) to show the wiring
// reaches them for every event it claims to guard.

const refusedNavigations = [
  // our own build folder, the way the window used to load it: file:// is no longer the app's page
  'file:///opt/nuanjing-ledger/resources/app.asar/dist/renderer/index.html',
  'file:///C:/Program%20Files/nuanjing-ledger/resources/app.asar/dist/renderer/index.html',
  'file:///etc/passwd',
  'file:///C:/Windows/win.ini',
  'file://renderer/index.html',
  'http://127.0.0.1:41234/',
  'http://renderer/index.html',
  'https://example.com/index.html',
  'https://renderer/index.html',
  'javascript:alert(document.cookie)',
  'data:text/html,<script>alert(1)</script>',
  'about:blank',
  'blob:app://renderer/6f1c9a1e-0000-4000-8000-000000000000',
  'devtools://devtools/bundled/inspector.html',
  // app:// but not our page: another host, a port, user information, another path
  'app://other/index.html',
  'app://renderer.example.com/index.html',
  'app://renderer:8080/index.html',
  'app://user@renderer/index.html',
  'app://user:secret@renderer/index.html',
  'app://renderer/',
  'app://renderer/index.htm',
  'app://renderer/other.html',
  'app://renderer/assets/index.js',
  'app://renderer/index.html/extra',
  'app:index.html',
  '',
  'index.html',
  'not a url',
];

describe('navigation', () => {
  it('allows the app’s own page, with any hash or query', () => {
    for (const url of [APP_PAGE_URL, `${APP_PAGE_URL}#/roster`, `${APP_PAGE_URL}?station=1`, `${APP_PAGE_URL}?a=b#/sync`, 'app://renderer/index.html']) {
      expect(mayNavigateTo(url), url).toBe(true);
    }
  });

  it('refuses file://, the web, javascript:, data: and any other app:// host or path', () => {
    for (const url of refusedNavigations) expect(mayNavigateTo(url), url).toBe(false);
  });
});

describe('new windows', () => {
  it('denies every window.open, whatever it aims at, and opens nothing outside', () => {
    for (const url of [APP_PAGE_URL, 'https://example.com/', 'about:blank', 'file:///etc/passwd', '']) {
      expect(windowOpenAnswer(url), url).toEqual({ action: 'deny' });
    }
  });
});

describe('permissions', () => {
  it('grants none', () => {
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'clipboard-sanitized-write', 'fullscreen', 'openExternal', 'hid', 'usb', 'serial', 'unknown']) {
      expect(mayHavePermission(permission), permission).toBe(false);
    }
  });
});

describe('Content-Security-Policy header', () => {
  it('replaces a response’s own policy, under any capitalisation, and keeps the other headers', () => {
    const headers = withContentSecurityPolicy(
      {
        'content-security-policy': ["default-src *"],
        'CONTENT-SECURITY-POLICY': ["script-src 'unsafe-eval'"],
        'Content-Type': ['text/html'],
        'X-Other': ['1', '2'],
      },
      CONTENT_SECURITY_POLICY,
    );
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'X-Other': ['1', '2'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });

  it('adds the policy to a response that had no headers', () => {
    expect(withContentSecurityPolicy(undefined, CONTENT_SECURITY_POLICY)).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });
});

describe('IPC sender check', () => {
  /** Our window's contents, its main frame showing `url`. */
  function ownWindow(url = `${APP_PAGE_URL}#/roster`): OwnWindowContents & { destroyed: boolean; mainFrame: FrameIdentity } {
    return {
      destroyed: false,
      isDestroyed() {
        return this.destroyed;
      },
      mainFrame: { processId: 7, routingId: 1, url },
    };
  }
  /** An IPC event as Electron builds it: its own frame object, equal in ids to the one it stands for. */
  function callFrom(sender: unknown, frame: FrameIdentity | null) {
    return { sender, senderFrame: frame && { ...frame } };
  }

  it('accepts the main frame of our window showing our page', () => {
    const contents = ownWindow();
    expect(isTrustedSender(callFrom(contents, contents.mainFrame), contents)).toBe(true);
    const withQuery = ownWindow(`${APP_PAGE_URL}?x=1`);
    expect(isTrustedSender(callFrom(withQuery, withQuery.mainFrame), withQuery)).toBe(true);
  });

  it('refuses a frame that is not our window’s main frame', () => {
    const contents = ownWindow();
    const iframe = { processId: 7, routingId: 2, url: APP_PAGE_URL };
    expect(isTrustedSender(callFrom(contents, iframe), contents)).toBe(false);
    const otherProcess = { processId: 8, routingId: 1, url: APP_PAGE_URL };
    expect(isTrustedSender(callFrom(contents, otherProcess), contents)).toBe(false);
    expect(isTrustedSender(callFrom(contents, null), contents)).toBe(false);
    expect(isTrustedSender(callFrom(contents, { ...contents.mainFrame, detached: true }), contents)).toBe(false);
  });

  it('refuses another window’s contents, even one showing our page', () => {
    const contents = ownWindow();
    const other = ownWindow();
    expect(isTrustedSender(callFrom(other, other.mainFrame), contents)).toBe(false);
  });

  it('refuses our main frame once it shows anything but our page', () => {
    for (const url of ['file:///opt/nuanjing-ledger/resources/app.asar/dist/renderer/index.html', 'https://example.com/', 'app://other/index.html', 'app://renderer/other.html', 'about:blank', 'data:text/html,x']) {
      const contents = ownWindow(url);
      expect(isTrustedSender(callFrom(contents, contents.mainFrame), contents), url).toBe(false);
    }
  });

  it('refuses everything when the window is gone or destroyed', () => {
    const contents = ownWindow();
    expect(isTrustedSender(callFrom(contents, contents.mainFrame), undefined)).toBe(false);
    contents.destroyed = true;
    expect(isTrustedSender(callFrom(contents, contents.mainFrame), contents)).toBe(false);
  });
});

/** A navigation event as Electron passes it to `will-navigate` and its kin. */
function navigationEvent(url: string) {
  return {
    url,
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

describe('guardWebContents (wiring)', () => {
  /** A stand-in for Electron's WebContents: an event emitter with a window-open handler slot. */
  function fakeContents() {
    const contents = Object.assign(new EventEmitter(), {
      openHandler: undefined as undefined | ((details: { url: string }) => unknown),
      setWindowOpenHandler(handler: (details: { url: string }) => unknown) {
        contents.openHandler = handler;
      },
    });
    guardWebContents(contents as unknown as WebContents);
    return contents;
  }

  it('stops every navigation, frame navigation and redirect away from our page, and lets our page through', () => {
    const contents = fakeContents();
    for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      for (const url of ['https://example.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'app://other/index.html']) {
        const event = navigationEvent(url);
        contents.emit(name, event);
        expect(event.defaultPrevented, `${name} ${url}`).toBe(true);
      }
      const own = navigationEvent(`${APP_PAGE_URL}#/sync`);
      contents.emit(name, own);
      expect(own.defaultPrevented, `${name} own page`).toBe(false);
    }
  });

  it('denies new windows and stops every <webview>', () => {
    const contents = fakeContents();
    expect(contents.openHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: APP_PAGE_URL })).toEqual({ action: 'deny' });
    const attach = navigationEvent('');
    contents.emit('will-attach-webview', attach);
    expect(attach.defaultPrevented).toBe(true);
  });
});

describe('hardenSession (wiring)', () => {
  type HeadersListener = (details: { url: string; responseHeaders?: Record<string, string[]> }, callback: (response: object) => void) => void;
  /** A stand-in for Electron's Session that keeps the handlers it is given. */
  function fakeSession() {
    const handlers = {
      headers: undefined as HeadersListener | undefined,
      request: undefined as undefined | ((webContents: unknown, permission: string, callback: (granted: boolean) => void) => void),
      check: undefined as undefined | ((webContents: unknown, permission: string) => boolean),
      device: undefined as undefined | ((details: { deviceType: string }) => boolean),
    };
    const session = {
      webRequest: { onHeadersReceived: (listener: HeadersListener) => (handlers.headers = listener) },
      setPermissionRequestHandler: (handler: typeof handlers.request) => (handlers.request = handler),
      setPermissionCheckHandler: (handler: typeof handlers.check) => (handlers.check = handler),
      setDevicePermissionHandler: (handler: typeof handlers.device) => (handlers.device = handler),
    };
    hardenSession(session as unknown as Session, CONTENT_SECURITY_POLICY);
    return handlers;
  }

  it('puts our policy on every response but DevTools’ own', () => {
    const handlers = fakeSession();
    const answers: object[] = [];
    handlers.headers?.({ url: 'app://renderer/index.html', responseHeaders: { 'content-security-policy': ['default-src *'] } }, (a) => answers.push(a));
    handlers.headers?.({ url: 'devtools://devtools/bundled/inspector.html', responseHeaders: {} }, (a) => answers.push(a));
    expect(answers).toEqual([{ responseHeaders: { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } }, {}]);
  });

  it('denies every permission request, check and device', () => {
    const handlers = fakeSession();
    const granted: boolean[] = [];
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read']) {
      handlers.request?.({}, permission, (answer) => granted.push(answer));
      expect(handlers.check?.({}, permission), permission).toBe(false);
    }
    expect(granted).toEqual([false, false, false, false]);
    for (const deviceType of ['hid', 'serial', 'usb']) expect(handlers.device?.({ deviceType }), deviceType).toBe(false);
  });
});

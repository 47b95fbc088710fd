import { protocol, type Session } from 'electron';
import { readFile } from 'node:fs/promises';
import { answerAppRequest, APP_SCHEME } from '../files/app-scheme';

// The app:// protocol that serves the packaged renderer (dist/renderer, inside app.asar when
// packaged) instead of file://. Thin on purpose: which file answers which request, and with which
// headers, is decided by electron/files/app-scheme.ts, tested in Node.

/**
 * Registers `app:` as a standard, secure scheme with the Fetch API (relative URLs, a real origin
 * for `'self'` in the CSP, ES module scripts). No `corsEnabled`: other origins cannot read it.
 * Must run before the app is ready.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** Answers `app://renderer/…` in `session` from the built renderer in `rendererRoot`. */
export function serveAppProtocol(session: Session, rendererRoot: string): void {
  session.protocol.handle(APP_SCHEME, async (request) => {
    const answer = answerAppRequest(rendererRoot, {
      url: request.url,
      method: request.method,
      initiatorOrigin: (request as Request & { initiatorOrigin?: string }).initiatorOrigin,
    });
    if (answer.status !== 200) return new Response(null, { status: answer.status, headers: answer.headers });
    try {
      const body = request.method === 'HEAD' ? null : new Uint8Array(await readFile(answer.filePath));
      return new Response(body, { status: 200, headers: answer.headers });
    } catch (error) {
      console.error(`[app://] ${answer.filePath} not read:`, error);
      return new Response(null, { status: 500 });
    }
  });
}

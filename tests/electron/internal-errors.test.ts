import { request as httpRequest } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiCallError } from '../../shared/contract/api-contract';
import type { ApiErrorBody } from '../../shared/contract/api-error';
import type { LedgerStore } from '../../db/ledger-store';
import { createAppDeps, type AppDeps } from '../../electron/app-deps';
import { appHandlers } from '../../electron/handlers/app-handlers';
import { HandlerRegistry } from '../../electron/handlers/handler-registry';
import { errorBodyOf, internalErrorMessage } from '../../electron/handlers/internal-error';
import { createInProcessClient } from '../../electron/transports/in-process-client';
import { startWebServer, TOKEN_HEADER } from '../../electron/web/web-server';
import { openMemoryLedger, tempFolder } from '../support/test-ledger';

/** What a low-level failure says about itself: SQL and a path the clerk must never see. */
const RAW = 'SQLITE_ERROR: no such column x in /home/a/b.sqlite';

let store: LedgerStore;
let deps: AppDeps;
let logged: { mock: { calls: unknown[][] }; mockRestore(): void };

beforeEach(async () => {
  store = await openMemoryLedger();
  deps = createAppDeps(store);
  logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
});

afterEach(() => {
  vi.restoreAllMocks();
  store.close();
});

/** A registry whose `app.stats` fails the way a broken query does. */
function failingRegistry(failure: () => never = () => {
  throw new Error(RAW);
}): HandlerRegistry {
  const registry = new HandlerRegistry();
  registry.registerAll({ ...appHandlers, 'app.stats': failure });
  return registry;
}

/** The error is for the clerk: INTERNAL_ERROR, Chinese, a reference, nothing internal. */
function expectClerkSafe(error: ApiErrorBody | ApiCallError): string {
  expect(error.code).toBe('INTERNAL_ERROR');
  expect(error.message).toMatch(/^操作未能完成：程序内部出错（错误编号 [0-9A-F]{8}）。数据没有改动；请重试，仍然失败请联系技术支持并提供错误编号。$/);
  expect(error.message).not.toMatch(/SQLITE|\/home|column|\.sqlite|Error/);
  const reference = (error.details as { reference?: string } | undefined)?.reference ?? '';
  expect(error.message).toContain(`错误编号 ${reference}`);
  return reference;
}

/** The one log line of the failure: call name, reference, the raw message and its stack. */
function expectLogged(callName: string, reference: string): void {
  const lines = logged.mock.calls.map((args) => args.map(String).join(' '));
  const line = lines.find((l) => l.includes(reference));
  expect(line, lines.join('\n')).toBeDefined();
  expect(line).toContain(callName);
  expect(line).toContain(RAW);
  expect(line).toMatch(/\n\s+at /);
}

describe('an unexpected failure reaches the clerk as INTERNAL_ERROR, its detail only the log', () => {
  it('through the registry (the IPC path calls exactly this)', async () => {
    const response = await failingRegistry().dispatch(deps, 'app.stats', {});
    expect(response.ok).toBe(false);
    if (response.ok) return;
    expectLogged('app.stats', expectClerkSafe(response.error));
  });

  it('through the in-process client', async () => {
    const client = createInProcessClient(failingRegistry(), deps);
    const error = (await client.call('app.stats', {}).catch((e: unknown) => e)) as ApiCallError;
    expect(error).toBeInstanceOf(ApiCallError);
    expectLogged('app.stats', expectClerkSafe(error));
  });

  it('through web mode’s HTTP API', async () => {
    const folder = tempFolder('nuanjing-internal-');
    mkdirSync(join(folder.path, 'renderer'));
    writeFileSync(join(folder.path, 'renderer', 'index.html'), '<!doctype html><title>暖警台账</title>');
    const server = await startWebServer({ registry: failingRegistry(), deps, staticDir: join(folder.path, 'renderer'), port: 0 });
    try {
      const reply = await new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = httpRequest(
          { host: '127.0.0.1', port: server.port, method: 'POST', path: '/api/call/app.stats', headers: { host: `127.0.0.1:${server.port}`, [TOKEN_HEADER]: server.token } },
          (res) => {
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => (text += chunk));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
          },
        );
        req.on('error', reject);
        req.end('{}');
      });
      expect(reply.status).toBe(200);
      expect(reply.text).not.toMatch(/SQLITE|\/home/);
      const body = JSON.parse(reply.text) as { ok: false; error: ApiErrorBody };
      expectLogged('app.stats', expectClerkSafe(body.error));
    } finally {
      await server.close();
      folder.remove();
    }
  });

  it('for a real SQLite error too (better-sqlite3’s SqliteError, code SQLITE_ERROR)', async () => {
    const registry = failingRegistry(() => {
      store.sqlite.prepare('SELECT x FROM no_such_table').all();
      throw new Error('unreachable');
    });
    const response = await registry.dispatch(deps, 'app.stats', {});
    if (response.ok) throw new Error('expected a failure');
    expectClerkSafe(response.error);
    const line = logged.mock.calls.map((args) => args.map(String).join(' ')).join('\n');
    expect(line).toContain('no_such_table');
    expect(line).toContain('SQLITE_ERROR');
  });

  it('gives each failure its own reference', async () => {
    const registry = failingRegistry();
    const references = new Set<string>();
    for (let i = 0; i < 20; i += 1) {
      const response = await registry.dispatch(deps, 'app.stats', {});
      if (!response.ok) references.add(expectClerkSafe(response.error));
    }
    expect(references.size).toBe(20);
  });
});

describe('what is not internal keeps its own code and message', () => {
  it('an AppError is passed as thrown; a storage failure keeps its storage code', () => {
    const busy = Object.assign(new Error('database is locked /home/a/b.sqlite'), { code: 'SQLITE_BUSY' });
    expect(errorBodyOf('x', busy)).toMatchObject({ code: 'DB_BUSY', message: expect.not.stringContaining('/home') });
    const full = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    expect(errorBodyOf('x', full)).toMatchObject({ code: 'DISK_FULL' });
    expect(logged).not.toHaveBeenCalled();
  });

  it('a thrown string or object is internal too', () => {
    const lines: string[] = [];
    const body = errorBodyOf('app.info', 'plain string /home/a', (line) => lines.push(line));
    expect(body.code).toBe('INTERNAL_ERROR');
    expect(body.message).toBe(internalErrorMessage((body.details as { reference: string }).reference));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('/home/a');
  });
});

import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiCallError } from '../../shared/contract/api-contract';
import { openLedgerStore, type LedgerStore } from '../../db/ledger-store';
import { createAppDeps } from '../../electron/app-deps';
import { createHandlerRegistry } from '../../electron/handlers/all-handlers';
import { describeStorageError } from '../../electron/handlers/storage-error';
import { createInProcessClient } from '../../electron/transports/in-process-client';
import { ROSTER_TEST_NOW, staffForm } from '../support/roster-client';
import { tempFolder } from '../support/test-ledger';
import { makeValidIdNumber } from '../../shared/id-number';
import { loggedFieldCount } from '../../db/change-log';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

async function openFileLedger(): Promise<LedgerStore> {
  const folder = tempFolder();
  const store = await openLedgerStore(join(folder.path, 'ledger.sqlite'), { wallClock: () => ROSTER_TEST_NOW });
  cleanups.push(() => {
    store.close();
    folder.remove();
  });
  return store;
}

describe('the PC, not the clerk: storage failures', () => {
  it('a full disk refuses the save with DISK_FULL in Chinese and leaves the ledger as it was', async () => {
    const store = await openFileLedger();
    const client = createInProcessClient(createHandlerRegistry(), createAppDeps(store, { userName: '王丽' }));
    await client.call('station.setup', { code: '330106-01', name: '北山派出所', role: 'station' });
    await client.call('staff.save', staffForm({ name: '张三' }));
    const counts = () => ({
      staff: (store.sqlite.prepare('SELECT COUNT(*) AS n FROM staff').get() as { n: number }).n,
      changeLog: loggedFieldCount(store),
      rowVersions: (store.sqlite.prepare('SELECT COUNT(*) AS n FROM row_version').get() as { n: number }).n,
    });

    // The database may not grow by a single page more: exactly what a full disk does to SQLite.
    store.sqlite.pragma(`max_page_count = ${store.sqlite.pragma('page_count', { simple: true }) as number}`);
    let failure: unknown;
    let beforeFailure = counts();
    for (let i = 0; i < 200 && failure === undefined; i += 1) {
      beforeFailure = counts();
      const person = staffForm({ name: `李${i}`, idNumber: makeValidIdNumber('330106', '1990-01-01', 100 + i), badgeNo: `9${i}`, notes: '备注'.repeat(90) });
      await client.call('staff.save', person).catch((error: unknown) => (failure = error));
    }
    expect(failure).toBeInstanceOf(ApiCallError);
    expect(failure).toMatchObject({ code: 'DISK_FULL' });
    expect((failure as ApiCallError).message).toMatch(/磁盘已满.*原有的数据完好.*清理/);
    // The failed save left nothing behind: no row, no change-log entry, no field version.
    expect(counts()).toEqual(beforeFailure);
    expect(store.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');

    // Space freed: the same save now works.
    store.sqlite.pragma('max_page_count = 1073741823');
    await expect(client.call('staff.save', staffForm({ name: '赵六', idNumber: makeValidIdNumber('330106', '1991-02-03', 7), badgeNo: '777' }))).resolves.toMatchObject({ name: '赵六' });
  });

  it('names a read-only ledger, a busy one and a failing disk; leaves other errors alone', () => {
    expect(describeStorageError({ code: 'SQLITE_READONLY' })?.code).toBe('DB_READ_ONLY');
    expect(describeStorageError({ code: 'SQLITE_BUSY_SNAPSHOT' })?.code).toBe('DB_BUSY');
    expect(describeStorageError({ code: 'SQLITE_IOERR_WRITE' })?.message).toMatch(/读写台账文件时出错/);
    expect(describeStorageError({ code: 'SQLITE_CONSTRAINT_UNIQUE' })).toBeNull();
    expect(describeStorageError(new Error('boom'))).toBeNull();
  });
});

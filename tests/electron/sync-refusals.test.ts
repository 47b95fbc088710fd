import { randomBytes } from 'node:crypto';
import { openSync, closeSync, ftruncateSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiCallError } from '../../shared/contract/api-contract';
import { AppError } from '../../shared/contract/api-error';
import { runCli } from '../../electron/cli/run-cli';
import { openBundle, readBundleHeader, sealBundle, type BundleHeader } from '../../electron/sync/bundle-envelope';
import { withFieldChanges, type BundlePayload } from '../../electron/sync/bundle-payload';
import { importBundle } from '../../electron/sync/bundle-import';
import { ownSiteKeys } from '../../electron/sync/own-site-keys';
import { generateSiteKeys } from '../../electron/sync/site-keys';
import { MAX_BUNDLE_FILE_BYTES, MAX_BUNDLE_INFLATED_BYTES } from '../../electron/sync/sync-limits';
import { openLedgerStore } from '../../db/ledger-store';
import { carry, createBureau, dumpStore, exportFor, importInto, openStationFile, pairStation, personInput, stationFromSetup, type CarriedBundle, type Site } from '../support/sync-sites';
import { manualClock, tempFolder } from '../support/test-ledger';

/**
 * Every refusal of the issue: the import fails with its code and a Chinese message that says what
 * to do, and the receiving database is exactly as it was (every table, local ones included).
 */

let bureau: Site;
let station: Site;
let genuine: CarriedBundle;


beforeAll(async () => {
  const clock = manualClock();
  bureau = await createBureau('330100', '杭州市公安局', { clock });
  station = await pairStation(bureau, '330102-01', '北山派出所', { clock });
  await station.client.call('staff.save', personInput(1));
  genuine = await exportFor(station, bureau);
});

async function expectRefused(site: Site, bytes: Buffer, code: string, fileName = 'x.njb'): Promise<ApiCallError> {
  const before = dumpStore(site.store);
  let failure: unknown;
  try {
    await importInto(site, { fileName, bytes });
  } catch (error) {
    failure = error;
  }
  expect(failure, `expected ${code}`).toBeInstanceOf(ApiCallError);
  const error = failure as ApiCallError;
  expect({ code: error.code, message: error.message }).toMatchObject({ code });
  expect(error.message).toMatch(/[\u4e00-\u9fa5]/);
  expect(error.message).toMatch(/请/);
  // Dry runs are refused the same way.
  await expect(importInto(site, { fileName, bytes }, true)).rejects.toMatchObject({ code });
  expect(dumpStore(site.store)).toEqual(before);
  return error;
}

/** The station's genuine payload, opened with the bureau's key. */
function genuinePayload(): { header: BundleHeader; payload: ReturnType<typeof withFieldChanges<BundlePayload>> } {
  const opened = openBundle({
    bytes: genuine.bytes,
    senderSigningPublicKey: ownSiteKeys(station.store).signingPublicKey,
    recipientEncryptionPrivateKey: ownSiteKeys(bureau.store).encryptionPrivateKey,
    expectedRecipientSiteId: bureau.store.siteId,
    maxFileBytes: MAX_BUNDLE_FILE_BYTES,
    maxInflatedBytes: 64 * 1024 * 1024,
  });
  return { header: opened.header, payload: withFieldChanges(JSON.parse(opened.payload.toString('utf8')) as BundlePayload) };
}

/** Seals a (modified) payload with the station's real keys for the bureau. */
function resealed(edit: (payload: ReturnType<typeof withFieldChanges<BundlePayload>>) => unknown, header: Partial<BundleHeader> = {}, signer = ownSiteKeys(station.store).signingPrivateKey): Buffer {
  const original = genuinePayload();
  const payload = structuredClone(original.payload);
  const replaced = edit(payload);
  const body = replaced === undefined ? JSON.stringify(payload) : typeof replaced === 'string' ? replaced : JSON.stringify(replaced);
  return sealBundle({
    header: { ...original.header, ...header },
    payload: Buffer.from(body, 'utf8'),
    senderSigningPrivateKey: signer,
    recipientEncryptionPublicKey: ownSiteKeys(bureau.store).encryptionPublicKey,
  });
}

function staffChange(payload: ReturnType<typeof withFieldChanges<BundlePayload>>) {
  const change = payload.changes.find((c) => c.t === 'staff' && c.c === 'gender');
  if (!change) throw new Error('no staff change in the genuine bundle');
  return change;
}

describe('files that are not a sync bundle', () => {
  it('refuses random bytes', async () => {
    await expectRefused(bureau, randomBytes(5000), 'BUNDLE_NOT_A_BUNDLE');
  });

  it('refuses an Excel workbook', async () => {
    const sheet = await station.client.call('roster.template', {});
    const xlsx = Buffer.from(sheet.bytesBase64, 'base64');
    expect(xlsx.subarray(0, 2).toString('latin1')).toBe('PK');
    const error = await expectRefused(bureau, xlsx, 'BUNDLE_NOT_A_BUNDLE', '人员名单.xlsx');
    expect(error.message).toContain('不是暖警台账的同步文件');
  });

  it('refuses an empty file, whether uploaded or read from disk', async () => {
    await expectRefused(bureau, Buffer.alloc(0), 'BUNDLE_EMPTY', 'x.njb');
    const before = dumpStore(bureau.store);
    expect(() => importBundle(bureau.deps, Buffer.alloc(0), { fileName: 'empty.njb', dryRun: false })).toThrow(expect.objectContaining({ code: 'BUNDLE_EMPTY' }));
    expect(dumpStore(bureau.store)).toEqual(before);
  });

  it('refuses a truncated file, cut anywhere', async () => {
    for (const keep of [20, 200, genuine.bytes.length - 70, genuine.bytes.length - 1]) {
      await expectRefused(bureau, genuine.bytes.subarray(0, keep), 'BUNDLE_TRUNCATED');
    }
  });
});

describe('files altered, misaddressed or from strangers', () => {
  it('refuses a bundle with one byte altered', async () => {
    const inHeader = genuine.bytes.indexOf(Buffer.from('"sequence":')) + 11;
    for (const at of [inHeader, Math.floor(genuine.bytes.length / 2), genuine.bytes.length - 90, genuine.bytes.length - 20]) {
      const altered = Buffer.from(genuine.bytes);
      altered[at] ^= 0x01;
      await expectRefused(bureau, altered, 'BUNDLE_BAD_SIGNATURE');
    }
    // Any other byte: refused too (a broken header or length reads as corrupt or truncated).
    const before = dumpStore(bureau.store);
    const codes = new Set<string>();
    for (let at = 0; at < genuine.bytes.length; at += 7) {
      const altered = Buffer.from(genuine.bytes);
      altered[at] ^= 0x20;
      codes.add(await importInto(bureau, { fileName: 'x.njb', bytes: altered }).then(() => 'IMPORTED', (error: ApiCallError) => error.code));
    }
    expect(codes.has('IMPORTED')).toBe(false);
    expect(codes.has('BUNDLE_BAD_SIGNATURE')).toBe(true);
    expect(dumpStore(bureau.store)).toEqual(before);
  });

  it('refuses a bundle meant for another installation', async () => {
    const otherBureau = await createBureau('330200', '宁波市公安局');
    const error = await expectRefused(otherBureau, genuine.bytes, 'BUNDLE_WRONG_RECIPIENT');
    expect(error.message).toContain('330100');
  });

  it('refuses a bundle from a sender this installation never opened', async () => {
    // A rogue PC copies the bureau's part of a genuine setup file and claims another code.
    const genuineSetup = JSON.parse((await openStationFile(bureau, '330102-09', '临时所')).toString('utf8'));
    const forged = { ...genuineSetup, station: { ...genuineSetup.station, id: 'rogue-station', code: 'ROGUE-01', name: '冒名派出所' } };
    const rogue = await stationFromSetup(Buffer.from(JSON.stringify(forged)), { code: 'ROGUE-01', name: '冒名派出所' });
    await rogue.client.call('staff.save', personInput(2));
    const error = await expectRefused(bureau, (await exportFor(rogue, bureau)).bytes, 'BUNDLE_UNKNOWN_SENDER');
    expect(error.message).toContain('ROGUE-01');
  });

  it('refuses a bundle signed by a key other than the registered one', async () => {
    const error = await expectRefused(bureau, resealed(() => undefined, {}, generateSiteKeys().signingPrivateKey), 'BUNDLE_BAD_SIGNATURE');
    expect(error.message).toContain('330102-01');
  });
});

describe('files from a newer version of the app', () => {
  it('refuses a newer bundle format, naming the version to upgrade to', async () => {
    const error = await expectRefused(bureau, resealed(() => undefined, { formatVersion: 2, appVersion: '2.4.0' }), 'BUNDLE_NEWER_FORMAT');
    expect(error.message).toContain('2.4.0');
  });

  it('refuses a newer data schema, naming the version to upgrade to', async () => {
    const bytes = resealed(
      (payload) => {
        payload.schemaVersion = '2099-01-01-visits';
      },
      { schemaVersion: '2099-01-01-visits', appVersion: '3.1.0' },
    );
    const error = await expectRefused(bureau, bytes, 'BUNDLE_NEWER_SCHEMA');
    expect(error.message).toContain('升级到暖警台账 3.1.0');
  });
});

describe('records that fail their schema or authority', () => {
  it('refuses a value that fails its column schema, naming table and field', async () => {
    const error = await expectRefused(
      bureau,
      resealed((payload) => {
        staffChange(payload).v = '未知';
      }),
      'BUNDLE_RECORD_INVALID',
    );
    expect(error.message).toContain('人员（staff）');
    expect(error.message).toContain('「性别」（gender）');
  });

  it('refuses an unknown table, an unknown column and a malformed timestamp', async () => {
    const unknownTable = await expectRefused(bureau, resealed((p) => void (staffChange(p).t = 'salary')), 'BUNDLE_RECORD_INVALID');
    expect(unknownTable.message).toContain('salary');
    const unknownColumn = await expectRefused(bureau, resealed((p) => void (staffChange(p).c = 'bank_account')), 'BUNDLE_RECORD_INVALID');
    expect(unknownColumn.message).toContain('bank_account');
    // Names every object has in JavaScript are not columns either.
    for (const inherited of ['constructor', '__proto__', 'toString']) {
      const refused = await expectRefused(bureau, resealed((p) => void (staffChange(p).c = inherited)), 'BUNDLE_RECORD_INVALID');
      expect(refused.message).toContain(`没有字段 ${inherited}`);
    }
    const badHlc = await expectRefused(bureau, resealed((p) => void (staffChange(p).h = '2026-11-23 10:00')), 'BUNDLE_RECORD_INVALID');
    expect(badHlc.message).toContain('时间戳');
  });

  it('refuses a payload that is not the bundle format', async () => {
    await expectRefused(bureau, resealed(() => 'not json at all'), 'BUNDLE_PAYLOAD_INVALID');
    await expectRefused(bureau, resealed(() => ({ changes: 'all of them' })), 'BUNDLE_PAYLOAD_INVALID');
  });
  // What a station may write, and changes dated too far ahead, are per change, not per file:
  // tests/electron/sync-authority.test.ts and sync-clocks.test.ts.
});

describe('size limits', () => {
  it('keeps its limits in one place: 128 MiB on disk, 256 MiB inflated', () => {
    expect(MAX_BUNDLE_FILE_BYTES).toBe(128 * 1024 * 1024);
    expect(MAX_BUNDLE_INFLATED_BYTES).toBe(256 * 1024 * 1024);
  });

  it('refuses a file over the size limit without reading it (command line, sparse 200 MB + 1 file)', async () => {
    const folder = tempFolder('nuanjing-sync-size-');
    try {
      const dbPath = join(folder.path, 'bureau.sqlite');
      const big = join(folder.path, 'huge.njb');
      const fd = openSync(big, 'w');
      ftruncateSync(fd, MAX_BUNDLE_FILE_BYTES + 1);
      closeSync(fd);
      const init: string[] = [];
      expect(await runCli(['init', '--db', dbPath, '--code', '330100', '--name', '杭州市公安局', '--role', 'bureau'], { stdout: (t) => init.push(t), stderr: (t) => init.push(t) })).toBe(0);
      const store = await openLedgerStore(dbPath);
      const before = dumpStore(store);
      store.close();
      const out: string[] = [];
      const code = await runCli(['sync', 'import', '--db', dbPath, '--json', big], { stdout: (t) => out.push(t), stderr: () => undefined });
      expect(code).toBe(1);
      expect(JSON.parse(out.join(''))).toEqual({ files: [{ file: big, ok: false, error: { code: 'BUNDLE_TOO_LARGE', message: expect.stringContaining('上限') } }] });
      const after = await openLedgerStore(dbPath);
      expect(dumpStore(after)).toEqual(before);
      after.close();
    } finally {
      folder.remove();
    }
  });

  it('refuses a bundle over the limit, or one that inflates beyond it, and changes nothing', async () => {
    const padded = resealed((payload) => ({ ...payload, padding: 'x'.repeat(3 * 1024 * 1024) }));
    expect(padded.length).toBeLessThan(100 * 1024);
    const before = dumpStore(bureau.store);
    const refusal = (limits: { maxFileBytes: number; maxInflatedBytes: number }) => {
      try {
        importBundle(bureau.deps, padded, { fileName: 'padded.njb', dryRun: false, limits });
      } catch (error) {
        return (error as AppError).code;
      }
      return 'imported';
    };
    expect(refusal({ maxFileBytes: 1024, maxInflatedBytes: MAX_BUNDLE_INFLATED_BYTES })).toBe('BUNDLE_TOO_LARGE');
    expect(refusal({ maxFileBytes: MAX_BUNDLE_FILE_BYTES, maxInflatedBytes: 1024 * 1024 })).toBe('BUNDLE_INFLATE_TOO_LARGE');
    expect(dumpStore(bureau.store)).toEqual(before);
  });
});

describe('after the refusals', () => {
  it('still imports the genuine bundle, and the header is readable', async () => {
    expect(readBundleHeader(genuine.bytes)).toMatchObject({ senderCode: '330102-01', recipientCode: '330100' });
    const summary = await importInto(bureau, genuine);
    expect(summary.tables.find((t) => t.table === 'staff')).toMatchObject({ inserted: 1 });
    expect(await carry(station, bureau)).toMatchObject({ totals: { inserted: 0, updated: 0, conflicts: 0 } });
  });
});

import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLedgerStore } from '../../db/ledger-store';
import { runCli } from '../../electron/cli/run-cli';
import { readBundleHeader } from '../../electron/sync/bundle-envelope';
import { dumpStore } from '../support/sync-sites';
import { tempFolder } from '../support/test-ledger';

/** `nuanjing sync …` end to end on ledger files: exit codes, `--json` documents and the clerk's text. */

let folder: ReturnType<typeof tempFolder>;
let out: string[];
let err: string[];

beforeEach(() => {
  folder = tempFolder('nuanjing-sync-cli-');
});

afterEach(() => folder.remove());

async function cli(...args: string[]): Promise<number> {
  out = [];
  err = [];
  return runCli(args, { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
}

const path = (name: string) => join(folder.path, name);
const json = () => JSON.parse(out.join('\n'));

describe('nuanjing sync', () => {
  it('opens a station, sets it up from the file, exports, previews and imports folders of bundles, and reports status and conflicts', async () => {
    const bureau = path('bureau.sqlite');
    const station = path('station.sqlite');
    const stick = path('U盘');
    await cli('init', '--db', bureau, '--code', '330100', '--name', '杭州市公安局', '--role', 'bureau', '--operator', '李强');

    expect(await cli('sync', 'open-station', '--db', bureau, '--code', '330102-01', '--name', '北山派出所', '--out', folder.path)).toBe(0);
    expect(out.join('\n')).toBe(
      `已开通「北山派出所」（330102-01），开通文件已保存：${path('330102-01-开通文件.njsetup')}\n请把开通文件交给该单位（只交一次），在其电脑上用它完成首次设置；重新生成会使旧文件作废。`,
    );
    // Opening the same code again is refused; a new file for it takes --reissue.
    expect(await cli('sync', 'open-station', '--db', bureau, '--code', '330102-01', '--name', '重复所', '--out', path('again.njsetup'))).toBe(1);
    expect(err.join('\n')).toContain('重新生成开通文件');
    expect(await cli('sync', 'open-station', '--db', bureau, '--code', '330102-01', '--name', '北山派出所', '--reissue', '--out', folder.path)).toBe(0);
    expect(await cli('init', '--db', station, '--setup', path('330102-01-开通文件.njsetup'), '--operator', '王丽')).toBe(0);
    expect(out.join('\n')).toBe('已用开通文件设置本单位：北山派出所（330102-01，派出所）');
    expect(await cli('init', '--db', path('other.sqlite'), '--setup', path('nope.njsetup'))).toBe(1);
    expect(err.join('\n')).toContain('开通文件不存在');

    expect(await cli('seed', '--db', station, '--staff', '6')).toBe(0);
    // Exporting to a folder gives the file its default name; the file is a complete, signed bundle.
    expect(await cli('sync', 'export', '--db', station, '--to', '330100', '--out', folder.path, '--json')).toBe(0);
    const exported = json();
    expect(exported).toMatchObject({ fileName: expect.stringMatching(/^330102-01-330100-\d{8}-0001\.njb$/), peerCode: '330100', sequence: 1 });
    expect(readBundleHeader(readFileSync(exported.path))).toMatchObject({ senderCode: '330102-01', recipientCode: '330100', sequence: 1 });
    expect(readdirSync(folder.path).filter((n) => n.includes('.tmp-'))).toEqual([]);

    // The stick holds the bundle and an unrelated file that happens to end in .njb.
    await cli('sync', 'export', '--db', station, '--to', '330100', '--out', path('second.njb'));
    mkdirSync(stick);
    copyFileSync(exported.path, join(stick, exported.fileName));
    writeFileSync(join(stick, '照片.njb'), Buffer.from('not a bundle'));

    const store = await openLedgerStore(bureau);
    const before = dumpStore(store);
    store.close();
    // The bundle also named by its own path: the same file, imported and counted once.
    expect(await cli('sync', 'import', '--db', bureau, '--dry-run', '--json', stick, exported.path)).toBe(1);
    const preview = json();
    expect(preview.files).toEqual([
      {
        file: join(stick, exported.fileName),
        ok: true,
        summary: expect.objectContaining({
          dryRun: true,
          tables: expect.objectContaining({ staff: { inserted: 6, updated: 0, unchanged: 0, conflicts: 0 } }),
          totals: expect.objectContaining({ conflicts: 0 }),
        }),
      },
      { file: join(stick, '照片.njb'), ok: false, error: { code: 'BUNDLE_NOT_A_BUNDLE', message: expect.stringContaining('不是暖警台账的同步文件') } },
      { file: exported.path, ok: true, duplicateOf: join(stick, exported.fileName) },
    ]);
    const unchanged = await openLedgerStore(bureau);
    expect(dumpStore(unchanged)).toEqual(before);
    unchanged.close();

    // The real import: several files, each reported; the refused one gives exit 1.
    expect(await cli('sync', 'import', '--db', bureau, join(stick, exported.fileName), path('second.njb'), join(stick, '照片.njb'))).toBe(1);
    const text = out.join('\n');
    expect(text).toContain(`已导入 ${join(stick, exported.fileName)}：来自「北山派出所」（330102-01）第 1 号`);
    expect(text).toContain('首次导入，已登记对方密钥');
    expect(text).toMatch(/人员（staff）：新增 6，更新 0，未变 0，冲突 0/);
    expect(text).toContain(`已导入 ${path('second.njb')}：来自「北山派出所」（330102-01）第 2 号`);
    expect(err.join('\n')).toContain(`未导入 ${join(stick, '照片.njb')}：`);
    expect(err.join('\n')).toContain('（BUNDLE_NOT_A_BUNDLE）');

    expect(await cli('sync', 'status', '--db', bureau, '--json')).toBe(0);
    expect(json()).toMatchObject({
      role: 'bureau',
      stationCode: '330100',
      parent: null,
      children: [{ code: '330102-01', registered: true, lastReceivedSequence: 2, silentTooLong: false }],
      openConflicts: 0,
    });
    expect(await cli('sync', 'status', '--db', bureau)).toBe(0);
    expect(out.join('\n')).toMatch(/^本单位：杭州市公安局（330100，市局\/县局）/);

    // Back to the station, for all registered stations at once.
    mkdirSync(path('out'));
    expect(await cli('sync', 'export', '--db', bureau, '--all', '--out', path('out'), '--json')).toBe(0);
    const [toStation] = json().files;
    expect(await cli('sync', 'import', '--db', station, '--json', toStation.path)).toBe(0);
    expect(json().files[0]).toMatchObject({ ok: true, summary: { senderCode: '330100' } });

    expect(await cli('sync', 'conflicts', '--db', station, '--json')).toBe(0);
    expect(json()).toEqual([]);
    expect(await cli('sync', 'conflicts', '--db', station)).toBe(0);
    expect(out.join('\n')).toBe('没有需要核对的冲突。');
  });

  it('refuses an empty file and a missing one, naming them, and bad usage', async () => {
    const bureau = path('bureau.sqlite');
    await cli('init', '--db', bureau, '--code', '330100', '--name', '杭州市公安局', '--role', 'bureau');
    writeFileSync(path('empty.njb'), Buffer.alloc(0));
    expect(await cli('sync', 'import', '--db', bureau, '--json', path('empty.njb'), path('missing.njb'))).toBe(1);
    expect(json().files.map((f: { error: { code: string } }) => f.error.code)).toEqual(['BUNDLE_EMPTY', 'FILE_NOT_FOUND']);
    expect(await cli('sync', 'import', '--db', bureau)).toBe(2);
    expect(await cli('sync', 'export', '--db', bureau, '--to', '330102-01', '--out', path('x.njb'))).toBe(1);
    expect(err.join('\n')).toContain('没有登记代码为「330102-01」');
    expect(await cli('sync', 'open-station', '--db', bureau, '--code', '3', '--name', '北山派出所', '--out', folder.path)).toBe(1);
  });
});

import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNuanjing } from '../support/web-mode';
import { runNuanjingInProcess } from '../support/cli-in-process';
import { tempFolder } from '../support/test-ledger';

// Commands run in-process through runCli, as the bin runs them; the two tests that say so spawn the
// real `node bin/nuanjing.mjs` for what only a process shows: its exit status and a clean stdout.

let folder: { path: string; remove(): void };
let ledger: string;

beforeAll(async () => {
  folder = tempFolder('nuanjing-cli-');
  ledger = join(folder.path, 'ledger.sqlite');
  const init = await runNuanjingInProcess(['init', '--db', ledger, '--code', '330102-01', '--name', '西湖区公安分局北山派出所', '--operator', '王丽', '--json']);
  expect(init.stderr).toBe('');
  expect(init.code).toBe(0);
});

afterAll(() => folder.remove());

/** Parses stdout as exactly one JSON document (fails on any extra line). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each test checks the shape it expects
function oneJsonDocument(stdout: string): any {
  return JSON.parse(stdout);
}

const CHINESE = /[\u4e00-\u9fff]/;

describe('nuanjing init', () => {
  it('creates a ledger and prints the station as one JSON document', async () => {
    // The real process: exit status 0 and nothing on stdout but the one document.
    const path = join(folder.path, 'bureau.sqlite');
    const result = await runNuanjing(['init', '--db', path, '--code', '3301', '--name', '杭州市公安局', '--role', 'bureau', '--json']);
    expect(result.code).toBe(0);
    expect(existsSync(path)).toBe(true);
    expect(oneJsonDocument(result.stdout)).toEqual({ id: expect.any(String), code: '3301', name: '杭州市公安局', role: 'bureau' });
  });

  it('prints a Chinese line without --json', async () => {
    const result = await runNuanjingInProcess(['init', '--db', join(folder.path, 'plain.sqlite'), '--code', '330102-02', '--name', '灵隐派出所']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe('已设置本单位：灵隐派出所（330102-02，派出所）');
  });

  it('refuses to set up a ledger twice (exit 1, Chinese message naming the station)', async () => {
    // The real process: exit status 1, the message on stderr.
    const result = await runNuanjing(['init', '--db', ledger, '--code', '330102-09', '--name', '别的派出所']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('西湖区公安分局北山派出所');
    expect(result.stderr).toMatch(/不能重复设置/);
  });

  it('refuses a bad station code (exit 1) with the field message in Chinese', async () => {
    const result = await runNuanjingInProcess(['init', '--db', join(folder.path, 'bad.sqlite'), '--code', '1', '--name', '北山派出所', '--json']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('单位代码应为2–20位字母、数字或短横线');
    expect(oneJsonDocument(result.stdout)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });
});

describe('nuanjing info / stats / check', () => {
  it('info shows the station, schema and site', async () => {
    const json = await runNuanjingInProcess(['info', '--db', ledger, '--json']);
    expect(json.code).toBe(0);
    const info = oneJsonDocument(json.stdout);
    expect(info).toMatchObject({ appName: '暖警台账', station: { code: '330102-01', name: '西湖区公安分局北山派出所', role: 'station' }, operatorName: '王丽' });
    expect(info.siteId).toMatch(/^[0-9a-f]{16}$/);
    expect(info.databasePath).toBe(ledger);

    const text = await runNuanjingInProcess(['info', '--db', ledger]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('本单位：西湖区公安分局北山派出所（330102-01，派出所）');
    expect(text.stdout).toContain(`站点标识：${info.siteId}`);
  });

  it('stats counts live rows per table and station', async () => {
    const result = await runNuanjingInProcess(['stats', '--db', ledger, '--json']);
    expect(result.code).toBe(0);
    const rows = oneJsonDocument(result.stdout) as { table: string; stationCode: string | null; rows: number }[];
    expect(rows.find((r) => r.table === 'station')).toMatchObject({ stationCode: '330102-01', rows: 1 });
  });

  it('check passes on a sound ledger', async () => {
    const result = await runNuanjingInProcess(['check', '--db', ledger, '--json']);
    expect(result.code).toBe(0);
    expect(oneJsonDocument(result.stdout)).toEqual({ ok: true, integrity: 'ok', foreignKeyProblems: 0, orphanChanges: 0 });
    const text = await runNuanjingInProcess(['check', '--db', ledger]);
    expect(text.stdout.trim()).toBe('数据文件完好。');
  });
});

describe('user errors and bad usage', () => {
  it('a missing --db file is a user error (exit 1) with a Chinese message, and no file is created', async () => {
    const missing = join(folder.path, 'nowhere', 'missing.sqlite');
    for (const command of ['info', 'stats', 'check']) {
      const result = await runNuanjingInProcess([command, '--db', missing]);
      expect(result.code, command).toBe(1);
      expect(result.stderr).toContain('数据文件不存在');
      expect(result.stderr).toContain(missing);
    }
    expect(existsSync(missing)).toBe(false);
  });

  it('an unknown option, a missing --db or an unknown command is bad usage (exit 2)', async () => {
    const unknownOption = await runNuanjingInProcess(['info', '--db', ledger, '--colour']);
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.stderr).toContain('用法：nuanjing info');

    const noDb = await runNuanjingInProcess(['info']);
    expect(noDb.code).toBe(2);
    expect(noDb.stderr).toContain('--db');

    const unknownCommand = await runNuanjingInProcess(['frobnicate', '--db', ledger]);
    expect(unknownCommand.code).toBe(2);
    expect(unknownCommand.stderr).toMatch(/没有这个命令/);
  });

  it('a file of random bytes is refused by info and check (exit 1) and left unchanged', async () => {
    const path = join(folder.path, 'garbage.sqlite');
    const bytes = randomBytes(32 * 1024);
    writeFileSync(path, bytes);
    for (const command of ['info', 'check']) {
      const result = await runNuanjingInProcess([command, '--db', path, '--json']);
      expect(result.code, command).toBe(1);
      expect(result.stderr).toMatch(/不是暖警台账的数据文件|已损坏/);
      expect(result.stderr).not.toMatch(/程序出错/);
      expect(oneJsonDocument(result.stdout)).toMatchObject({ ok: false, error: { code: expect.stringMatching(/^DB_(NOT_A_LEDGER|CORRUPT|OPEN_FAILED)$/) } });
    }
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });

  it('a copy of a ledger damaged after its header is refused with a clear message (exit 1)', async () => {
    const path = join(folder.path, 'damaged.sqlite');
    copyFileSync(ledger, path);
    const bytes = readFileSync(path);
    randomBytes(bytes.length - 4096).copy(bytes, 4096);
    writeFileSync(path, bytes);
    for (const command of ['info', 'check']) {
      const result = await runNuanjingInProcess([command, '--db', path]);
      expect(result.code, command).toBe(1);
      expect(result.stderr).toMatch(/损坏/);
      expect(result.stderr).toMatch(CHINESE);
      expect(result.stderr).not.toMatch(/程序出错/);
    }
  });
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLedgerStore } from '../../db/ledger-store';
import { createAppDeps } from '../../electron/app-deps';
import { createHandlerRegistry } from '../../electron/handlers/all-handlers';
import { createInProcessClient } from '../../electron/transports/in-process-client';
import { runNuanjingInProcess } from '../support/cli-in-process';
import { tempFolder } from '../support/test-ledger';

/**
 * The CLI with accounts: `--user` with `--user-password-file`, the role and the 健康信息 permission of
 * that user, as in the app. One ledger for the file; the CLI runs in-process.
 */

const DIAGNOSIS = '腰椎间盘突出症';
let folder: { path: string; remove(): void };
let db: string;
const file = (name: string, text: string) => {
  const path = join(folder.path, name);
  writeFileSync(path, `${text}\n`);
  return path;
};
const cli = (...args: string[]) => runNuanjingInProcess(args, { signIn: false });
let adminPassword: string;
let viewerPassword: string;

beforeAll(async () => {
  folder = tempFolder('nuanjing-accounts-cli-');
  db = join(folder.path, '北山.sqlite');
  expect((await cli('init', '--db', db, '--code', '330102-01', '--name', '北山派出所')).code).toBe(0);
  expect((await cli('seed', '--db', db, '--staff', '3', '--seed', '2')).code).toBe(0);
  const store = await openLedgerStore(db);
  const client = createInProcessClient(createHandlerRegistry(), createAppDeps(store, { userName: '命令行' }));
  const [person] = await client.call('staff.list', {});
  await client.call('health.event.save', { staffId: person.id, kind: '住院', startDate: '2026-11-20', diagnosis: DIAGNOSIS });
  store.close();
  adminPassword = file('admin.txt', 'admin-pass-1');
  viewerPassword = file('viewer.txt', 'viewer-pass-1');
});

afterAll(() => folder.remove());

describe('nuanjing with accounts', () => {
  it('creates the first 管理员 without --user; from then on every command needs --user', async () => {
    const first = await cli('account', 'add', '--db', db, '--name', '王丽', '--role', '管理员', '--new-password-file', adminPassword);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('已建立第一个管理员账号「王丽」');
    const anonymous = await cli('stats', '--db', db);
    expect(anonymous.code).toBe(1);
    expect(anonymous.stderr).toContain('请加 --user 姓名 登录');
    const wrong = await cli('stats', '--db', db, '--user', '王丽', '--user-password-file', viewerPassword);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('姓名或密码不正确');
    const help = await cli('--help');
    expect(help.stdout).toContain('--user 姓名 --user-password-file 密码文件');
  });

  it('runs as the --user: a 查看 user cannot write, and reads no health details', async () => {
    const admin = ['--user', '王丽', '--user-password-file', adminPassword];
    expect((await cli('account', 'add', '--db', db, '--name', '赵查看', '--role', '查看', '--new-password-file', viewerPassword, ...admin)).code).toBe(0);
    const viewer = ['--user', '赵查看', '--user-password-file', viewerPassword];
    // A new account changes its password first.
    expect((await cli('stats', '--db', db, ...viewer)).stderr).toContain('请先设置一个只有您知道的新密码');
    const changed = file('viewer-new.txt', 'viewer-pass-2');
    expect((await cli('account', 'password', '--db', db, ...viewer, '--new-password-file', changed)).code).toBe(0);
    const signed = ['--user', '赵查看', '--user-password-file', changed];

    const seed = await cli('seed', '--db', db, '--staff', '5', ...signed);
    expect(seed.code).toBe(1);
    expect(seed.stderr).toContain('「赵查看」是「查看」角色，不能执行这个命令');
    const overdue = await cli('health', 'overdue', '--db', db, '--json', ...signed);
    expect(overdue.code).toBe(1);
    expect(JSON.parse(overdue.stdout).error.code).toBe('FORBIDDEN');
    for (const args of [
      ['reminders', '--db', db, '--from', '2026-11-15', '--json'],
      ['report', '--db', db, '--month', '2026-11', '--json'],
      ['audit', '--db', db, '--json'],
    ]) {
      const run = await cli(...args, ...signed);
      expect(run.code).toBe(0);
      expect(run.stdout).not.toContain(DIAGNOSIS);
    }
    // The 管理员 has the permission: the same trail shows it.
    expect((await cli('audit', '--db', db, '--table', 'medical_event', ...admin)).stdout).toContain(DIAGNOSIS);

    // A restore replaces the whole ledger: like the other commands, it needs --user, and a 管理员.
    const backup = await cli('backup', '--db', db, '--json', ...admin);
    expect(backup.code).toBe(0);
    const from = (JSON.parse(backup.stdout) as { path: string }).path;
    const anonymous = await cli('restore', '--db', db, '--from', from, '--yes');
    expect(anonymous.code).toBe(1);
    expect(anonymous.stderr).toContain('请加 --user 姓名 登录');
    const byViewer = await cli('restore', '--db', db, '--from', from, '--yes', ...signed);
    expect(byViewer.code).toBe(1);
    expect(byViewer.stderr).toContain('「赵查看」是「查看」角色，不能执行这个命令：需要「管理员」权限');
    const byAdmin = await cli('restore', '--db', db, '--from', from, '--json', ...admin);
    expect(JSON.parse(byAdmin.stdout)).toMatchObject({ restored: false, preview: { fileName: expect.any(String) } });
  });
});

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { watchExternalChanges } from '../../data-change-feed';
import { createWorkerJobRunner } from '../../jobs/job-runner';
import { startWebServer } from '../../web/web-server';
import { localStation } from '../../station/local-station';
import { dailyBackupIfDue } from '../../backup/app-ledger';
import { backupsSettled } from '../../backup/ledger-backup';
import { DEMO_KEY_PASSPHRASE, KEY_PASSPHRASE_ENV } from '../../keys/key-wrapper';
import type { CliCommand } from '../cli-kit';
import { seedDemoLedger } from './roster-commands';
import { DEMO_PASSWORD, demoAccounts, seedDemoAccounts } from '../../accounts/demo-accounts';

/**
 * The project root: the nearest folder above this module holding package.json. The module runs
 * from electron/cli/commands/ (sources, in tests) or from dist/cli/ (the bundle the bin runs).
 */
function projectRootOf(folder: string): string {
  for (let dir = folder; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return folder;
  }
}

/** Where the built renderer lives (`npm run build:renderer`). */
export const RENDERER_DIR = join(projectRootOf(import.meta.dirname), 'dist', 'renderer');

/** The long-job worker, run from the sources through tsx (see electron/jobs/job-worker-entry.mjs). */
export const JOB_WORKER_ENTRY = join(projectRootOf(import.meta.dirname), 'electron', 'jobs', 'job-worker-entry.mjs');

/**
 * The worker web mode's jobs run in: the bundled `job-worker.cjs` beside the CLI bundle when the CLI
 * runs from its bundle (`dist/cli`, built with it and rebuilt with it when a source changes), else
 * the sources through tsx.
 */
export function jobWorkerEntry(): string {
  const bundled = join(import.meta.dirname, 'job-worker.cjs');
  return existsSync(bundled) ? bundled : JOB_WORKER_ENTRY;
}

/** How big the demo station of `serve --demo` is. */
const DEMO_SEED = { staff: 120, years: 3, seed: 1, visits: true, leave: true };

export const serveCommand: CliCommand = {
  usage: 'nuanjing serve --db FILE [--port P] [--demo]',
  summary: '网页模式：在本机 127.0.0.1 上打开暖警台账（打印带访问口令的网址；台账启用账号后在网页上登录）；--demo：新文件先建「演示派出所」并生成120名演示人员和一年的慰问记录，并建演示账号（密码 demo1234）',
  options: { port: { type: 'string', default: '0' }, demo: { type: 'boolean', default: false } },
  async run(ctx) {
    const session = await ctx.open({ create: true, forBrowser: true });
    if (ctx.keys.origin === 'demo') ctx.io.stderr(`演示台账的同步密钥口令是「${DEMO_KEY_PASSPHRASE}」——仅供演示，人人可见；真实台账请用 --key-passphrase-file 给出自己的口令。`);
    if (ctx.keys.origin === 'none') ctx.io.stderr(`未提供同步密钥口令：本次不能生成或导入同步文件（用 --key-passphrase-file 或环境变量 ${KEY_PASSPHRASE_ENV} 提供）。`);
    if (ctx.values.demo && !localStation(session.store)) {
      const summary = await seedDemoLedger(session, DEMO_SEED);
      ctx.io.stderr(`已建立「演示派出所」并生成演示数据：人员 ${summary.staff} 名，家属 ${summary.familyMembers} 名，表彰 ${summary.honours} 条，慰问 ${summary.visits?.visits ?? 0} 条，休假 ${summary.leave?.leaves ?? 0} 条。`);
    }
    if (ctx.values.demo) {
      // The demo ledger signs in with its demo accounts, named on its login screen (demo only).
      seedDemoAccounts(session.store);
      ctx.io.stderr(`演示账号：${demoAccounts.map((a) => `${a.name}（${a.role}）`).join('、')}，密码都是 ${DEMO_PASSWORD}。`);
    }
    const server = await startWebServer({
      registry: session.registry,
      deps: session.deps,
      staticDir: RENDERER_DIR,
      port: Number(ctx.values.port ?? 0),
    });
    session.deps.events = server.emit;
    if (session.store.path !== ':memory:') session.deps.jobs = createWorkerJobRunner(session.deps, jobWorkerEntry());
    let stopWatching = watchExternalChanges(session.store, server.emit);
    // After a restore from the 备份 page: the same server on the reopened ledger (the page reloads).
    session.deps.onLedgerRestored = () => {
      stopWatching();
      stopWatching = watchExternalChanges(session.deps.store, server.emit);
    };
    void dailyBackupIfDue(session.store, session.deps.appVersion).catch((error: unknown) => ctx.io.stderr(`每日自动备份没有完成：${(error as Error).message}`));
    ctx.io.stdout(server.url);
    await new Promise<void>((resolveStop) => {
      const stop = () => resolveStop();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    stopWatching();
    await server.close();
    await backupsSettled(session.deps.store.path);
    session.deps.store.close();
    return 0;
  },
};

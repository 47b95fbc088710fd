import { createHash } from 'node:crypto';
import { existsSync, promises as fs, readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { apiContract } from '../../../shared/contract/api-contract';
import { AppError } from '../../../shared/contract/api-error';
import type { BundleImportSummary, SyncConflictItem, SyncPeer, SyncStatus } from '../../../shared/sync-record';
import { writeFileAtomicVerified } from '../../files/atomic-write';
import { BundleError, readBundleHeader, verifyBundleSignature } from '../../sync/bundle-envelope';
import { prepareBundle, type PreparedBundle } from '../../sync/bundle-export';
import { importBundle } from '../../sync/bundle-import';
import { importBackupIfDue } from '../../backup/app-ledger';
import { ownPublicKeys } from '../../sync/own-site-keys';
import { openStation } from '../../sync/pairing';
import { parseSetupFile } from '../../sync/setup-file';
import { childPeers } from '../../sync/sync-peers';
import { MAX_BUNDLE_FILE_BYTES } from '../../sync/sync-limits';
import { CliUserError, UsageError, type CliCommand, type CliSession } from '../cli-kit';

/**
 * `nuanjing sync …`: the bureau's batch work with sync bundles (数据同步) — open stations, export
 * for one or all peers, import many files at once, status and conflicts. The logic is the same
 * code the handlers call; these commands read and write files.
 */

function isFolder(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

function requireString(value: unknown, option: string, usage: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`缺少 ${option}\n用法：${usage}`);
  return value.trim();
}

/** Writes a bundle atomically, reading it back and checking its signature before it replaces `path`. */
async function writeBundle(session: CliSession, path: string, bundle: PreparedBundle): Promise<void> {
  const signingPublicKey = ownPublicKeys(session.store).signingPublicKey;
  await writeFileAtomicVerified(path, bundle.bytes, (readBack) => {
    if (!readBack.equals(bundle.bytes)) throw new Error('read-back differs');
    readBundleHeader(readBack);
    if (!verifyBundleSignature(readBack, signingPublicKey)) throw new Error('signature does not verify');
  });
  bundle.record();
}

function countsLine(c: { inserted: number; updated: number; unchanged: number; conflicts: number }): string {
  return `新增 ${c.inserted}，更新 ${c.updated}，未变 ${c.unchanged}，冲突 ${c.conflicts}`;
}

function summaryText(file: string, summary: BundleImportSummary): string {
  const head = `${summary.dryRun ? '预览（未写入）' : '已导入'} ${file}：来自「${summary.senderName}」（${summary.senderCode}）第 ${summary.sequence} 号，${summary.changes} 项变更${summary.registeredSender ? (summary.dryRun ? '；首次导入，确认后将登记对方密钥' : '；首次导入，已登记对方密钥') : ''}`;
  const lines = summary.tables.map((t) => `    ${t.label}（${t.table}）：${countsLine(t)}`);
  const registrant = summary.registrant ? [`    首次报送：请与对方电话核对密钥指纹 ${summary.registrant.fingerprint}`] : [];
  const withheld =
    summary.rejected + summary.held > 0
      ? [
          `    未导入：${summary.rejected} 项无权修改（拒收），${summary.held} 项修改时间比本机晚得太多（暂缓，到时自动导入）；其余照常导入。详见 nuanjing sync withheld`,
          ...summary.withheld.slice(0, 10).map((w) => `      - ${w.detail}`),
        ]
      : [];
  return [head, ...registrant, ...lines, `    合计：${countsLine(summary.totals)}`, ...withheld].join('\n');
}

/** The `--json` shape of one import: counts keyed by table. */
function summaryJson(summary: BundleImportSummary) {
  return {
    tables: Object.fromEntries(summary.tables.map((t) => [t.table, { inserted: t.inserted, updated: t.updated, unchanged: t.unchanged, conflicts: t.conflicts }])),
    totals: summary.totals,
    senderCode: summary.senderCode,
    senderName: summary.senderName,
    sequence: summary.sequence,
    changes: summary.changes,
    dryRun: summary.dryRun,
    registeredSender: summary.registeredSender,
    registrant: summary.registrant,
    rejected: summary.rejected,
    held: summary.held,
    withheld: summary.withheld,
    released: summary.released,
  };
}

/** Files named on the command line; a folder stands for its `*.njb` files, by name. */
function bundleFiles(paths: string[]): string[] {
  const files: string[] = [];
  for (const path of paths) {
    if (isFolder(path)) {
      for (const name of readdirSync(path).filter((n) => n.toLowerCase().endsWith('.njb') && !n.startsWith('.')).sort()) files.push(join(path, name));
    } else {
      files.push(path);
    }
  }
  return files;
}

function peerLine(peer: SyncPeer): string {
  const received = peer.lastReceivedAt ? `${peer.lastReceivedAt}（第 ${peer.lastReceivedSequence} 号）` : '从未收到';
  const sent = peer.lastSentAt ? `${peer.lastSentAt}（第 ${peer.lastSentSequence} 号）` : '从未导出';
  const state = peer.registered ? `密钥指纹 ${peer.fingerprint}` : '等待对方首次报送（尚未登记密钥）';
  const warn = peer.silentTooLong ? '  ⚠ 超过提醒天数未报送' : '';
  return `  ${peer.name}（${peer.code}）  最近收到：${received}  最近导出：${sent}  待发送 ${peer.pendingChanges} 项  ${state}${warn}`;
}

function statusText(status: SyncStatus): string {
  const lines = [
    `本单位：${status.stationName}（${status.stationCode}，${status.role === 'bureau' ? '市局/县局' : '派出所'}）  密钥指纹 ${status.fingerprint}`,
    `上级单位：${status.parent ? '' : '无'}`,
  ];
  if (status.parent) lines.push(peerLine(status.parent));
  lines.push(`下级单位：${status.children.length === 0 ? '无' : `${status.children.length} 个`}`);
  for (const child of status.children) lines.push(peerLine(child));
  lines.push(`未处理冲突：${status.openConflicts} 条`);
  lines.push(`最近导出：${status.lastExportAt ?? '无'}  最近导入：${status.lastImportAt ?? '无'}`);
  return lines.join('\n');
}

function conflictText(items: SyncConflictItem[]): string {
  if (items.length === 0) return '没有需要核对的冲突。';
  return items
    .map(
      (c) =>
        `${c.recordLabel} 的「${c.fieldLabel}」：当前值「${c.currentValue}」（${c.currentBy || '—'}，${c.currentAt}）；另一方的值「${c.otherValue}」（${c.otherBy || '—'}，${c.otherAt}${c.otherSiteCode ? `，${c.otherSiteCode}` : ''}）  [${c.id}]`,
    )
    .join('\n');
}

export const syncCommands: Record<string, CliCommand> = {
  'sync open-station': {
    usage: 'nuanjing sync open-station --db BUREAU --code CODE --name NAME [--role station|bureau] [--reissue] --out FILE|DIR [--json]',
    summary: '市局/县局开通派出所：生成开通文件；已开通的单位要重新生成时加 --reissue（旧开通文件随即作废）',
    options: { code: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, reissue: { type: 'boolean', default: false }, out: { type: 'string' } },
    role: '管理员',
    async run(ctx) {
      const usage = syncCommands['sync open-station'].usage;
      const code = requireString(ctx.values.code, '--code', usage);
      const name = requireString(ctx.values.name, '--name', usage);
      const out = requireString(ctx.values.out, '--out', usage);
      // No --role: a re-issue keeps the unit's role (a county stays a bureau), a new unit is a station.
      const role = typeof ctx.values.role === 'string' ? ctx.values.role : undefined;
      const session = await ctx.open();
      try {
        const args = { code, name, reissue: ctx.values.reissue === true, ...(role !== undefined ? { role } : {}) };
        const parsed = apiContract['sync.openStation'].args.safeParse(args);
        if (!parsed.success) throw new CliUserError('INVALID_ARGUMENT', parsed.error.issues.map((i) => i.message).join('；'));
        const issued = openStation(session.deps, parsed.data);
        const path = isFolder(out) ? join(out, issued.fileName) : out;
        await writeFileAtomicVerified(path, issued.bytes, (readBack) => {
          parseSetupFile(readBack);
        });
        ctx.print(
          { fileName: issued.fileName, path: resolve(path), stationId: issued.file.station.id, stationCode: code, stationName: name },
          `已开通「${name}」（${code}），开通文件已保存：${path}\n请把开通文件交给该单位（只交一次），在其电脑上用它完成首次设置；重新生成会使旧文件作废。`,
        );
        return 0;
      } finally {
        session.store.close();
      }
    },
  },

  'sync export': {
    usage: 'nuanjing sync export --db FILE (--to PEER_CODE | --all) --out FILE|DIR [--json]',
    summary: '为上级或下级单位导出同步文件（--all：市局为所有已登记的下级各导出一个，--out 为文件夹）',
    options: { to: { type: 'string' }, all: { type: 'boolean', default: false }, out: { type: 'string' } },
    role: '录入员',
    async run(ctx) {
      const usage = syncCommands['sync export'].usage;
      const out = requireString(ctx.values.out, '--out', usage);
      const all = ctx.values.all === true;
      if (!all) requireString(ctx.values.to, '--to', usage);
      if (all && !isFolder(out)) throw new UsageError(`--all 时 --out 必须是已存在的文件夹\n用法：${usage}`);
      const session = await ctx.open();
      try {
        const codes = all ? childPeers(session.store).filter((p) => p.site_id !== null).map((p) => p.code) : [String(ctx.values.to).trim()];
        const written: { fileName: string; path: string; peerCode: string; sequence: number; changes: number }[] = [];
        for (const code of codes) {
          const bundle = prepareBundle(session.deps, code);
          const path = isFolder(out) ? join(out, bundle.fileName) : out;
          await writeBundle(session, path, bundle);
          written.push({ fileName: bundle.fileName, path: resolve(path), peerCode: bundle.peerCode, sequence: bundle.sequence, changes: bundle.changes });
        }
        const human = written.length === 0 ? '没有已登记的下级单位，未导出文件。' : written.map((w) => `已导出同步文件：${w.path}（发给 ${w.peerCode}，第 ${w.sequence} 号，${w.changes} 项变更）`).join('\n');
        ctx.print(all ? { files: written } : written[0], human);
        return 0;
      } finally {
        session.store.close();
      }
    },
  },

  'sync import': {
    usage: 'nuanjing sync import --db FILE [--dry-run] [--json] FILE|DIR…',
    summary: '导入同步文件（可多个文件或文件夹，逐个报告）；--dry-run 只预览不写入',
    options: { 'dry-run': { type: 'boolean', default: false } },
    allowPositionals: true,
    async run(ctx) {
      if (ctx.positionals.length === 0) throw new UsageError(`请指定要导入的同步文件或文件夹\n用法：${syncCommands['sync import'].usage}`);
      const dryRun = ctx.values['dry-run'] === true;
      const files = bundleFiles(ctx.positionals);
      if (files.length === 0) throw new CliUserError('NO_BUNDLE_FILES', `所给文件夹中没有同步文件（.njb）：${ctx.positionals.join('、')}`);
      const session = await ctx.open();
      const reports: { file: string; ok: boolean; error?: { code: string; message: string }; summary?: ReturnType<typeof summaryJson>; duplicateOf?: string }[] = [];
      const human: string[] = [];
      // The same file named twice (or a copy of it) is imported and counted once, as in the app.
      const seen = new Map<string, string>();
      try {
        // One backup before the files are imported (none for a preview).
        if (!dryRun) await importBackupIfDue(session.store, session.deps.appVersion);
        for (const file of files) {
          try {
            if (!existsSync(file)) throw new CliUserError('FILE_NOT_FOUND', `文件不存在：${file}`);
            if (statSync(file).size > MAX_BUNDLE_FILE_BYTES) throw new BundleError('BUNDLE_TOO_LARGE');
            const bytes = await fs.readFile(file);
            const digest = createHash('sha256').update(bytes).digest('hex');
            const first = seen.get(digest);
            if (first !== undefined) {
              reports.push({ file, ok: true, duplicateOf: first });
              human.push(`跳过 ${file}：与 ${first} 是同一个文件，只导入一次，不重复计算`);
              continue;
            }
            seen.set(digest, file);
            const summary = importBundle(session.deps, bytes, { fileName: basename(file), dryRun });
            reports.push({ file, ok: true, summary: summaryJson(summary) });
            human.push(summaryText(file, summary));
          } catch (error) {
            if (!(error instanceof AppError) && !(error instanceof CliUserError)) throw error;
            const body = { code: error.code, message: error.message };
            reports.push({ file, ok: false, error: body });
            ctx.io.stderr(`未导入 ${file}：${body.message}（${body.code}）`);
          }
        }
      } finally {
        session.store.close();
      }
      ctx.print({ files: reports }, human.join('\n'));
      return reports.every((r) => r.ok) ? 0 : 1;
    },
  },

  'sync status': {
    usage: 'nuanjing sync status --db FILE [--json]',
    summary: '同步状态：上级、下级单位最近的同步文件、待发送变更、未处理冲突',
    options: {},
    async run(ctx) {
      const session = await ctx.open();
      try {
        const status = await session.client.call('sync.status', {});
        ctx.print(status, statusText(status));
        return 0;
      } finally {
        session.store.close();
      }
    },
  },

  'sync withheld': {
    usage: 'nuanjing sync withheld --db FILE [--all] [--json]',
    summary: '列出导入时未被采用的修改：无权修改而拒收的、修改时间比本机晚得太多而暂缓的（--all 含已处理的）',
    options: { all: { type: 'boolean', default: false } },
    async run(ctx) {
      const session = await ctx.open();
      try {
        await session.client.call('sync.releaseHeld', {});
        const items = await session.client.call('sync.withheld', { includeDismissed: ctx.values.all === true });
        const human =
          items.length === 0
            ? '没有未导入的修改。'
            : items.map((w) => `${w.kind === 'held' ? '暂缓' : '拒收'} ${w.receivedAt} 来自「${w.peerName}」 ${w.detail}`).join('\n');
        ctx.print(items, human);
        return 0;
      } finally {
        session.store.close();
      }
    },
  },

  'sync repair-clock': {
    usage: 'nuanjing sync repair-clock --db FILE [--json]',
    summary: '以电脑当前时间为准：本机以前在错误日期下做的修改改记为现在的时间（内容不变）。只在电脑日期现在确实正确时使用',
    options: {},
    async run(ctx) {
      const session = await ctx.open();
      try {
        const before = await session.client.call('app.clockStatus', {});
        if (before.ok) {
          ctx.print({ redated: 0, clock: before }, `电脑日期与台账一致（本机现在 ${before.pcTime}），不需要修复。`);
          return 0;
        }
        const result = await session.client.call('sync.repairClock', {});
        ctx.print(result, `已以电脑当前时间（${result.clock.pcTime}）为准：${result.redated} 项以前在错误日期下的修改已改记为现在的时间，内容不变。下次导出的同步文件会把更正发给上级单位。`);
        return 0;
      } finally {
        session.store.close();
      }
    },
  },

  'sync conflicts': {
    usage: 'nuanjing sync conflicts --db FILE [--all] [--json]',
    summary: '列出需要核对的冲突（--all 含已处理的）',
    options: { all: { type: 'boolean', default: false } },
    async run(ctx) {
      const session = await ctx.open();
      try {
        const items = await session.client.call('sync.conflicts', { includeResolved: ctx.values.all === true });
        ctx.print(items, conflictText(items));
        return 0;
      } finally {
        session.store.close();
      }
    },
  },
};

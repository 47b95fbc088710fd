import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { APP_VERSION } from '../../app-deps';
import { openAppLedger } from '../../backup/app-ledger';
import { backupFolderOf, listBackups, type BackupEntry } from '../../backup/backup-folder';
import { backupLedger } from '../../backup/ledger-backup';
import { previewRestore, restoreLedger, type RestorePreview } from '../../backup/ledger-restore';
import { AppError } from '../../../shared/contract/api-error';
import { CliUserError, UsageError, withSession, type CliCommand, type CliContext } from '../cli-kit';

/** The password of an encrypted backup: the first line of `--password-file`. */
function passwordFrom(path: unknown): string | undefined {
  if (typeof path !== 'string' || !path) return undefined;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliUserError('PASSWORD_FILE_UNREADABLE', `无法读取密码文件 ${path}（${(error as NodeJS.ErrnoException).code ?? (error as Error).message}）。请检查路径。`);
  }
  const password = text.split(/\r?\n/)[0] ?? '';
  if (password.length < 8) throw new CliUserError('BACKUP_PASSWORD_TOO_SHORT', `密码文件 ${path} 中的备份密码少于8个字符。U盘会离开派出所，请设一个更长的密码。`);
  return password;
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function requireDb(value: unknown, usage: string): string {
  if (typeof value !== 'string' || !value) throw new UsageError(`缺少 --db 数据文件路径\n用法：${usage}`);
  return value;
}

function entryLine(entry: BackupEntry): string {
  if (!entry.verified) return `  ✗ ${entry.fileName}  ${sizeText(entry.bytes)}  不可用：${entry.problem}`;
  return `  ✓ ${entry.createdAt}  ${entry.reasonLabel}${entry.encrypted ? '（加密）' : ''}  ${sizeText(entry.bytes)}  ${entry.fileName}`;
}

function previewText(preview: RestorePreview): string {
  const lines = [
    `备份：${preview.fileName}`,
    `备份时间：${preview.createdAt}（${preview.reasonLabel}${preview.encrypted ? '，加密' : ''}）${preview.stationName ? `  单位：${preview.stationName}（${preview.stationCode}）` : ''}`,
    '记录数（备份 → 现在）：',
    ...preview.counts.filter((c) => c.backup > 0 || (c.current ?? 0) > 0).map((c) => `  ${c.label}：备份 ${c.backup}，现在 ${c.current ?? '无法读取'}`),
  ];
  if (!preview.keysIncluded) lines.push('注意：这个备份不带本机的同步密钥，恢复后需向市局申请重新下发开通文件再同步。');
  else if (!preview.sameInstallation) lines.push('注意：这个备份来自另一台电脑的台账；恢复后如不能同步，请向市局申请重新下发开通文件。');
  return lines.join('\n');
}

async function confirmOnTerminal(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await new Promise<string>((done) => rl.question(question, done));
    return /^(y|yes|是|确认)$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

/** `--from`: a path, or the name of a file in the folder beside the ledger. */
function backupPathOf(from: string, dbPath: string): string {
  if (existsSync(from)) return resolve(from);
  const listed = join(backupFolderOf(dbPath), basename(from));
  if (existsSync(listed)) return listed;
  throw new CliUserError('BACKUP_NOT_FOUND', `找不到备份文件：${from}。请检查路径，或用 nuanjing backups --db ${dbPath} 查看备份列表。`);
}

/**
 * A ledger with accounts is restored by a 管理员 only (`--user`, the same sign-in and refusals as
 * every other command). A ledger that cannot be opened (corrupt) has no accounts to ask: restoring
 * its backup is the way out, so it goes on; so does a restore onto a PC without a ledger yet.
 */
async function signInUnlessCorrupt(ctx: CliContext, dbPath: string): Promise<void> {
  if (!existsSync(dbPath)) return;
  try {
    await withSession(ctx, async () => undefined);
  } catch (error) {
    if (error instanceof AppError && error.code === 'DB_CORRUPT') return;
    throw error;
  }
}

const backupUsage = 'nuanjing backup --db FILE [--out DIR] [--password-file P] [--json]';
const backupsUsage = 'nuanjing backups --db FILE [--json]';
const restoreUsage = 'nuanjing restore --db FILE --from BACKUP [--password-file P] [--yes] [--user U --user-password-file P] [--json]';

/** Backups from the command line: take one (to a stick, encrypted), list them, restore one. */
export const backupCommands: Record<string, CliCommand> = {
  backup: {
    usage: backupUsage,
    summary: '立即备份台账（经完整性检查）：默认到台账旁的「…-备份」文件夹，--out 到指定文件夹（U盘）；--password-file 加密（AES-256-GCM）',
    options: { out: { type: 'string' }, 'password-file': { type: 'string' } },
    // A backup holds every person's file, health details included.
    role: '管理员',
    async run(ctx) {
      const password = passwordFrom(ctx.values['password-file']);
      const out = typeof ctx.values.out === 'string' ? resolve(ctx.values.out) : undefined;
      if (out && !existsSync(out)) throw new CliUserError('FILE_FOLDER_MISSING', `文件夹不存在：${out}。U盘可能没有插好，请检查后重试。`);
      const entry = await withSession(ctx, ({ store, deps }) => backupLedger(store, { reason: 'manual', folder: out, password, now: store.now(), appVersion: deps.appVersion }));
      ctx.print(entry, `已备份并校验：${entry.path}（${sizeText(entry.bytes)}${entry.encrypted ? '，已加密：恢复时需要这个密码' : ''}）`);
      return 0;
    },
  },

  backups: {
    usage: backupsUsage,
    summary: '列出台账旁备份文件夹中的备份：时间、原因、大小、是否校验通过',
    options: {},
    async run(ctx) {
      const dbPath = requireDb(ctx.values.db, backupsUsage);
      const folder = backupFolderOf(resolve(dbPath));
      const entries = await listBackups(folder);
      ctx.print({ folder, backups: entries }, entries.length === 0 ? `还没有备份（${folder}）。` : [`备份文件夹：${folder}`, ...entries.map(entryLine)].join('\n'));
      return 0;
    },
  },

  restore: {
    usage: restoreUsage,
    summary: '从备份恢复：先校验备份并显示预览（日期、各类记录数与现在对比），--yes 确认后先备份现在的台账再整体换成备份（台账损坏、无法打开时也可用）',
    options: { from: { type: 'string' }, 'password-file': { type: 'string' }, yes: { type: 'boolean', default: false } },
    // A restore replaces the whole ledger, accounts and health details included (as backup.restore in the app).
    role: '管理员',
    async run(ctx) {
      const dbPath = resolve(requireDb(ctx.values.db, restoreUsage));
      if (typeof ctx.values.from !== 'string' || !ctx.values.from) throw new UsageError(`请用 --from 指定备份文件\n用法：${restoreUsage}`);
      await signInUnlessCorrupt(ctx, dbPath);
      const backupPath = backupPathOf(ctx.values.from, dbPath);
      const password = passwordFrom(ctx.values['password-file']);
      let confirmed = ctx.values.yes === true;
      if (!confirmed) {
        const preview = await previewRestore(backupPath, dbPath, { password });
        if (!process.stdin.isTTY || ctx.json) {
          ctx.print({ restored: false, preview }, `${previewText(preview)}\n未恢复：确认无误后加 --yes 再运行。`);
          return 1;
        }
        ctx.io.stderr(previewText(preview));
        confirmed = await confirmOnTerminal('恢复后现在的台账会被整体替换（替换前会先备份）。确认恢复？(y/N) ');
        if (!confirmed) {
          ctx.io.stderr('已取消，台账没有改动。');
          return 1;
        }
      }
      const result = await restoreLedger({ ledgerPath: dbPath, backupPath, password, now: Date.now(), appVersion: APP_VERSION });
      // Opened once: an older backup is migrated now (with its own backup first), keys sealed.
      (await openAppLedger(dbPath, { appVersion: APP_VERSION, keyWrapper: ctx.keys.wrapper, protectClearKeys: ctx.keys.given })).close();
      const safety = result.safetyBackup ? `恢复前的台账已备份为 ${result.safetyBackup.path}。` : result.corruptCopy ? `损坏的台账已另存为 ${result.corruptCopy}。` : '';
      ctx.print(
        { restored: true, preview: result.preview, safetyBackup: result.safetyBackup?.path ?? null, corruptCopy: result.corruptCopy },
        `${previewText(result.preview)}\n已恢复到 ${result.preview.createdAt} 的备份。${safety}`,
      );
      return 0;
    },
  },
};

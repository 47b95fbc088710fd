import { existsSync, promises as fs } from 'node:fs';
import { basename } from 'node:path';
import { z } from 'zod';
import { checkStore } from '../../../db/store-health';
import { CliUserError, type CliCommand } from '../cli-kit';

/** Reads a setup file before the database is created, so a wrong path leaves no empty ledger behind. */
async function readSetupFile(path: string): Promise<Buffer> {
  if (!existsSync(path)) throw new CliUserError('FILE_NOT_FOUND', `开通文件不存在：${path}。请检查路径。`);
  return fs.readFile(path);
}

const roleLabels = { station: '派出所', bureau: '市局/县局' } as const;

export const appCommands: Record<string, CliCommand> = {
  init: {
    usage: 'nuanjing init --db FILE (--code CODE --name NAME [--role station|bureau] | --setup SETUP_FILE) [--operator NAME] [--json]',
    summary: '新建数据文件并设置本单位（--setup：用市局/县局发放的开通文件设置）',
    options: {
      code: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string', default: 'station' },
      operator: { type: 'string' },
      setup: { type: 'string' },
    },
    async run(ctx) {
      const setupPath = typeof ctx.values.setup === 'string' ? ctx.values.setup : undefined;
      const setupBytes = setupPath === undefined ? undefined : await readSetupFile(setupPath);
      const session = await ctx.open({ create: true });
      try {
        if (setupBytes) {
          const station = await session.client.call('sync.setupFromFile', {
            fileName: basename(setupPath as string),
            bytesBase64: setupBytes.toString('base64'),
            operatorName: ctx.values.operator as string | undefined,
          });
          ctx.print(station, `已用开通文件设置本单位：${station.name}（${station.code}，${roleLabels[station.role]}）`);
          return 0;
        }
        const station = await session.client.call('station.setup', {
          code: String(ctx.values.code ?? ''),
          name: String(ctx.values.name ?? ''),
          role: z.enum(['station', 'bureau']).catch('station' as const).parse(ctx.values.role),
          operatorName: ctx.values.operator as string | undefined,
        });
        ctx.print(station, `已设置本单位：${station.name}（${station.code}，${roleLabels[station.role]}）`);
        return 0;
      } finally {
        session.store.close();
      }
    },
  },

  info: {
    usage: 'nuanjing info --db FILE [--json]',
    summary: '显示数据文件与本单位信息',
    options: {},
    async run(ctx) {
      const session = await ctx.open();
      try {
        const info = await session.client.call('app.info', {});
        const station = info.station ? `${info.station.name}（${info.station.code}，${roleLabels[info.station.role]}）` : '尚未设置';
        ctx.print(info, [`本单位：${station}`, `程序版本：${info.appVersion}`, `数据结构：${info.schemaVersion}`, `站点标识：${info.siteId}`, `数据文件：${info.databasePath}`].join('\n'));
        return 0;
      } finally {
        session.store.close();
      }
    },
  },

  stats: {
    usage: 'nuanjing stats --db FILE [--json]',
    summary: '各数据表的有效记录数（按单位）',
    options: {},
    async run(ctx) {
      const session = await ctx.open();
      try {
        const rows = await session.client.call('app.stats', {});
        const lines = rows.map((r) => `${r.label}（${r.table}）\t${r.stationName ?? '—'}（${r.stationCode ?? '—'}）\t${r.rows}`);
        ctx.print(rows, lines.length > 0 ? lines.join('\n') : '没有记录');
        return 0;
      } finally {
        session.store.close();
      }
    },
  },

  check: {
    usage: 'nuanjing check --db FILE [--json]',
    summary: '检查数据文件是否完好',
    options: {},
    async run(ctx) {
      const session = await ctx.open();
      try {
        const result = checkStore(session.store);
        ctx.print(result, result.ok ? '数据文件完好。' : `数据文件有问题：完整性 ${result.integrity}，外键问题 ${result.foreignKeyProblems} 处，无法识别的变更记录 ${result.orphanChanges} 条。`);
        if (!result.ok) ctx.io.stderr('检查未通过：请从备份恢复或联系技术支持。');
        return result.ok ? 0 : 1;
      } finally {
        session.store.close();
      }
    },
  },
};

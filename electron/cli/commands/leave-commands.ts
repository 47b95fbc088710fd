import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isValidIsoDate } from '../../../shared/china-date';
import { holidayCalendarFileSchema } from '../../../shared/holiday-calendar';
import { CliUserError, UsageError, type CliCommand, type CliContext, withSession } from '../cli-kit';

/**
 * `nuanjing leave workdays|entitlement|import|export` and `calendar import`: the working days
 * between two dates, each person's annual leave of a year, the leave sheet in and out, and a
 * year's official calendar from a JSON file. Each `--json` prints exactly the keys the issue names.
 */

function dateOption(ctx: CliContext, name: 'from' | 'to', usage: string): string {
  const value = ctx.values[name];
  if (typeof value !== 'string' || !isValidIsoDate(value)) throw new UsageError(`--${name} 应为日期，如 2026-10-09，收到「${String(value ?? '')}」\n用法：${usage}`);
  return value;
}

function yearOption(ctx: CliContext, usage: string): number {
  const year = Number(ctx.values.year);
  if (ctx.values.year === undefined || !Number.isInteger(year) || year < 2000 || year > 2100) throw new UsageError(`--year 应为年份，如 2026\n用法：${usage}`);
  return year;
}

function onePositional(ctx: CliContext, usage: string, what: string): string {
  const [path, ...extra] = ctx.positionals;
  if (!path || extra.length > 0) throw new UsageError(`请给出${what}\n用法：${usage}`);
  return path;
}

export const leaveCommands: Record<string, CliCommand> = {
  'leave workdays': {
    usage: 'nuanjing leave workdays --db FILE --from YYYY-MM-DD --to YYYY-MM-DD [--json]',
    summary: '两日之间的工作日天数（按节假日安排：法定节假日、周末不计，调休上班日计入）；缺少当年安排时退出码为1（CALENDAR_MISSING）',
    options: { from: { type: 'string' }, to: { type: 'string' } },
    async run(ctx) {
      const from = dateOption(ctx, 'from', this.usage);
      const to = dateOption(ctx, 'to', this.usage);
      return withSession(ctx, async (session) => {
        const result = await session.client.call('leave.workdays', { from, to });
        ctx.print(result, `${from} 至 ${to}：${result.workdays} 个工作日`);
        return 0;
      });
    },
  },

  'leave entitlement': {
    usage: 'nuanjing leave entitlement --db FILE --year Y [--json]',
    summary: '某年每人的年休假：应休、上年结转、已休、已计划、剩余，应休为0时说明原因（市局为所辖全部人员）',
    options: { year: { type: 'string' } },
    async run(ctx) {
      const year = yearOption(ctx, this.usage);
      return withSession(ctx, async (session) => {
        const balances = await session.client.call('leave.entitlement', { year });
        const data = balances.map((b) => ({ idNumber: b.idNumber, name: b.name, category: b.category, entitled: b.entitled, carried: b.carried, taken: b.taken, planned: b.planned, remaining: b.remaining, reason: b.entitled === 0 ? b.reason : '' }));
        const lines = balances.map((b) => `${b.name}（${b.category}）应休${b.entitled} 结转${b.carried} 已休${b.taken} 计划${b.planned} 剩余${b.remaining}${b.entitled === 0 ? `：${b.reason}` : ''}${b.underused ? '  [应休尽休]' : ''}`);
        ctx.print(data, lines.length > 0 ? lines.join('\n') : '没有在职人员。');
        return 0;
      });
    },
  },

  'leave import': {
    usage: 'nuanjing leave import --db FILE SHEET.xlsx [--dry-run] [--json]',
    summary: '导入 Excel 休假记录（列：姓名、身份证号、假别、开始日期、开始时段、结束日期、结束时段、状态、备注；按身份证号对应人员；有错误的行不导入，退出码为1；重复导入不变）',
    options: { 'dry-run': { type: 'boolean', default: false } },
    allowPositionals: true,
    async run(ctx) {
      const sheetPath = onePositional(ctx, this.usage, '一个要导入的 Excel 文件');
      if (!existsSync(sheetPath)) throw new CliUserError('FILE_NOT_FOUND', `找不到要导入的文件：${sheetPath}`);
      return withSession(ctx, async (session) => {
        const args = { fileName: sheetPath, bytesBase64: readFileSync(sheetPath).toString('base64') };
        const s = await session.client.call(ctx.values['dry-run'] ? 'leave.importPreview' : 'leave.importCommit', args);
        const lines = [`${s.committed ? '导入完成' : '预览（未写入，去掉 --dry-run 才会导入）'}：新增 ${s.created} 条，更新 ${s.updated} 条，未变 ${s.unchanged} 条，提示 ${s.warnings.length} 项，错误 ${s.errors.length} 项`];
        for (const w of s.warnings) lines.push(`  第${w.row}行 提示：${w.message}`);
        for (const e of s.errors) lines.push(`  第${e.row}行 错误：${e.message}`);
        ctx.print({ created: s.created, updated: s.updated, unchanged: s.unchanged, warnings: s.warnings, errors: s.errors }, lines.join('\n'));
        if (s.errors.length > 0) ctx.io.stderr(`有 ${new Set(s.errors.map((e) => e.row)).size} 行未导入（原因见上），请改正后再导入这些行。`);
        return s.errors.length > 0 ? 1 : 0;
      });
    },
  },

  'leave export': {
    usage: 'nuanjing leave export --db FILE FILE.xlsx [--year Y] [--json]',
    summary: '导出休假记录为 Excel（与导入的列相同，修改后可导回）',
    options: { year: { type: 'string' } },
    allowPositionals: true,
    async run(ctx) {
      const out = onePositional(ctx, this.usage, '要写入的 Excel 文件名');
      const year = ctx.values.year === undefined ? undefined : yearOption(ctx, this.usage);
      return withSession(ctx, async (session) => {
        const file = await session.client.call('leave.export', year ? { year } : {});
        await writeFile(resolve(out), Buffer.from(file.bytesBase64, 'base64'));
        ctx.print({ file: resolve(out), rows: file.rowCount ?? 0 }, `已导出 ${file.rowCount ?? 0} 条休假记录：${resolve(out)}`);
        return 0;
      });
    },
  },

  'calendar import': {
    usage: 'nuanjing calendar import --db FILE CALENDAR.json [--json]',
    summary: '市局/县局：导入某年的节假日安排（JSON：{ "year": 2027, "holidays": [...], "workdays": [...], "notice": "国务院办公厅关于2027年部分节假日安排的通知" }），随同步文件下发到各所',
    options: {},
    allowPositionals: true,
    async run(ctx) {
      const path = onePositional(ctx, this.usage, '一个节假日安排 JSON 文件');
      if (!existsSync(path)) throw new CliUserError('FILE_NOT_FOUND', `找不到要导入的文件：${path}`);
      let content: unknown;
      try {
        content = JSON.parse(readFileSync(path, 'utf8'));
      } catch (error) {
        throw new CliUserError('CALENDAR_FILE_UNREADABLE', `${path} 不是有效的 JSON 文件（${(error as Error).message}）。格式如：{ "year": 2027, "holidays": ["2027-01-01"], "workdays": ["2027-02-07"], "notice": "国务院办公厅关于2027年部分节假日安排的通知" }`);
      }
      const parsed = holidayCalendarFileSchema.safeParse(content);
      if (!parsed.success) throw new CliUserError('INVALID_ARGUMENT', `节假日安排文件有误：${parsed.error.issues.map((i) => i.message).join('；')}`);
      return withSession(ctx, async (session) => {
        const calendar = await session.client.call('calendar.save', parsed.data);
        const result = { year: calendar.year, holidays: calendar.holidays.length, workdays: calendar.workdays.length, notice: calendar.notice };
        ctx.print(result, `已导入 ${result.year} 年节假日安排：放假 ${result.holidays} 天，调休上班 ${result.workdays} 天（${result.notice}）。导出同步文件后随之下发到各所。`);
        return 0;
      });
    },
  },
};

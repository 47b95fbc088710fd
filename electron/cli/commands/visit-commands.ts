import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isValidIsoDate } from '../../../shared/china-date';
import { festivalNameOf, festivalsOfYear } from '../../../shared/festival-dates';
import { festivalEvent } from '../../../shared/visit-record';
import { UsageError, type CliCommand, type CliContext, sheetToImport, withSession } from '../cli-kit';

/**
 * `nuanjing festivals`, `reminders` and `visits …`: the festival dates, 工作台's reminders, a
 * festival's coverage, the visits sheet in and out, and the receipt sheet as a PDF. Each `--json`
 * prints exactly the keys the issue names.
 */

function yearOption(ctx: CliContext, usage: string): number {
  const year = Number(ctx.values.year);
  if (ctx.values.year === undefined || !Number.isInteger(year) || year < 2000 || year > 2100) throw new UsageError(`--year 应为年份，如 2026\n用法：${usage}`);
  return year;
}

function festivalOption(ctx: CliContext, usage: string) {
  const name = typeof ctx.values.festival === 'string' ? festivalNameOf(ctx.values.festival) : null;
  if (!name) {
    throw new UsageError(`--festival 应为节日名称：${festivalsOfYear(2026).map((f) => f.name).join('、')}\n用法：${usage}`);
  }
  return name;
}

export const visitCommands: Record<string, CliCommand> = {
  festivals: {
    usage: 'nuanjing festivals --year Y [--json]',
    summary: '某年各节日的日期：元旦、中国人民警察节、除夕、春节、元宵、清明、五一、端午、中秋、国庆（农历节日按农历换算）',
    options: { year: { type: 'string' } },
    async run(ctx) {
      const festivals = festivalsOfYear(yearOption(ctx, this.usage));
      ctx.print(festivals, festivals.map((f) => `${f.date}  ${f.name}`).join('\n'));
      return 0;
    },
  },

  reminders: {
    usage: 'nuanjing reminders --db FILE [--from YYYY-MM-DD] [--days N] [--json]',
    summary: '工作台提醒：今后 N 天（默认30天）的生日、节日及慰问覆盖、住院未慰问、退休、婚育、中考高考',
    options: { from: { type: 'string' }, days: { type: 'string' } },
    async run(ctx) {
      const from = ctx.values.from as string | undefined;
      if (from !== undefined && !isValidIsoDate(from)) throw new UsageError(`--from 应为日期，如 2026-09-01，收到「${from}」`);
      const days = ctx.values.days === undefined ? undefined : Number(ctx.values.days);
      if (days !== undefined && (!Number.isInteger(days) || days < 1 || days > 366)) throw new UsageError(`--days 应为 1–366 的整数，收到「${String(ctx.values.days)}」`);
      return withSession(ctx, async (session) => {
        const reminders = await session.client.call('reminders.list', { ...(from ? { from } : {}), ...(days ? { days } : {}) });
        ctx.print(
          reminders.map((r) => ({ kind: r.kind, date: r.date, name: r.name, idNumber: r.idNumber, reason: r.reason })),
          reminders.length === 0 ? '这段时间没有提醒。' : reminders.map((r) => `${r.date}  [${r.kind}] ${r.name}：${r.reason}`).join('\n'),
        );
        return 0;
      });
    },
  },

  'visits coverage': {
    usage: 'nuanjing visits coverage --db FILE --festival NAME --year Y [--json]',
    summary: '某年某节日的慰问覆盖（不遗漏一人）：在职人员中已慰问、未慰问的名单',
    options: { festival: { type: 'string' }, year: { type: 'string' } },
    async run(ctx) {
      const festival = festivalOption(ctx, this.usage);
      const year = yearOption(ctx, this.usage);
      return withSession(ctx, async (session) => {
        const c = await session.client.call('visits.coverage', { festival, year });
        const human = [`${year}年${festival}（${c.date}）：在职 ${c.active} 人，已慰问 ${c.visited.length} 人，未慰问 ${c.missing.length} 人`, ...(c.missing.length > 0 ? [`未慰问：${c.missing.map((m) => m.name).join('、')}`] : [])].join('\n');
        ctx.print({ festival, date: c.date, active: c.active, visited: c.visited.map((v) => v.name), missing: c.missing.map((m) => m.name) }, human);
        return 0;
      });
    },
  },

  'visits import': {
    usage: 'nuanjing visits import --db FILE SHEET.xlsx [--dry-run] [--json]',
    summary: '导入 Excel 慰问记录（按身份证号对应人员；超标准为提示照常导入；同一事件重复慰问为错误，备注写「确认：理由」的除外；有错误的行不导入，退出码为1）',
    options: { 'dry-run': { type: 'boolean', default: false } },
    allowPositionals: true,
    async run(ctx) {
      const sheetPath = sheetToImport(ctx, this.usage);
      return withSession(ctx, async (session) => {
        const args = { fileName: sheetPath, bytesBase64: readFileSync(sheetPath).toString('base64') };
        const s = await session.client.call(ctx.values['dry-run'] ? 'visits.importPreview' : 'visits.importCommit', args);
        const lines = [`${s.committed ? '导入完成' : '预览（未写入，去掉 --dry-run 才会导入）'}：新增 ${s.created} 条，更新 ${s.updated} 条，提示 ${s.warnings.length} 项，错误 ${s.errors.length} 项`];
        for (const w of s.warnings) lines.push(`  第${w.row}行 提示：${w.message}`);
        for (const e of s.errors) lines.push(`  第${e.row}行 错误：${e.message}`);
        ctx.print({ created: s.created, updated: s.updated, warnings: s.warnings, errors: s.errors }, lines.join('\n'));
        if (s.errors.length > 0) ctx.io.stderr(`有 ${new Set(s.errors.map((e) => e.row)).size} 行未导入（原因见上），请改正后再导入这些行。`);
        return s.errors.length > 0 ? 1 : 0;
      });
    },
  },

  'visits export': {
    usage: 'nuanjing visits export --db FILE FILE.xlsx [--year Y] [--json]',
    summary: '导出慰问记录为 Excel（与导入的列相同，修改后可导回）',
    options: { year: { type: 'string' } },
    allowPositionals: true,
    async run(ctx) {
      const [out, ...extra] = ctx.positionals;
      if (!out || extra.length > 0) throw new UsageError(`请给出要写入的 Excel 文件名\n用法：${this.usage}`);
      const year = ctx.values.year === undefined ? undefined : yearOption(ctx, this.usage);
      return withSession(ctx, async (session) => {
        const file = await session.client.call('visits.export', year ? { year } : {});
        await writeFile(resolve(out), Buffer.from(file.bytesBase64, 'base64'));
        ctx.print({ file: resolve(out), rows: file.rowCount ?? 0 }, `已导出 ${file.rowCount ?? 0} 条慰问记录：${resolve(out)}`);
        return 0;
      });
    },
  },

  'visits receipt': {
    usage: 'nuanjing visits receipt --db FILE --festival NAME --year Y --out FILE.pdf [--json]',
    summary: '打印某年某节日慰问的签领表（A4 PDF，含页码，签名栏留空）',
    options: { festival: { type: 'string' }, year: { type: 'string' }, out: { type: 'string' } },
    async run(ctx) {
      const festival = festivalOption(ctx, this.usage);
      const year = yearOption(ctx, this.usage);
      const out = ctx.values.out;
      if (typeof out !== 'string' || out === '') throw new UsageError(`请用 --out 给出 PDF 文件名\n用法：${this.usage}`);
      return withSession(ctx, async (session) => {
        const file = await session.client.call('visits.receiptPdf', { event: festivalEvent(festival, year) });
        await writeFile(resolve(out), Buffer.from(file.bytesBase64, 'base64'));
        ctx.print({ file: resolve(out), rows: file.rowCount ?? 0 }, `已生成签领表（${file.rowCount ?? 0} 人次）：${resolve(out)}`);
        return 0;
      });
    },
  },
};

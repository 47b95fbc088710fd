import { readFileSync } from 'node:fs';
import { isValidIsoDate } from '../../../shared/china-date';
import type { HealthCoverage, HealthOverdueReport } from '../../../shared/health-record';
import { UsageError, type CliCommand, sheetToImport } from '../cli-kit';

/**
 * `nuanjing health …`: the hospital's checkup sheet in, and what is overdue and the year's coverage
 * out. Each `--json` prints exactly the keys the issue names (scripts of the bureau rely on them).
 */

function describeOverdue(report: HealthOverdueReport): string {
  const lines = [`${report.on} 逾期情况：体检逾期 ${report.checkups.length} 人，复查逾期 ${report.followUps.length} 项，心理干预逾期 ${report.watch.length} 人`];
  for (const c of report.checkups) lines.push(`  体检逾期 ${c.daysOverdue} 天：${c.name}（${c.category}，${c.idNumber}）`);
  for (const f of report.followUps) lines.push(`  复查逾期 ${f.daysOverdue} 天：${f.name}（${f.checkupDate} 体检，应于 ${f.followUpDue} 前复查）`);
  for (const w of report.watch) lines.push(`  干预逾期 ${w.daysOverdue} 天：${w.name}（${w.screeningDate} 普测为「${w.level}」，应于 ${w.interventionDue} 前一对一干预）`);
  return lines.join('\n');
}

function describeCoverage(coverage: HealthCoverage): string {
  const lines = [`${coverage.year} 年体检覆盖率：${coverage.total.percent}%（在职 ${coverage.total.active} 人，已体检 ${coverage.total.checked} 人）`];
  for (const c of coverage.categories) lines.push(`  ${c.category}：${c.percent}%（${c.checked}/${c.active}）`);
  return lines.join('\n');
}

export const healthCommands: Record<string, CliCommand> = {
  'health import': {
    usage: 'nuanjing health import --db FILE SHEET.xlsx [--dry-run] [--json]',
    summary: '导入医院的体检结果表（按身份证号对应人员；同一人同一天再次导入只更新；有拒绝的行时退出码为1，其余行照常导入）',
    options: { 'dry-run': { type: 'boolean', default: false } },
    allowPositionals: true,
    async run(ctx) {
      const sheetPath = sheetToImport(ctx, this.usage);
      const session = await ctx.open();
      try {
        const args = { fileName: sheetPath, bytesBase64: readFileSync(sheetPath).toString('base64') };
        const summary = await session.client.call(ctx.values['dry-run'] ? 'health.importPreview' : 'health.importCommit', args);
        const head = summary.committed ? '导入完成' : '预览（未写入，去掉 --dry-run 才会导入）';
        const lines = [`${head}：新增 ${summary.created} 条，更新 ${summary.updated} 条，未变 ${summary.unchanged} 条，拒绝 ${summary.refused} 行`];
        for (const error of summary.errors) lines.push(`  第${error.row}行：${error.message}`);
        if (summary.unknownItems.length > 0) lines.push(`词表中没有的异常项目（可在「健康管理」导入时加入词表）：${summary.unknownItems.map((u) => u.name).join('、')}`);
        if (summary.ignoredHeaders.length > 0) lines.push(`未识别、已忽略的列：${summary.ignoredHeaders.join('、')}`);
        ctx.print({ created: summary.created, updated: summary.updated, unchanged: summary.unchanged, errors: summary.errors }, lines.join('\n'));
        if (summary.refused > 0) ctx.io.stderr(`有 ${summary.refused} 行未导入（原因见上），请改正后再导入这些行。`);
        return summary.refused > 0 ? 1 : 0;
      } finally {
        session.store.close();
      }
    },
  },

  'health overdue': {
    usage: 'nuanjing health overdue --db FILE [--on YYYY-MM-DD] [--json]',
    summary: '列出体检逾期、复查逾期和心理干预逾期的人员（默认按今天）',
    options: { on: { type: 'string' } },
    async run(ctx) {
      const on = ctx.values.on as string | undefined;
      if (on !== undefined && !isValidIsoDate(on)) throw new UsageError(`--on 应为日期，如 2026-11-23，收到「${on}」`);
      const session = await ctx.open();
      try {
        const report = await session.client.call('health.overdue', on ? { on } : {});
        ctx.print({ checkups: report.checkups, followUps: report.followUps, watch: report.watch }, describeOverdue(report));
        return 0;
      } finally {
        session.store.close();
      }
    },
  },

  'health coverage': {
    usage: 'nuanjing health coverage --db FILE --year Y [--json]',
    summary: '某年体检覆盖率：已体检人数 ÷ 在职人数，按民警、辅警、职工',
    options: { year: { type: 'string' } },
    async run(ctx) {
      const year = Number(ctx.values.year);
      if (ctx.values.year === undefined || !Number.isInteger(year) || year < 2000 || year > 2100) {
        throw new UsageError(`--year 应为年份，如 2026\n用法：${this.usage}`);
      }
      const session = await ctx.open();
      try {
        const coverage = await session.client.call('health.coverage', { year });
        ctx.print({ year: coverage.year, categories: coverage.categories, total: coverage.total }, describeCoverage(coverage));
        return 0;
      } finally {
        session.store.close();
      }
    },
  },
};

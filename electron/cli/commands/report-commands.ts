import { writeFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { reportMonthSchema } from '../../../shared/monthly-report';
import { chromiumPdfRenderer } from '../../print/chromium-pdf';
import { monthlyReport } from '../../reports/monthly-report';
import { monthlyReportDocument } from '../../reports/monthly-report-document';
import { monthlyReportWorkbook } from '../../reports/monthly-report-workbook';
import { UsageError, type CliCommand } from '../cli-kit';

/**
 * `nuanjing report`: the monthly report of a month for the station (at a bureau: `--station CODE`
 * for one station, `--city` for the whole city) as a PDF, an Excel workbook or the print page
 * (.html), by the file's extension; `--json` prints the model. A month not yet begun or a station
 * not known exits 1 with a Chinese message.
 */

const USAGE = 'nuanjing report --db FILE --month YYYY-MM [--station CODE | --city] [--out FILE.pdf|.xlsx|.html] [--json]';

export const reportCommands: Record<string, CliCommand> = {
  report: {
    usage: USAGE,
    summary: '某月月报（派出所；市局可 --station 某所或 --city 全市）：保存为 PDF、Excel 或网页，--json 输出数据',
    options: { month: { type: 'string' }, station: { type: 'string' }, city: { type: 'boolean', default: false }, out: { type: 'string' } },
    async run(ctx) {
      const month = reportMonthSchema.safeParse(ctx.values.month);
      if (!month.success) throw new UsageError(`--month 应为月份，如 2026-10\n用法：${USAGE}`);
      const station = ctx.values.station as string | undefined;
      if (station && ctx.values.city) throw new UsageError(`--station 和 --city 只能选一个\n用法：${USAGE}`);
      const out = ctx.values.out as string | undefined;
      const kind = out ? extname(out).toLowerCase() : '';
      if (out && !['.pdf', '.xlsx', '.html'].includes(kind)) throw new UsageError(`--out 的文件应以 .pdf、.xlsx 或 .html 结尾\n用法：${USAGE}`);
      if (!out && !ctx.json) throw new UsageError(`请用 --out 给出文件名，或用 --json 输出数据\n用法：${USAGE}`);
      const session = await ctx.open();
      try {
        const report = monthlyReport(session.deps, { month: month.data, ...(station ? { station } : {}) });
        if (ctx.values.city && report.scope.kind !== 'city') throw new UsageError(`本机是派出所，没有全市月报：去掉 --city\n用法：${USAGE}`);
        if (out) {
          const document = monthlyReportDocument(report);
          const bytes =
            kind === '.pdf'
              ? await (session.deps.pdf ?? chromiumPdfRenderer)(document.html)
              : kind === '.xlsx'
                ? Buffer.from((await monthlyReportWorkbook(report)).bytesBase64, 'base64')
                : Buffer.from(document.html, 'utf8');
          await writeFile(resolve(out), bytes);
        }
        const f = report.figures;
        ctx.print(
          {
            month: report.month,
            scope: report.scope,
            staff: { ...f.staff, byCategory: f.staff.activeByCategory },
            health: f.health,
            visits: { count: f.visits.month.count, amountFen: f.visits.month.amountFen, ...f.visits },
            honours: f.honours,
            nextMonth: f.nextMonth,
            leave: { ...f.leave, notes: report.leave.notes },
            lists: report.lists,
            stations: report.stations.map((s) => ({ code: s.code, name: s.name, lastBundleAt: s.lastBundleAt, ...s.figures })),
            incompleteStations: report.incompleteStations,
            fingerprint: report.fingerprint,
          },
          `已生成${report.scope.name}${report.scope.kind === 'city' ? '全市' : ''} ${report.month} 月报：在职 ${f.staff.active} 人，本月慰问 ${f.visits.month.count} 人次${out ? `，${resolve(out)}` : ''}`,
        );
        return 0;
      } finally {
        session.store.close();
      }
    },
  },
};

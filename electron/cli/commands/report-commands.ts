import { writeFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { reportMonthSchema } from '../../../shared/monthly-report';
import { staffStatuses, type RosterFilter } from '../../../shared/staff-record';
import { stationListKinds, type StationListKind } from '../../../shared/station-lists';
import { chromiumPdfRenderer } from '../../print/chromium-pdf';
import { monthlyReport } from '../../reports/monthly-report';
import { monthlyReportDocument } from '../../reports/monthly-report-document';
import { monthlyReportWorkbook } from '../../reports/monthly-report-workbook';
import { rosterSheet } from '../../reports/list-handlers';
import { reportSignatureOf } from '../../reports/report-signature';
import { stationList } from '../../reports/station-lists';
import { stationListDocument } from '../../reports/station-list-document';
import { stationListWorkbook } from '../../reports/station-list-workbook';
import { UsageError, type CliCommand } from '../cli-kit';

/**
 * `nuanjing report`: the monthly report of a month for the station (at a bureau: `--station CODE`
 * for one station, `--city` for the whole city) as a PDF, an Excel workbook or the print page
 * (.html), by the file's extension; `--json` prints the model. A month not yet begun or a station
 * not known exits 1 with a Chinese message.
 */

const LISTS_USAGE = `nuanjing lists --db FILE --kind 花名册|${stationListKinds.join('|')} [--station CODE] [--year YYYY] [--month YYYY-MM] [--all] --out FILE.pdf|.html|.xlsx [--json]`;

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

  lists: {
    usage: LISTS_USAGE,
    summary: '打印用名单：花名册（A4 横向，--all 含全部状态）、人员统计、中考高考子女（--year，默认明年）、一年内退休、本月生日（--month）；保存为 PDF、网页或 Excel（花名册的 Excel 用 roster export）',
    options: { kind: { type: 'string' }, station: { type: 'string' }, year: { type: 'string' }, month: { type: 'string' }, all: { type: 'boolean', default: false }, out: { type: 'string' } },
    async run(ctx) {
      const kind = ctx.values.kind as string | undefined;
      if (kind !== '花名册' && !stationListKinds.includes(kind as StationListKind)) throw new UsageError(`--kind 应为 花名册 或 ${stationListKinds.join('、')}\n用法：${LISTS_USAGE}`);
      const out = ctx.values.out as string | undefined;
      const ext = out ? extname(out).toLowerCase() : '';
      const allowed = kind === '花名册' ? ['.pdf', '.html'] : ['.pdf', '.html', '.xlsx'];
      if (!out || !allowed.includes(ext)) throw new UsageError(`--out 的文件应以 ${allowed.join('、')} 结尾${kind === '花名册' ? '（花名册的 Excel 请用 nuanjing roster export）' : ''}\n用法：${LISTS_USAGE}`);
      const month = ctx.values.month === undefined ? undefined : reportMonthSchema.safeParse(ctx.values.month);
      if (month && !month.success) throw new UsageError(`--month 应为月份，如 2026-10\n用法：${LISTS_USAGE}`);
      const year = ctx.values.year === undefined ? undefined : Number(ctx.values.year);
      if (year !== undefined && !(Number.isInteger(year) && year >= 2000 && year <= 2100)) throw new UsageError(`--year 应为年份，如 2027\n用法：${LISTS_USAGE}`);
      const station = ctx.values.station as string | undefined;
      const session = await ctx.open();
      try {
        let document;
        let summary: Record<string, unknown>;
        if (kind === '花名册') {
          const filter: RosterFilter = { ...(ctx.values.all ? { statuses: [...staffStatuses] } : {}), ...(station ? { stationCodes: [station] } : {}) };
          document = rosterSheet(session.deps, filter);
          summary = { kind, title: document.title };
        } else {
          const list = stationList(session.deps, { kind: kind as StationListKind, ...(station ? { station } : {}), ...(year ? { year } : {}), ...(month?.data ? { month: month.data } : {}) });
          document = stationListDocument(list, reportSignatureOf(session.deps));
          summary = { ...list };
          if (ext === '.xlsx') {
            await writeFile(resolve(out), Buffer.from((await stationListWorkbook(list)).bytesBase64, 'base64'));
            ctx.print({ ...summary, out: resolve(out) }, `已生成${list.title}：${resolve(out)}`);
            return 0;
          }
        }
        const bytes = ext === '.pdf' ? await (session.deps.pdf ?? chromiumPdfRenderer)(document.html) : Buffer.from(document.html, 'utf8');
        await writeFile(resolve(out), bytes);
        ctx.print({ ...summary, out: resolve(out) }, `已生成${document.title}：${resolve(out)}`);
        return 0;
      } finally {
        session.store.close();
      }
    },
  },
};

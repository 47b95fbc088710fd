import { init, type EChartsOption } from 'echarts';
import { staffCategories } from '../../shared/staff-record';
import { coveragePercent, type MonthlyReport } from '../../shared/monthly-report';
import { visitKinds } from '../../shared/visit-record';
import { leaveTypes } from '../../shared/leave-record';
import { FONT_STACK } from '../print/print-document';

/**
 * The report's charts (issue 13: "where a reader would rather look than read"): ECharts rendered to
 * SVG strings in the main process (server-side rendering, no DOM), so the very same vector image is
 * in the preview, the print and the PDF, sharp at any zoom. Sizes are in CSS pixels of the A4 page.
 */

/** The report's fonts: the print page's (print-document.ts). */
const FONT = FONT_STACK;

/** One chart as an SVG string. */
export function chartSvg(option: EChartsOption, width: number, height: number): string {
  const chart = init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: FONT, fontSize: 11 }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

const bar = (data: number[], color: string) => ({ type: 'bar' as const, data, itemStyle: { color }, barMaxWidth: 36, label: { show: true, position: 'top' as const, fontSize: 10 } });

/** 在职人数 by category at month end. */
export function headcountChart(report: MonthlyReport): string {
  return chartSvg(
    {
      title: { text: '月末在职人数（按类别）', left: 'center', textStyle: { fontSize: 12, fontFamily: FONT } },
      grid: { left: 40, right: 16, top: 50, bottom: 28 },
      xAxis: { type: 'category', data: [...staffCategories] },
      yAxis: { type: 'value', minInterval: 1 },
      series: [bar(staffCategories.map((c) => report.figures.staff.activeByCategory[c]), '#3b6fb6')],
    },
    330,
    210,
  );
}

/** 体检覆盖率 by category against the target of everyone (100 %). */
export function coverageChart(report: MonthlyReport): string {
  return chartSvg(
    {
      title: { text: '本年体检覆盖率（目标 100%）', left: 'center', textStyle: { fontSize: 12, fontFamily: FONT } },
      grid: { left: 40, right: 16, top: 50, bottom: 28 },
      xAxis: { type: 'category', data: [...staffCategories] },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        {
          ...bar(staffCategories.map((c) => coveragePercent(report.figures.health.coverage[c])), '#2f9e6e'),
          label: { show: true, position: 'top', fontSize: 10, formatter: '{c}%' },
          markLine: { symbol: 'none', data: [{ yAxis: 100 }], lineStyle: { color: '#c0392b', type: 'dashed' }, label: { formatter: '目标', fontSize: 10, position: 'insideEndTop' } },
        },
      ],
    },
    330,
    210,
  );
}

/** Visits by kind: 人次 this month and the year to date (only the kinds with a visit this year). */
export function visitsChart(report: MonthlyReport): string | null {
  const kinds = visitKinds.filter((k) => report.figures.visits.byKind[k].year.count > 0);
  if (kinds.length === 0) return null;
  return chartSvg(
    {
      title: { text: '慰问人次（按类型）', left: 0, textStyle: { fontSize: 12, fontFamily: FONT } },
      legend: { top: 2, right: 10, data: ['本月', '本年累计'], textStyle: { fontSize: 10 } },
      grid: { left: 90, right: 30, top: 44, bottom: 20 },
      yAxis: { type: 'category', data: kinds, inverse: true, axisLabel: { fontSize: 10 } },
      xAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: '本月', type: 'bar', data: kinds.map((k) => report.figures.visits.byKind[k].month.count), itemStyle: { color: '#d98b2b' }, label: { show: true, position: 'right', fontSize: 9 } },
        { name: '本年累计', type: 'bar', data: kinds.map((k) => report.figures.visits.byKind[k].year.count), itemStyle: { color: '#8aa9d6' }, label: { show: true, position: 'right', fontSize: 9 } },
      ],
    },
    680,
    Math.max(150, 60 + kinds.length * 34),
  );
}

/** Leave days by type: this month and the year to date (only the types with leave this year). */
export function leaveChart(report: MonthlyReport): string | null {
  const types = leaveTypes.filter((t) => report.figures.leave.byType[t].yearDays > 0);
  if (types.length === 0) return null;
  return chartSvg(
    {
      title: { text: '休假天数（按假别）', left: 0, textStyle: { fontSize: 12, fontFamily: FONT } },
      legend: { top: 2, right: 10, data: ['本月', '本年累计'], textStyle: { fontSize: 10 } },
      grid: { left: 90, right: 36, top: 44, bottom: 20 },
      yAxis: { type: 'category', data: types, inverse: true, axisLabel: { fontSize: 10 } },
      xAxis: { type: 'value' },
      series: [
        { name: '本月', type: 'bar', data: types.map((t) => report.figures.leave.byType[t].monthDays), itemStyle: { color: '#6b8e23' }, label: { show: true, position: 'right', fontSize: 9 } },
        { name: '本年累计', type: 'bar', data: types.map((t) => report.figures.leave.byType[t].yearDays), itemStyle: { color: '#a9c4e8' }, label: { show: true, position: 'right', fontSize: 9 } },
      ],
    },
    680,
    Math.max(150, 60 + types.length * 34),
  );
}

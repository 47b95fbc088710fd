import type { BirthdayLine, ExamChildLine, RetirementLine, StationList } from '../../shared/station-lists';
import { staffCategories } from '../../shared/staff-record';
import type { StatisticsTable } from '../../shared/staff-statistics';

/**
 * The columns of each station-wide list, shared by its print page and its Excel sheet so both show
 * the same thing: header, width (the print's share of the line, the sheet's characters) and value.
 * 所属单位 only in a city's lists.
 */
export interface ListColumn<L> {
  header: string;
  /** Relative width on paper. */
  width: number;
  /** Width in an Excel sheet, in characters. */
  excelWidth: number;
  value(line: L, index: number): string | number;
  align?: 'center' | 'right' | 'left';
}

const no = <L>(): ListColumn<L> => ({ header: '序号', width: 6, excelWidth: 6, value: (_l, i) => i + 1, align: 'center' });
const station = <L extends { stationName: string }>(): ListColumn<L> => ({ header: '所属单位', width: 16, excelWidth: 16, value: (l) => l.stationName });

const examColumns: ListColumn<ExamChildLine>[] = [
  no(),
  { header: '考试', width: 7, excelWidth: 7, value: (l) => l.exam, align: 'center' },
  { header: '子女姓名', width: 11, excelWidth: 10, value: (l) => l.childName, align: 'center' },
  { header: '子女出生日期', width: 15, excelWidth: 13, value: (l) => l.childBirthDate ?? '', align: 'center' },
  { header: '学校、年级', width: 22, excelWidth: 24, value: (l) => l.school },
  { header: '家长', width: 10, excelWidth: 10, value: (l) => l.name, align: 'center' },
  { header: '类别', width: 7, excelWidth: 7, value: (l) => l.category, align: 'center' },
  { header: '联系电话', width: 14, excelWidth: 14, value: (l) => l.phone ?? '', align: 'center' },
  { header: '年份依据', width: 11, excelWidth: 9, value: (l) => l.yearFrom, align: 'center' },
];

const retirementColumns: ListColumn<RetirementLine>[] = [
  no(),
  { header: '姓名', width: 10, excelWidth: 10, value: (l) => l.name, align: 'center' },
  { header: '性别', width: 6, excelWidth: 6, value: (l) => l.gender, align: 'center' },
  { header: '类别', width: 7, excelWidth: 7, value: (l) => l.category, align: 'center' },
  { header: '出生日期', width: 13, excelWidth: 12, value: (l) => l.birthDate, align: 'center' },
  { header: '年龄', width: 6, excelWidth: 6, value: (l) => l.age, align: 'center' },
  { header: '岗位、职级', width: 20, excelWidth: 20, value: (l) => l.position ?? '' },
  { header: '预计退休日期', width: 14, excelWidth: 13, value: (l) => `${l.expectedRetirementDate}${l.overridden ? '*' : ''}`, align: 'center' },
  { header: '备注', width: 14, excelWidth: 14, value: (l) => l.tag, align: 'center' },
];

const birthdayColumns: ListColumn<BirthdayLine>[] = [
  no(),
  { header: '生日', width: 13, excelWidth: 12, value: (l) => l.date, align: 'center' },
  { header: '姓名', width: 11, excelWidth: 10, value: (l) => l.name, align: 'center' },
  { header: '类别', width: 7, excelWidth: 7, value: (l) => l.category, align: 'center' },
  { header: '状态', width: 7, excelWidth: 7, value: (l) => l.status, align: 'center' },
  { header: '周岁', width: 7, excelWidth: 6, value: (l) => l.age, align: 'center' },
  { header: '备注', width: 16, excelWidth: 14, value: (l) => (l.lunar ? '按农历生日' : '') },
  { header: '慰问签收', width: 16, excelWidth: 14, value: () => '' },
];

/** A column as printed and exported, without its value. */
export type ColumnHead = Omit<ListColumn<unknown>, 'value'>;

/** The cells of lines under columns. */
function cellsOf<L>(columns: ListColumn<L>[], lines: readonly L[]): { columns: ColumnHead[]; rows: (string | number)[][] } {
  return { columns: columns.map(({ value: _value, ...head }) => head), rows: lines.map((line, i) => columns.map((c) => c.value(line, i))) };
}

/** A list's columns and rows of cells, whatever its kind (人员统计 has tables instead). */
export function listTable(list: Exclude<StationList, { kind: '人员统计' }>): { columns: ColumnHead[]; rows: (string | number)[][] } {
  const city = list.scope.kind === 'city';
  const withStation = <L extends { stationName: string }>(columns: ListColumn<L>[]) => (city ? [...columns, station<L>()] : columns);
  switch (list.kind) {
    case '中考高考子女':
      return cellsOf(withStation(examColumns), list.rows);
    case '一年内退休':
      return cellsOf(withStation(retirementColumns), list.rows);
    case '本月生日':
      return cellsOf(withStation(birthdayColumns), list.rows);
  }
}

/** A summary table as header and rows of cells: the dimension, each category, 合计. */
export function statisticsCells(table: StatisticsTable): { header: string[]; rows: (string | number)[][] } {
  return {
    header: [table.dimension, ...staffCategories, '合计'],
    rows: [...table.rows, table.sum].map((r) => [r.label, ...staffCategories.map((c) => r.byCategory[c]), r.total]),
  };
}

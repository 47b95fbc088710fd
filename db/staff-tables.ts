import { RETIREMENT_BASE_LABELS, type RetirementBase } from '../shared/retirement-date';
import { familyRelations, retirementBases, staffCategories, staffStatuses } from '../shared/staff-record';
import { column, type ColumnSchema, type SyncedTableSpec } from './synced-column';
import type { FieldValue } from './synced-tables';

/**
 * The roster's synced tables (人员档案): staff, their status history, family members and honours.
 * Each column is declared once with its value schema (checked when a sync bundle arrives) and its
 * Chinese label (shown in 变更记录, the audit of who changed which field).
 */

/** How a column's stored value reads to the clerk in the change history. */
export type ColumnDisplay = 'text' | 'flag' | 'retirementBase' | 'stars' | 'level' | 'internal';

const CHINESE_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** A stored value as the clerk reads it: 是/否, 三星, 七级, the retirement base in words; '' when empty. */
export function displayColumnValue(value: FieldValue, display: ColumnDisplay): string {
  if (value === null || value === '') return '';
  switch (display) {
    case 'flag':
      return value === 1 ? '是' : '否';
    case 'stars':
      return `${CHINESE_DIGITS[Number(value)] ?? value}星`;
    case 'level':
      return `${CHINESE_DIGITS[Number(value)] ?? value}级`;
    case 'retirementBase':
      return RETIREMENT_BASE_LABELS[value as RetirementBase] ?? String(value);
    default:
      return String(value);
  }
}

interface ColumnDefinition {
  schema: ColumnSchema;
  label: string;
  display?: ColumnDisplay;
}

interface TableDefinition {
  label: string;
  columns: Record<string, ColumnDefinition>;
}

const tables = {
  staff: {
    label: '人员',
    columns: {
      category: { schema: column.oneOf(staffCategories), label: '人员类别' },
      name: { schema: column.text(20), label: '姓名' },
      id_number: { schema: column.text(18), label: '身份证号' },
      birth_date: { schema: column.date(), label: '出生日期' },
      gender: { schema: column.oneOf(['男', '女']), label: '性别' },
      phone: { schema: column.text(20), label: '手机号码' },
      badge_no: { schema: column.text(20), label: '警号/辅警编号' },
      position: { schema: column.text(30), label: '岗位' },
      rank: { schema: column.text(30), label: '职级' },
      aux_level: { schema: column.integer(1, 20), label: '辅警层级', display: 'level' },
      star_rating: { schema: column.integer(1, 5), label: '星级', display: 'stars' },
      work_start_date: { schema: column.date(), label: '参加工作时间' },
      prior_service_months: { schema: column.integer(0, 600), label: '认定工龄（月）' },
      joined_station_date: { schema: column.date(), label: '调入本所时间' },
      party_member: { schema: column.flag(), label: '中共党员', display: 'flag' },
      union_member: { schema: column.flag(), label: '工会会员', display: 'flag' },
      hardship: { schema: column.flag(), label: '困难职工', display: 'flag' },
      hero_model: { schema: column.flag(), label: '英模', display: 'flag' },
      disability_level: { schema: column.integer(1, 10), label: '伤残等级', display: 'level' },
      retirement_base: { schema: column.oneOf(retirementBases), label: '退休年龄基准', display: 'retirementBase' },
      retirement_date_override: { schema: column.date(), label: '退休日期（手动指定）' },
      status: { schema: column.oneOf(staffStatuses), label: '状态' },
      status_date: { schema: column.date(), label: '状态日期' },
      notes: { schema: column.text(500), label: '备注' },
    },
  },
  staff_status_change: {
    label: '状态变更',
    columns: {
      staff_id: { schema: column.text(64), label: '人员', display: 'internal' },
      status: { schema: column.oneOf(staffStatuses), label: '状态' },
      date: { schema: column.date(), label: '变更日期' },
      reason: { schema: column.text(200), label: '原因' },
    },
  },
  family_member: {
    label: '家属',
    columns: {
      staff_id: { schema: column.text(64), label: '人员', display: 'internal' },
      relation: { schema: column.oneOf(familyRelations), label: '与本人关系' },
      name: { schema: column.text(20), label: '姓名' },
      birth_date: { schema: column.date(), label: '出生日期' },
      phone: { schema: column.text(20), label: '电话' },
      work_or_school: { schema: column.text(60), label: '工作单位或学校' },
      grade: { schema: column.text(10), label: '年级' },
      zhongkao_year: { schema: column.integer(1990, 2100), label: '中考年份' },
      gaokao_year: { schema: column.integer(1990, 2100), label: '高考年份' },
      notes: { schema: column.text(200), label: '备注' },
    },
  },
  honour: {
    label: '表彰',
    columns: {
      staff_id: { schema: column.text(64), label: '人员', display: 'internal' },
      title: { schema: column.text(40), label: '表彰名称' },
      level: { schema: column.text(20), label: '级别' },
      date: { schema: column.date(), label: '表彰日期' },
      issuer: { schema: column.text(40), label: '授予单位' },
      note: { schema: column.text(200), label: '备注' },
    },
  },
} satisfies Record<string, TableDefinition>;

/** Names of the roster's synced tables. */
export type StaffTableName = keyof typeof tables;

/** The roster's synced tables, registered in `synced-tables.ts`. */
export const staffTableSpecs: Record<string, SyncedTableSpec> = Object.fromEntries(
  Object.entries(tables).map(([name, table]) => [
    name,
    {
      label: table.label,
      columns: Object.fromEntries(Object.entries(table.columns).map(([col, def]) => [col, def.schema])),
    },
  ]),
);

/** Labels of the columns every synced table has. */
const baseColumnLabels: Record<string, { label: string; display: ColumnDisplay }> = {
  station_id: { label: '所属单位', display: 'internal' },
  deleted_at: { label: '删除', display: 'internal' },
};

/** The Chinese label and display kind of a roster column, for the change history. */
export function staffColumnLabel(table: StaffTableName, col: string): { label: string; display: ColumnDisplay } {
  const definitions: Record<string, ColumnDefinition> = tables[table].columns;
  const def = definitions[col];
  if (def) return { label: def.label, display: def.display ?? 'text' };
  return baseColumnLabels[col] ?? { label: col, display: 'text' };
}

/** The Chinese label of a roster table (人员, 家属 …). */
export function staffTableLabel(table: StaffTableName): string {
  return tables[table].label;
}

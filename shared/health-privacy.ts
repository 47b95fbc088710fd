import { healthCheckupTable, medicalEventTable, psychInterventionTable, psychScreeningTable } from './health-tables';

/**
 * The tables of people's health details (个人信息保护法 Art. 28): a caller without the 健康信息
 * permission sees neither their values nor their changes' values anywhere (变更记录, 操作记录,
 * 同步冲突, 未导入的修改). The vocabulary of abnormal items is not one: it names no one.
 */
const tables = [healthCheckupTable, psychScreeningTable, psychInterventionTable, medicalEventTable];
export const healthDetailTables: ReadonlySet<string> = new Set(tables.map((t) => t.name));
/** Their Chinese labels (lists that carry the label, not the table's name). */
export const healthDetailTableLabels: ReadonlySet<string> = new Set(tables.map((t) => t.label));

/** What shows in place of a health value for a caller without the permission. */
export const HIDDEN_HEALTH_VALUE = '（健康信息，无权限查看）';

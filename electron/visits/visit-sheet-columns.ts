import type { SheetColumn } from '../staff/roster-columns';

/**
 * The columns of the visits sheet (慰问记录 .xlsx), shared by the import and the export, so an
 * export edited comes back in unchanged. Money in yuan (元) in the sheet, fen in the ledger.
 */
export type VisitSheetField = 'name' | 'idNumber' | 'kind' | 'date' | 'cash' | 'goods' | 'goodsValue' | 'funding' | 'visitors' | 'event' | 'receiptSigned' | 'recipient' | 'note';

export interface VisitSheetColumn extends SheetColumn {
  field: VisitSheetField;
  width: number;
}

export const visitSheetColumns: readonly VisitSheetColumn[] = [
  { field: 'name', header: '姓名', aliases: ['人员姓名', '慰问对象', '受慰问人'], kind: 'text', width: 10 },
  { field: 'idNumber', header: '身份证号', aliases: ['身份证号码', '公民身份号码', '身份证', '证件号码'], kind: 'idNumber', width: 21 },
  { field: 'kind', header: '慰问类型', aliases: ['类型', '慰问类别', '慰问项目'], kind: 'text', width: 14 },
  { field: 'date', header: '慰问日期', aliases: ['日期', '慰问时间'], kind: 'date', width: 12 },
  { field: 'cash', header: '慰问金额（元）', aliases: ['慰问金额', '金额', '慰问金', '现金'], kind: 'text', width: 12 },
  { field: 'goods', header: '慰问物品', aliases: ['物品', '慰问品'], kind: 'text', width: 16 },
  { field: 'goodsValue', header: '物品价值（元）', aliases: ['物品价值', '物品金额', '慰问品价值'], kind: 'text', width: 12 },
  { field: 'funding', header: '经费来源', aliases: ['经费', '资金来源'], kind: 'text', width: 10 },
  { field: 'visitors', header: '慰问人', aliases: ['慰问领导', '走访人'], kind: 'text', width: 14 },
  { field: 'event', header: '对应事件', aliases: ['事件', '慰问事由'], kind: 'text', width: 14 },
  { field: 'receiptSigned', header: '已签领', aliases: ['是否签领', '签领'], kind: 'flag', width: 8 },
  /** A relative visited instead of the person (配偶 李梅, or just 李梅); blank: the person. */
  { field: 'recipient', header: '受慰问家属', aliases: ['慰问家属', '家属'], kind: 'text', width: 12 },
  { field: 'note', header: '备注', aliases: ['说明'], kind: 'text', width: 24 },
];

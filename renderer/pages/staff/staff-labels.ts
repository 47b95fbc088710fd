import type { RetirementTag } from '../../../shared/person-derivations';
import { rosterFlagLabels, type RosterFilter, type StaffCategoryName, type StaffListItem, type StaffStatus } from '../../../shared/staff-record';

/** A roster flag as the filter and the table's tags name it. */
export type RosterFlag = NonNullable<RosterFilter['flags']>[number];

export const flagLabels: Record<RosterFlag, string> = rosterFlagLabels;

/** Tag colours of the flags; the care-driving ones stand out, membership stays quiet. */
export const flagColors: Record<RosterFlag, string> = {
  partyMember: 'red',
  unionMember: 'default',
  hardship: 'orange',
  heroModel: 'gold',
  disabled: 'purple',
};

/** The retirement tag's colour: red when the age is reached, orange within the year. */
export const retirementTagColors: Record<RetirementTag, string> = {
  已到退休年龄: 'red',
  一年内退休: 'orange',
};

export const statusColors: Record<StaffStatus, string> = {
  在职: 'green',
  调出: 'default',
  退休: 'blue',
  离职: 'default',
  因公牺牲: 'volcano',
  病故: 'default',
};

export const categoryColors: Record<StaffCategoryName, string> = {
  民警: 'blue',
  辅警: 'cyan',
  职工: 'geekblue',
};

const CHINESE_DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** 一级 … 十级 (因公伤残). */
export function disabilityLabel(level: number): string {
  return `${CHINESE_DIGITS[level] ?? level}级`;
}

/** 一星 … 五星 (星级辅警). */
export function starLabel(stars: number): string {
  return `${CHINESE_DIGITS[stars] ?? stars}星`;
}

/** What the badge number is called for a category: 警号 for 民警, 辅警编号, 编号 for 职工. */
export function badgeLabel(category: StaffCategoryName | undefined): string {
  if (category === '辅警') return '辅警编号';
  if (category === '职工') return '编号';
  return '警号';
}

/** The flags a person carries, in the filter's order, with the disability level spelled out. */
export function flagsOf(item: StaffListItem): { flag: RosterFlag; label: string }[] {
  const out: { flag: RosterFlag; label: string }[] = [];
  if (item.partyMember) out.push({ flag: 'partyMember', label: '党员' });
  if (item.unionMember) out.push({ flag: 'unionMember', label: '工会' });
  if (item.hardship) out.push({ flag: 'hardship', label: '困难' });
  if (item.heroModel) out.push({ flag: 'heroModel', label: '英模' });
  if (item.disabilityLevel) out.push({ flag: 'disabled', label: `伤残${disabilityLabel(item.disabilityLevel)}` });
  return out;
}

/** The file filter of Excel workbooks for the save and open dialogs. */
export const excelFileFilter = [{ name: 'Excel 工作簿', extensions: ['xlsx'] }];

/** Why a picked file cannot be imported as a workbook (null when it can): only .xlsx is read. */
export function notAnXlsxMessage(fileName: string): string | null {
  return fileName.toLowerCase().endsWith('.xlsx') ? null : `「${fileName}」不是 .xlsx 文件。请在 Excel 中“另存为”Excel 工作簿（*.xlsx）后再导入。`;
}

import type { CheckupConclusion, MedicalEventKind, PsychLevel } from '../../../shared/health-record';

/** Tag colours of the health words, shared by the page, the drawer's timeline and 工作台. */
export const conclusionColors: Record<CheckupConclusion, string> = { 正常: 'green', 异常需复查: 'gold', 异常需就医: 'orange', 重大疾病: 'red' };
export const levelColors: Record<PsychLevel, string> = { 正常: 'green', 关注: 'blue', 预警: 'orange', 危机: 'red' };
export const eventColors: Record<MedicalEventKind, string> = { 住院: 'purple', 因公负伤: 'volcano', 重大疾病: 'red', 门诊: 'default' };

/** Money in fen as the clerk reads it: ¥1,234.00. */
export function yuan(fen: number | null): string {
  if (fen === null) return '';
  return `¥${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

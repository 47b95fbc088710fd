import { formatFen } from '../../../shared/synced-table-definition';
import type { VisitItem } from '../../../shared/visit-record';

/** Money of a visit as the lists show it: ¥300.00, 月饼礼盒（¥200.00）, or both. */
export function visitAmountText(visit: Pick<VisitItem, 'cashFen' | 'goods' | 'goodsValueFen'>): string {
  const goods = visit.goods ? `${visit.goods}${visit.goodsValueFen > 0 ? `（${formatFen(visit.goodsValueFen)}）` : ''}` : visit.goodsValueFen > 0 ? `物品 ${formatFen(visit.goodsValueFen)}` : '';
  return [visit.cashFen > 0 ? formatFen(visit.cashFen) : '', goods].filter(Boolean).join('，');
}

/** Yuan typed in a form → fen; null for blank. */
export const fenOf = (yuan: number | null | undefined) => (yuan === null || yuan === undefined ? null : Math.round(yuan * 100));
/** Fen → yuan for a form; undefined for none. */
export const yuanOf = (fen: number | null | undefined) => (fen ? fen / 100 : undefined);

export { formatFen };

import { getMeta } from '../../db/ledger-store';
import type { AppDeps } from '../app-deps';
import { readSettings } from '../handlers/app-handlers';
import { META_OPERATOR } from '../station/local-station';

/**
 * Who signs a printed report or list: 制表人 and 审核人 from 设置; 制表人 falls back to the operator
 * (经办人) of this PC, then to the user.
 */
export function reportSignatureOf(deps: AppDeps): { preparedBy: string; reviewedBy: string } {
  const settings = readSettings(deps);
  return { preparedBy: settings['report.preparedBy'] || getMeta(deps.store, META_OPERATOR) || deps.user.userName, reviewedBy: settings['report.reviewedBy'] };
}

import type { HandlerTable } from '../handlers/handler-registry';
import { exportAuditTrail } from './audit-export';
import { restoreDeleted } from './audit-restore';
import { auditPage } from './audit-trail';

/** 操作记录: the audit trail, its export and 恢复 of a deleted record. */
export const auditHandlers: HandlerTable = {
  'audit.changes': (deps, args) => auditPage(deps, args),
  'audit.export': (deps, args) => exportAuditTrail(deps, args),
  'audit.restore': (deps, args) => restoreDeleted(deps, args.table, args.rowId),
};

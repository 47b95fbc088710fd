import { accountHandlers } from '../accounts/account-handlers';
import { appHandlers } from './app-handlers';
import { auditHandlers } from '../audit/audit-handlers';
import { backupHandlers } from '../backup/backup-handlers';
import { HandlerRegistry } from './handler-registry';
import { healthHandlers } from '../health/health-handlers';
import { leaveHandlers } from '../leave/leave-handlers';
import { listHandlers } from '../reports/list-handlers';
import { reportHandlers } from '../reports/report-handlers';
import { staffHandlers } from '../staff/staff-handlers';
import { syncHandlers } from '../sync/sync-handlers';
import { visitHandlers } from '../visits/visit-handlers';

/**
 * The full handler table of the app: one registry, every feature's handlers.
 * @throws Error at start-up when a call of the contract has no handler — a wiring mistake, never a user error.
 */
export function createHandlerRegistry(): HandlerRegistry {
  const registry = new HandlerRegistry();
  registry.registerAll(appHandlers);
  registry.registerAll(staffHandlers);
  registry.registerAll(healthHandlers);
  registry.registerAll(visitHandlers);
  registry.registerAll(leaveHandlers);
  registry.registerAll(reportHandlers);
  registry.registerAll(listHandlers);
  registry.registerAll(syncHandlers);
  registry.registerAll(accountHandlers);
  registry.registerAll(auditHandlers);
  registry.registerAll(backupHandlers);
  const missing = registry.missing();
  if (missing.length > 0) throw new Error(`The contract declares calls that have no handler: ${missing.join(', ')}`);
  return registry;
}

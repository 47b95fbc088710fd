import { appHandlers } from './app-handlers';
import { HandlerRegistry } from './handler-registry';
import { staffHandlers } from '../staff/staff-handlers';
import { syncHandlers } from '../sync/sync-handlers';

/** The full handler table of the app: one registry, every feature's handlers. */
export function createHandlerRegistry(): HandlerRegistry {
  const registry = new HandlerRegistry();
  registry.registerAll(appHandlers);
  registry.registerAll(staffHandlers);
  registry.registerAll(syncHandlers);
  // TODO(lead): throw on missing handlers once every feature of the contract is wired.
  return registry;
}

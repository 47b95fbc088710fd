import { ApiCallError, type ApiClient, type EventName } from '../../shared/contract/api-contract';
import type { AppDeps } from '../app-deps';
import type { HandlerRegistry } from '../handlers/handler-registry';
import { CallerSession } from '../accounts/caller-session';

/**
 * The transport of tests and the CLI: calls the registry directly, through the same validation
 * and error envelope as IPC and HTTP. Arguments and results pass through JSON, as over the wire,
 * so a result that would not survive serialisation fails here too.
 *
 * `session`: whose calls these are. The CLI passes a person's session (`CallerSession.forTransport()`,
 * signed in with `--user`); without one the client is the main process's own code (tests, tools),
 * which acts with full rights under the operator's name until it signs in to an account.
 */
export function createInProcessClient(registry: HandlerRegistry, deps: AppDeps, session: CallerSession = CallerSession.forProcess()): ApiClient {
  // Events reach this client as they reach a window: the write path's `data.changed` at each
  // commit, and whatever the handlers push through `deps.events` (progress), fanned out here.
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const emit = (name: EventName, payload: unknown) => {
    for (const listener of [...(listeners.get(name) ?? [])]) listener(JSON.parse(JSON.stringify(payload ?? null)));
  };
  const pushed = deps.events;
  deps.events = (name, payload) => {
    pushed(name, payload);
    if (name !== 'data.changed') emit(name, payload);
  };
  deps.store.onDataChanged((change) => emit('data.changed', change));
  return {
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
      }
      set.add(listener);
      return () => {
        listeners.get(event)?.delete(listener);
      };
    },
    async call(method, args) {
      const response = await registry.dispatch(deps, method, JSON.parse(JSON.stringify(args ?? {})), session);
      if (!response.ok) throw new ApiCallError(response.error.code, response.error.message, response.error.details);
      return JSON.parse(JSON.stringify(response.data ?? null));
    },
  };
}

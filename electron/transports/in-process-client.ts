import { ApiCallError, type ApiClient } from '../../shared/contract/api-contract';
import type { AppDeps } from '../app-deps';
import type { HandlerRegistry } from '../handlers/handler-registry';

/**
 * The transport of tests and the CLI: calls the registry directly, through the same validation
 * and error envelope as IPC and HTTP. Arguments and results pass through JSON, as over the wire,
 * so a result that would not survive serialisation fails here too.
 */
export function createInProcessClient(registry: HandlerRegistry, deps: AppDeps): ApiClient {
  return {
    async call(method, args) {
      const response = await registry.dispatch(deps, method, JSON.parse(JSON.stringify(args ?? {})));
      if (!response.ok) throw new ApiCallError(response.error.code, response.error.message, response.error.details);
      return JSON.parse(JSON.stringify(response.data ?? null));
    },
  };
}

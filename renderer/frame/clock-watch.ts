import type { ApiClient } from '../../shared/contract/api-contract';

/** The write path's refusal while this PC's date is earlier than edits already in the ledger. */
export const CLOCK_BEHIND_LEDGER = 'CLOCK_BEHIND_LEDGER';

/**
 * The client as the pages get it inside the frame: every call passes through unchanged, and a call
 * refused with {@link CLOCK_BEHIND_LEDGER} (any save, anywhere) also tells the frame, which then
 * checks the clock again and shows its banner.
 */
export function watchClockRefusals(client: ApiClient, onRefused: () => void): ApiClient {
  return {
    async call(method, args) {
      try {
        return await client.call(method, args);
      } catch (error) {
        if ((error as { code?: unknown } | null)?.code === CLOCK_BEHIND_LEDGER) onRefused();
        throw error;
      }
    },
    // Events pass through untouched (progress of long jobs, data.changed).
    ...(client.on ? { on: client.on.bind(client) } : {}),
  };
}

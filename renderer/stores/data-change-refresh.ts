import { useContext, useEffect } from 'react';
import type { DataChanged } from '../../shared/contract/api-contract';
import { usePlatform } from '../api/client-context';
import { StoreContext } from './store-context';

/**
 * Keeps every open page current: on `data.changed` (a write anywhere — this window, another one,
 * the CLI, a bundle import) each slice reloads only what shows the tables that changed. Mounted
 * once, by the app frame.
 */
export function useDataChangeRefresh(): void {
  const { client } = usePlatform();
  const store = useContext(StoreContext);
  useEffect(() => {
    if (!client.on || !store) return;
    return client.on('data.changed', (payload) => {
      const change = payload as DataChanged;
      if (!change || !Array.isArray(change.tables)) return;
      const state = store.getState();
      void state.refreshSessionFor(client, change);
      void state.refreshStaffFor(client, change);
      void state.refreshSyncFor(client, change);
      void state.refreshHealthFor(client, change);
      void state.refreshVisitsFor(client, change);
      void state.refreshLeaveFor(client, change);
    });
  }, [client, store]);
}

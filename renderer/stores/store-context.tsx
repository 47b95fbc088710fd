import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { AppStore, AppStoreHook } from './app-store';

export const StoreContext = createContext<AppStoreHook | null>(null);

export function StoreProvider({ store, children }: { store: AppStoreHook; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

/** Reads the app store through a selector (use `useShallow` for objects). */
export function useAppStore<T>(selector: (state: AppStore) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error('StoreProvider missing');
  return useStore(store, selector);
}

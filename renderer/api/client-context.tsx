import { createContext, useContext, type ReactNode } from 'react';
import type { ApiClient } from '../../shared/contract/api-contract';
import type { DocumentPrinter } from './document-printer';
import type { FileTransfer } from './file-transfer';

/** What the pages reach the main process with: the typed client and file save/open. */
export interface Platform {
  client: ApiClient;
  files: FileTransfer;
  /** Printing a printable page; absent: the browser's (web mode, tests). */
  printer?: DocumentPrinter;
}

const PlatformContext = createContext<Platform | null>(null);

export function PlatformProvider({ platform, children }: { platform: Platform; children: ReactNode }) {
  return <PlatformContext.Provider value={platform}>{children}</PlatformContext.Provider>;
}

/** The platform of the running app (bridge in Electron, HTTP in web mode, in-process in tests). */
export function usePlatform(): Platform {
  const platform = useContext(PlatformContext);
  if (!platform) throw new Error('PlatformProvider missing');
  return platform;
}

/** Shorthand for the typed API client. */
export function useClient(): ApiClient {
  return usePlatform().client;
}

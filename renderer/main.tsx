import { createRoot } from 'react-dom/client';
import type { DesktopBridge } from '../shared/contract/desktop-bridge';
import { createBridgeClient, createHttpClient } from './api/api-clients';
import { createBridgeFileTransfer, createBrowserFileTransfer } from './api/file-transfer';
import { createBridgePrinter, createBrowserPrinter } from './api/document-printer';
import type { Platform } from './api/client-context';
import { createAppStore } from './stores/app-store';
import { App } from './app';
import './window-base.css';

declare global {
  interface Window {
    /** The Electron preload's bridge; absent in web mode. */
    nuanjing?: DesktopBridge;
  }
}

/** The Electron bridge when the preload exposed it; else web mode, authenticated by its cookie. */
function choosePlatform(): Platform {
  if (window.nuanjing) return { client: createBridgeClient(window.nuanjing), files: createBridgeFileTransfer(window.nuanjing), printer: createBridgePrinter(window.nuanjing) };
  return { client: createHttpClient(), files: createBrowserFileTransfer(), printer: createBrowserPrinter() };
}

createRoot(document.getElementById('root') as HTMLElement).render(<App platform={choosePlatform()} store={createAppStore()} />);

import { createRoot } from 'react-dom/client';
import { Result } from 'antd';
import type { DesktopBridge } from '../shared/contract/desktop-bridge';
import { createBridgeClient, createHttpClient, takeWebToken } from './api/api-clients';
import { createBridgeFileTransfer, createBrowserFileTransfer } from './api/file-transfer';
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

function choosePlatform(): Platform | null {
  if (window.nuanjing) return { client: createBridgeClient(window.nuanjing), files: createBridgeFileTransfer(window.nuanjing) };
  const token = takeWebToken();
  if (!token) return null;
  return { client: createHttpClient(token), files: createBrowserFileTransfer() };
}

const root = createRoot(document.getElementById('root') as HTMLElement);
const platform = choosePlatform();
root.render(
  platform ? (
    <App platform={platform} store={createAppStore()} />
  ) : (
    <Result status="403" title="缺少访问口令" subTitle="请使用启动窗口里打印的完整网址（以 http://127.0.0.1: 开头、带 token 的那一行）打开暖警台账。" />
  ),
);

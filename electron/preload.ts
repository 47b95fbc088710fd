// The preload of the sandboxed window: exposes `window.nuanjing` (the `DesktopBridge`) and nothing
// else — never `ipcRenderer` itself. A sandboxed preload can only `require('electron')`, so
// scripts/build-electron.mjs bundles everything else into dist/electron/preload.cjs.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { eventNames, type EventName } from '../shared/contract/event-names';
import type { ApiResponse } from '../shared/contract/api-error';
import { bridgeGlobalName, ipcChannels, type DesktopBridge, type FileDialogFilter, type OpenedFile } from '../shared/contract/desktop-bridge';

const allowedEvents = new Set<string>(eventNames);
const listeners = new Map<string, Set<(payload: unknown) => void>>();

// One IPC subscription for all events, fanned out to the renderer's listeners.
ipcRenderer.on(ipcChannels.event, (_event: IpcRendererEvent, name: unknown, payload: unknown) => {
  if (typeof name !== 'string' || !allowedEvents.has(name)) return;
  for (const listener of [...(listeners.get(name) ?? [])]) {
    try {
      listener(payload);
    } catch (error) {
      console.error(`[nuanjing] listener of ${name} failed:`, error);
    }
  }
});

/** The data of a dialog operation's envelope, or an Error carrying the clerk's message. */
function unwrap<T>(response: ApiResponse<T>): T {
  if (response.ok) return response.data;
  throw new Error(response.error.message);
}

const bridge: DesktopBridge = {
  call(method: string, args: unknown): Promise<ApiResponse<unknown>> {
    return ipcRenderer.invoke(ipcChannels.call, method, args) as Promise<ApiResponse<unknown>>;
  },

  on(event: EventName, listener: (payload: unknown) => void): () => void {
    if (!allowedEvents.has(event)) throw new Error(`不能订阅未登记的事件：${String(event)}`);
    if (typeof listener !== 'function') throw new Error('订阅事件需要一个函数。');
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

  async saveFile(suggestedName: string, bytesBase64: string, filters?: FileDialogFilter[]): Promise<{ saved: boolean; path?: string }> {
    return unwrap((await ipcRenderer.invoke(ipcChannels.saveFile, suggestedName, bytesBase64, filters)) as ApiResponse<{ saved: boolean; path?: string }>);
  },

  async openFiles(filters?: FileDialogFilter[], multiple?: boolean): Promise<OpenedFile[]> {
    return unwrap((await ipcRenderer.invoke(ipcChannels.openFiles, filters, multiple)) as ApiResponse<OpenedFile[]>);
  },

  async printHtml(html: string): Promise<void> {
    unwrap((await ipcRenderer.invoke(ipcChannels.printHtml, html)) as ApiResponse<void>);
  },
};

contextBridge.exposeInMainWorld(bridgeGlobalName, bridge);

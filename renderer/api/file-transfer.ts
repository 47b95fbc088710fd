import type { DesktopBridge } from '../../shared/contract/desktop-bridge';

/** A file the clerk picked. */
export interface PickedFile {
  name: string;
  bytesBase64: string;
}

export interface FileFilter {
  name: string;
  extensions: string[];
}

/** Saving and opening files: native dialogs in Electron, download/upload in the browser. */
export interface FileTransfer {
  save(suggestedName: string, bytesBase64: string, filters?: FileFilter[]): Promise<{ saved: boolean; path?: string }>;
  open(filters?: FileFilter[], multiple?: boolean): Promise<PickedFile[]>;
}

/** Base64 of an ArrayBuffer, in chunks so a large file does not overflow the call stack. */
export function arrayBufferToBase64(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Bytes of a base64 string. */
export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Reads picked browser files as base64. */
export async function readBrowserFiles(files: FileList | File[]): Promise<PickedFile[]> {
  return Promise.all([...files].map(async (file) => ({ name: file.name, bytesBase64: arrayBufferToBase64(await file.arrayBuffer()) })));
}

/** In the browser: save downloads the file; open shows the browser's file picker. */
export function createBrowserFileTransfer(): FileTransfer {
  return {
    async save(suggestedName, bytesBase64) {
      const blob = new Blob([base64ToBytes(bytesBase64)]);
      const href = URL.createObjectURL(blob);
      const anchor = document.createElement('a');
      anchor.href = href;
      anchor.download = suggestedName;
      document.body.appendChild(anchor);
      anchor.click();
      anchor.remove();
      setTimeout(() => URL.revokeObjectURL(href), 10_000);
      return { saved: true };
    },
    open(filters, multiple) {
      return new Promise((resolve) => {
        const input = document.createElement('input');
        input.type = 'file';
        input.multiple = multiple ?? false;
        input.accept = (filters ?? []).flatMap((f) => f.extensions.map((e) => `.${e}`)).join(',');
        input.onchange = () => void readBrowserFiles(input.files ?? []).then(resolve);
        input.oncancel = () => resolve([]);
        input.click();
      });
    },
  };
}

/** In Electron: the shell's native dialogs. */
export function createBridgeFileTransfer(bridge: DesktopBridge): FileTransfer {
  return {
    save: (name, bytes, filters) => bridge.saveFile(name, bytes, filters),
    open: (filters, multiple) => bridge.openFiles(filters, multiple),
  };
}

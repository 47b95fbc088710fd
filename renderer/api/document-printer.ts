import type { DesktopBridge } from '../../shared/contract/desktop-bridge';

/**
 * Printing a printable page (签领表, and the monthly report after it): in the desktop app the
 * shell's print dialog (a hidden window of its own); in web mode the browser's `window.print()` of
 * a frame holding the page, so only the page is printed, with its own @page CSS.
 */
export interface DocumentPrinter {
  print(html: string): Promise<void>;
}

/** In the browser: a hidden frame with the page, printed, then removed. */
export function createBrowserPrinter(): DocumentPrinter {
  return {
    print: (html) =>
      new Promise((resolve) => {
        const frame = document.createElement('iframe');
        frame.setAttribute('aria-hidden', 'true');
        frame.style.cssText = 'position:fixed;right:0;bottom:0;width:0;height:0;border:0;';
        frame.onload = () => {
          frame.contentWindow?.focus();
          frame.contentWindow?.print();
          setTimeout(() => frame.remove(), 1000);
          resolve();
        };
        frame.srcdoc = html;
        document.body.appendChild(frame);
      }),
  };
}

/** In Electron: the shell's print dialog. */
export function createBridgePrinter(bridge: DesktopBridge): DocumentPrinter {
  return { print: (html) => (bridge.printHtml ? bridge.printHtml(html) : createBrowserPrinter().print(html)) };
}

// The Electron shell: one window, IPC wired to the handler table, native file dialogs, the menu.
// It holds no business logic — every call goes through `HandlerRegistry.dispatch`, like every other
// transport. Bundled by scripts/build-electron.mjs into dist/electron/main.cjs.
import { app, BrowserWindow, dialog, ipcMain, Menu, session, shell, type IpcMainInvokeEvent } from 'electron';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { eventNames, type EventName } from '../shared/contract/api-contract';
import { AppError, commonErrorCodes, type ApiResponse } from '../shared/contract/api-error';
import { ipcChannels } from '../shared/contract/desktop-bridge';
import { getMeta, type LedgerStore } from '../db/ledger-store';
import { createAppDeps, type AppDeps } from './app-deps';
import { createHandlerRegistry } from './handlers/all-handlers';
import type { HandlerRegistry } from './handlers/handler-registry';
import { CallerSession } from './accounts/caller-session';
import { META_OPERATOR } from './station/local-station';
import { APP_PAGE_URL } from './files/app-scheme';
import { watchExternalChanges } from './data-change-feed';
import { createWorkerJobRunner } from './jobs/job-runner';
import { CONTENT_SECURITY_POLICY } from './files/content-security-policy';
import { buildAppMenu } from './shell/app-menu';
import { openDesktopLedger, relaunchAfterRestore } from './shell/desktop-ledger';
import { registerAppScheme, serveAppProtocol } from './shell/app-protocol';
import { DialogFolderMemory, openFilesWithDialog, saveFileWithDialog } from './shell/file-dialogs';
import { electronPdfRenderer, printHtmlWithDialog } from './shell/print-window';
import { guardWebContents, hardenSession, isTrustedSender } from './shell/window-guards';

const APP_TITLE = '暖警台账';
const STARTUP_FAILED_TITLE = '暖警台账无法启动';
/** The ledger's file name in the user-data folder when no `--db=FILE` is given. */
const DATABASE_FILE_NAME = 'nuanjing-ledger.sqlite';

/** The app folder: the project root in development, `resources/app.asar` when packaged. */
const appRoot = app.getAppPath();
/** The built renderer, served to the window as app://renderer/ (see electron/shell/app-protocol.ts). */
const rendererRoot = join(appRoot, 'dist', 'renderer');
const indexHtmlPath = join(rendererRoot, 'index.html');
const preloadPath = join(appRoot, 'dist', 'electron', 'preload.cjs');

let mainWindow: BrowserWindow | undefined;
let store: LedgerStore | undefined;

/** `--db=FILE` (relative to the working folder) or the ledger in the user-data folder. */
function databasePath(): string {
  const flag = app.commandLine.getSwitchValue('db');
  if (flag === ':memory:') return flag;
  return flag ? resolve(flag) : join(app.getPath('userData'), DATABASE_FILE_NAME);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Shows why the app cannot start (a corrupt or newer-schema ledger, a missing build) and exits. */
function failStartup(error: unknown): void {
  const message =
    error instanceof AppError ? error.message : `启动时出错：${messageOf(error)}。请重试；如反复出现，请把这段话发给技术支持。`;
  if (!(error instanceof AppError)) console.error(error);
  dialog.showErrorBox(STARTUP_FAILED_TITLE, message);
  app.exit(1);
}

/** The event sink of the handlers: forwards allow-listed events to the window. */
function sendEvent(name: EventName, payload: unknown): void {
  if (!eventNames.includes(name)) return;
  const window = mainWindow;
  if (!window || window.isDestroyed() || window.webContents.isDestroyed()) return;
  try {
    window.webContents.send(ipcChannels.event, name, payload);
  } catch (error) {
    console.error(`[event ${name}] not sent:`, error);
  }
}

const refusedSender: ApiResponse<never> = {
  ok: false,
  error: { code: commonErrorCodes.forbidden, message: '拒绝访问：请求不是来自暖警台账的主窗口。' },
};

/** Runs a dialog operation for a trusted sender and wraps its result or error in the envelope. */
async function inEnvelope<T>(event: IpcMainInvokeEvent, operation: (window: BrowserWindow) => Promise<T>): Promise<ApiResponse<T>> {
  const window = mainWindow;
  if (!window || !isTrustedSender(event, window.webContents)) return refusedSender;
  try {
    return { ok: true, data: await operation(window) };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: error.toBody() };
    console.error(error);
    return { ok: false, error: { code: commonErrorCodes.internal, message: `操作没有完成：${messageOf(error)}` } };
  }
}

function registerIpc(registry: HandlerRegistry, deps: AppDeps): void {
  const folders = new DialogFolderMemory(() => app.getPath('documents'));
  // The window's user: signs in on the login screen once the ledger has accounts.
  const session = CallerSession.forTransport();

  ipcMain.handle(ipcChannels.call, async (event, method: unknown, args: unknown): Promise<ApiResponse<unknown>> => {
    if (!isTrustedSender(event, mainWindow?.webContents)) return refusedSender;
    if (typeof method !== 'string') {
      return { ok: false, error: { code: commonErrorCodes.unknownMethod, message: '程序不认识这个操作（名称不是文字）。' } };
    }
    return registry.dispatch(deps, method, args, session);
  });

  ipcMain.handle(ipcChannels.saveFile, (event, suggestedName: unknown, bytesBase64: unknown, filters: unknown) =>
    inEnvelope(event, (window) => saveFileWithDialog(window, folders, suggestedName, bytesBase64, filters)),
  );

  ipcMain.handle(ipcChannels.openFiles, (event, filters: unknown, multiple: unknown) =>
    inEnvelope(event, (window) => openFilesWithDialog(window, folders, filters, multiple)),
  );

  ipcMain.handle(ipcChannels.printHtml, (event, html: unknown) => inEnvelope(event, (window) => printHtmlWithDialog(window, html)));
  // PDFs (签领表 …) from Electron's own Chromium: the same @page CSS as the print.
  deps.pdf = electronPdfRenderer;
}

function printWindow(): void {
  const window = mainWindow;
  if (!window || window.isDestroyed()) return;
  window.webContents.print({ printBackground: true }, (success, failureReason) => {
    if (success || /cancel/i.test(failureReason)) return;
    void dialog.showMessageBox(window, { type: 'warning', title: APP_TITLE, message: '打印没有完成', detail: failureReason, buttons: ['确定'] });
  });
}

function showAbout(ledger: LedgerStore): void {
  const options = {
    type: 'info' as const,
    title: '关于暖警台账',
    message: `暖警台账 ${app.getVersion()}`,
    detail: [
      '派出所政工、工会干事的离线台账：人员、健康、休假、慰问、月报与数据同步。',
      `数据文件：${ledger.path}`,
      `Electron ${process.versions.electron} · Chromium ${process.versions.chrome} · Node ${process.versions.node}`,
    ].join('\n'),
    buttons: ['确定'],
  };
  void (mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options));
}

function showDataFolder(ledger: LedgerStore): void {
  if (ledger.path === ':memory:') return;
  shell.showItemInFolder(ledger.path);
}

function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 680,
    title: APP_TITLE,
    show: false,
    backgroundColor: '#f5f5f5',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
      devTools: !app.isPackaged,
    },
  });
  mainWindow = window;
  guardWebContents(window.webContents);
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = undefined;
  });
  window.webContents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit' || window.isDestroyed()) return;
    void dialog
      .showMessageBox(window, {
        type: 'error',
        title: APP_TITLE,
        message: '窗口内容意外退出',
        detail: `原因：${details.reason}。已保存的数据不受影响；重新载入后可继续工作。`,
        buttons: ['重新载入', '退出'],
        defaultId: 0,
        cancelId: 1,
      })
      .then(({ response }) => {
        if (response === 0 && !window.isDestroyed()) void loadAppPage(window);
        else app.quit();
      });
  });
  void loadAppPage(window);
  return window;
}

async function loadAppPage(window: BrowserWindow): Promise<void> {
  if (!existsSync(indexHtmlPath)) {
    failStartup(new AppError('RENDERER_MISSING', `找不到界面文件 ${indexHtmlPath}。开发时请先运行 npm run build；安装版请重新安装暖警台账。`));
    return;
  }
  try {
    await window.loadURL(APP_PAGE_URL);
  } catch (error) {
    // ERR_ABORTED (-3) only means a newer navigation replaced this one.
    if ((error as { errno?: number }).errno === -3) return;
    failStartup(new AppError('RENDERER_LOAD_FAILED', `界面无法载入：${messageOf(error)}。请重新安装暖警台账。`));
  }
}

async function start(): Promise<void> {
  hardenSession(session.defaultSession, CONTENT_SECURITY_POLICY);
  serveAppProtocol(session.defaultSession, rendererRoot);
  const path = databasePath();
  let ledger: LedgerStore;
  try {
    ledger = await openDesktopLedger(path);
  } catch (error) {
    failStartup(error);
    return;
  }
  store = ledger;
  const deps = createAppDeps(ledger, {
    userName: getMeta(ledger, META_OPERATOR) ?? '',
    events: sendEvent,
    appVersion: app.getVersion(),
  });
  // Long jobs (bundle import/export, Excel import) run in the bundled worker beside this file.
  deps.jobs = createWorkerJobRunner(deps, join(__dirname, 'job-worker.cjs'));
  relaunchAfterRestore(deps);
  registerIpc(createHandlerRegistry(), deps);
  watchExternalChanges(ledger, sendEvent);
  Menu.setApplicationMenu(
    buildAppMenu({
      print: printWindow,
      showAbout: () => showAbout(ledger),
      showDataFolder: () => showDataFolder(ledger),
      quit: () => app.quit(),
      developerTools: !app.isPackaged,
    }),
  );
  createMainWindow();
}

if (!app.requestSingleInstanceLock()) {
  // Another window is already open on this computer: it is brought to the front instead.
  app.quit();
} else {
  app.enableSandbox();
  // Before ready: app:// must be a standard, secure scheme by the time the window is created.
  registerAppScheme();
  if (process.platform === 'win32') app.setAppUserModelId('cn.nuanjing.ledger');
  app.on('second-instance', () => {
    const window = mainWindow;
    if (!window || window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    store?.close();
    store = undefined;
  });
  app.whenReady().then(start).catch(failStartup);
}

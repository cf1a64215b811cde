// The Electron shell's main process: one hardened window on the built renderer, and the client's
// main side (electron/core) behind IPC. The renderer is untrusted: every IPC message is checked
// for its sender frame, every param is validated by the dispatcher, and the window can neither
// navigate, open windows, nor get any permission but sanitized clipboard writes.
// Usage: electron dist/electron/main.cjs [--client-data DIR]  (the client's state; default: Electron's userData)
import { join } from 'node:path';
import { BrowserWindow, app, dialog, ipcMain, protocol, safeStorage, shell, session as electronSession, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_REQUEST_CHANNEL } from '../../shared/contract/window';
import type { ResponseMessage } from '../../shared/rpc/protocol';
import { createClientService, type ClientService, type ClientSession } from '../core/client-service';
import { clientDataArgument } from '../core/client-data';
import { openClientStore, type ClientStore } from '../core/store/client-store';
import { appProtocolResponse } from './app-protocol';
import { safeStorageSecrets } from './secret-store';
import { APP_ENTRY_URL, APP_SCHEME, isTrustedSender, navigationAllowed, permissionAllowed } from './security';

// The bundle lives in dist/electron/; the renderer build beside it in dist/renderer/ (also inside app.asar).
const distDir = join(__dirname, '..');
const rendererDir = join(distDir, 'renderer');
const preloadFile = join(__dirname, 'preload.cjs');

// Every renderer is sandboxed, whatever a window's options say.
app.enableSandbox();
// Must happen before `ready`: app:// behaves like https (standard URL parsing, secure context).
// codeCache: V8 keeps the renderer's compiled code between starts (off by default for custom
// schemes), so later starts do not compile the app again (docs/BENCHMARKS.md, tree first paint).
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);

// Defence in depth for any WebContents, including ones we never meant to create.
app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event, url) => {
    if (!navigationAllowed(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!navigationAllowed(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // Links open in the system browser only through app.openExternal, after the user confirmed.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});

function createWindow(service: ClientService): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    title: 'Portcullis',
    backgroundColor: '#111418',
    show: false,
    webPreferences: {
      preload: preloadFile,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
    },
  });
  win.once('ready-to-show', () => win.show());

  // One client session per page load: a reload or a crashed renderer closes its terminals.
  let session: ClientSession | null = null;
  const renew = () => {
    void session?.close();
    session = service.openSession();
    session.onEvent((message) => {
      if (!win.isDestroyed()) win.webContents.send(IPC_EVENT_CHANNEL, message);
    });
  };
  renew();
  // Before a (re)load of the page starts, so no request of the new page can reach the old session.
  win.webContents.on('did-start-navigation', (details) => {
    if (details.isMainFrame && !details.isSameDocument) renew();
  });
  win.webContents.on('render-process-gone', renew);
  win.on('closed', () => {
    void session?.close();
    session = null;
    windows.delete(win.webContents);
  });
  windows.set(win.webContents, () => session);

  void win.loadURL(APP_ENTRY_URL);
  return win;
}

/** Which session serves which window's requests. */
const windows = new Map<WebContents, () => ClientSession | null>();

async function handleRequest(event: IpcMainInvokeEvent, raw: unknown): Promise<ResponseMessage> {
  const frame = event.senderFrame;
  const trusted = isTrustedSender(frame ? { url: frame.url, isMainFrame: frame === event.sender.mainFrame } : null);
  const session = trusted ? windows.get(event.sender)?.() : null;
  if (!session) {
    const id = typeof (raw as { id?: unknown } | null)?.id === 'number' ? (raw as { id: number }).id : 0;
    return { type: 'response', id, ok: false, error: { code: 'denied', message: 'requests are accepted only from the Portcullis window' } };
  }
  return session.dispatch(raw);
}

async function main(): Promise<void> {
  let store: ClientStore;
  try {
    store = openClientStore(clientDataArgument(process.argv) ?? app.getPath('userData'), { secrets: safeStorageSecrets(safeStorage) });
  } catch (error) {
    await app.whenReady();
    dialog.showErrorBox('Portcullis cannot start', `the client's state cannot be opened: ${(error as Error).message}`);
    app.exit(1);
    return;
  }
  const service = createClientService({
    store,
    shell: 'electron',
    version: app.getVersion(),
    openExternal: (url) => shell.openExternal(url),
  });

  await app.whenReady();
  const ses = electronSession.defaultSession;
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => callback(permissionAllowed(permission, details.requestingUrl)));
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) => permissionAllowed(permission, requestingOrigin));
  // The file panel's one-time upload and download URLs are on the same origin (electron/core/files).
  protocol.handle(APP_SCHEME, (request) => service.serveFileTransfer(request) ?? appProtocolResponse(rendererDir, request.url));
  ipcMain.handle(IPC_REQUEST_CHANNEL, handleRequest);

  createWindow(service);
  // Connect to the last used profile at once; a failure or a question (host key, passphrase) is
  // shown by the renderer from gateway.state.
  if (store.lastProfileId()) service.connect().catch(() => {});

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow(service);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  let closing = false;
  app.on('will-quit', (event) => {
    if (closing) return;
    // Close terminals and the gateway connection cleanly before exiting.
    closing = true;
    event.preventDefault();
    service
      .close()
      .finally(() => store.close())
      .finally(() => app.exit(0));
  });
}

void main();

// Electron cannot run on this machine, so load the real bundles with a stand-in `electron` module
// that records what they ask of it: the window's hardening, the app:// protocol, the permission and
// navigation handlers, the IPC sender check, and exactly what the preload exposes.
import { existsSync, mkdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleElectron } from './bundle-electron';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Under node_modules so the bundle's external requires (ssh2, zod…) resolve as they will in the app.
const outRel = `node_modules/.cache/portcullis-bundle-test-${process.pid}/electron`;
const outDir = join(root, outRel);
const require = createRequire(import.meta.url);

type Fn = (...args: unknown[]) => unknown;
const ModuleInternals = require('node:module') as { _load: (request: string, ...rest: unknown[]) => unknown };

/** Loads `file` with `electron` replaced by `fake`. */
function loadWithElectron(file: string, fake: unknown): void {
  const original = ModuleInternals._load;
  ModuleInternals._load = function (request: string, ...rest: unknown[]) {
    return request === 'electron' ? fake : original.call(this, request, ...rest);
  };
  try {
    require(file);
  } finally {
    ModuleInternals._load = original;
  }
}

function emitter() {
  const handlers = new Map<string, Fn[]>();
  return {
    handlers,
    on(event: string, fn: Fn) {
      handlers.set(event, [...(handlers.get(event) ?? []), fn]);
      return this;
    },
    once(event: string, fn: Fn) {
      return this.on(event, fn);
    },
    emit(event: string, ...args: unknown[]) {
      for (const fn of handlers.get(event) ?? []) fn(...args);
    },
  };
}

function fakeMainElectron(userData: string) {
  const calls: Array<[string, ...unknown[]]> = [];
  const app = Object.assign(emitter(), {
    ready: false,
    getPath: (name: string) => (name === 'userData' ? userData : ''),
    enableSandbox: () => calls.push(['enableSandbox', app.ready]),
    whenReady: () => Promise.resolve().then(() => void (app.ready = true)),
    getVersion: () => '41.7.1',
    exit: (code: number) => calls.push(['exit', code]),
    quit: () => calls.push(['quit']),
  });
  const windows: Array<{ options: Record<string, unknown>; url?: string; webContents: ReturnType<typeof webContents> }> = [];
  function webContents() {
    const mainFrame = { url: 'app://portcullis/index.html' };
    return Object.assign(emitter(), {
      mainFrame,
      sent: [] as unknown[],
      openHandler: null as Fn | null,
      send(channel: string, message: unknown) {
        this.sent.push([channel, message]);
      },
      setWindowOpenHandler(fn: Fn) {
        this.openHandler = fn;
      },
    });
  }
  class BrowserWindow {
    webContents = webContents();
    private ev = emitter();
    constructor(readonly options: Record<string, unknown>) {
      windows.push(this as never);
      app.emit('web-contents-created', {}, this.webContents);
    }
    static getAllWindows = () => windows;
    on = this.ev.on.bind(this.ev);
    once = this.ev.once.bind(this.ev);
    isDestroyed = () => false;
    show() {}
    loadURL(url: string) {
      (this as unknown as { url: string }).url = url;
      return Promise.resolve();
    }
  }
  const ipc = new Map<string, Fn>();
  const protocols = new Map<string, Fn>();
  const permission: { request?: Fn; check?: Fn } = {};
  const electron = {
    app,
    BrowserWindow,
    dialog: { showErrorBox: (...args: unknown[]) => calls.push(['showErrorBox', ...args]) },
    shell: { openExternal: (url: string) => (calls.push(['openExternal', url]), Promise.resolve()) },
    // No keychain here: the client must refuse to remember passphrases.
    safeStorage: { isEncryptionAvailable: () => false, encryptString: () => Buffer.alloc(0), decryptString: () => '' },
    ipcMain: { handle: (channel: string, fn: Fn) => ipc.set(channel, fn) },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown) => calls.push(['registerSchemesAsPrivileged', schemes, app.ready]),
      handle: (scheme: string, fn: Fn) => protocols.set(scheme, fn),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: Fn) => (permission.request = fn),
        setPermissionCheckHandler: (fn: Fn) => (permission.check = fn),
      },
    },
  };
  return { electron, calls, windows, ipc, protocols, permission, app };
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
}

describe('Electron bundles', () => {
  beforeAll(async () => {
    await bundleElectron(outRel);
    mkdirSync(join(outDir, '..', 'renderer'), { recursive: true });
    writeFileSync(join(outDir, '..', 'renderer', 'index.html'), '<title>Portcullis</title>');
  }, 60_000);
  afterAll(() => rmSync(join(outDir, '..'), { recursive: true, force: true }));

  it('main: hardened window on app://, permission and navigation handlers, sender-checked IPC', async () => {
    const fake = fakeMainElectron(join(outDir, '..', 'user-data'));
    loadWithElectron(join(outDir, 'main.cjs'), fake.electron);
    await until(() => fake.windows.length === 1 && fake.ipc.size === 1);

    // Before ready: sandbox everywhere and app:// registered as a standard, secure scheme (with V8's code cache).
    expect(fake.calls).toContainEqual(['enableSandbox', false]);
    expect(fake.calls).toContainEqual(['registerSchemesAsPrivileged', [{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }], false]);

    const win = fake.windows[0]!;
    expect(win.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
    // realpath: in a git worktree node_modules is a symlink, and the bundle sees the resolved path.
    expect((win.options.webPreferences as { preload: string }).preload).toBe(join(realpathSync(outDir), 'preload.cjs'));
    expect((win as unknown as { url: string }).url).toBe('app://portcullis/index.html');

    // Navigation, redirects, webviews and new windows are refused.
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      let prevented = false;
      win.webContents.emit(event, { preventDefault: () => (prevented = true) }, 'https://evil.example/');
      expect(prevented, event).toBe(true);
    }
    expect(win.webContents.openHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });

    // Permissions: only sanitized clipboard writes from our origin.
    const answers: boolean[] = [];
    fake.permission.request!(win.webContents, 'media', (ok: boolean) => answers.push(ok), { requestingUrl: 'app://portcullis/index.html' });
    fake.permission.request!(win.webContents, 'clipboard-sanitized-write', (ok: boolean) => answers.push(ok), { requestingUrl: 'app://portcullis/index.html' });
    expect(answers).toEqual([false, true]);
    expect(fake.permission.check!(win.webContents, 'clipboard-read', 'app://portcullis')).toBe(false);

    // The app:// protocol serves the renderer with the CSP.
    const page = (await fake.protocols.get('app')!({ url: 'app://portcullis/index.html' })) as Response;
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    for (const url of ['app://portcullis/../../package.json', 'app://portcullis/..%2f..%2f..%2fpackage.json']) {
      const reply = (await fake.protocols.get('app')!({ url })) as Response;
      expect(reply.status, url).toBeGreaterThanOrEqual(400);
      expect(await reply.text()).not.toContain('portcullis-gateway');
    }

    // IPC: only from our main frame; then the real client service answers.
    const handle = fake.ipc.get('portcullis:request')!;
    const request = { type: 'request', id: 7, method: 'app.info', params: {} };
    const iframe = { url: 'app://portcullis/index.html' };
    expect(await handle({ sender: win.webContents, senderFrame: iframe }, request)).toMatchObject({ id: 7, ok: false, error: { code: 'denied' } });
    const foreign = { url: 'https://evil.example/' };
    win.webContents.mainFrame.url = foreign.url;
    expect(await handle({ sender: win.webContents, senderFrame: win.webContents.mainFrame }, request)).toMatchObject({ ok: false, error: { code: 'denied' } });
    win.webContents.mainFrame.url = 'app://portcullis/index.html';
    expect(await handle({ sender: win.webContents, senderFrame: win.webContents.mainFrame }, request)).toEqual({
      type: 'response',
      id: 7,
      ok: true,
      result: { version: '41.7.1', shell: 'electron' },
    });
    // The client's state lives in userData; with no profile yet the client says how to add one.
    expect(existsSync(join(outDir, '..', 'user-data', 'portcullis-client.db'))).toBe(true);
    const call = (method: string, params: unknown) => handle({ sender: win.webContents, senderFrame: win.webContents.mainFrame }, { ...request, method, params });
    expect(await call('gateway.connect', {})).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringContaining('no gateway profile yet') } });
    // Links go to the system browser, http(s) only.
    expect(await call('app.openExternal', { url: 'https://example.com/x' })).toMatchObject({ ok: true, result: null });
    expect(await call('app.openExternal', { url: 'file:///etc/passwd' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(fake.calls.filter((c) => c[0] === 'openExternal')).toEqual([['openExternal', 'https://example.com/x']]);
    expect(
      await call('profiles.save', { profile: { name: 'k', host: 'gw', port: 22, user: 'a', auth: { kind: 'key', keyFile: '/k' }, rememberPassphrase: true } }),
    ).toMatchObject({ ok: false, error: { message: expect.stringContaining('no keychain') } });
  });

  it('preload: exposes exactly window.portcullis = { request, on } over the two IPC channels', async () => {
    const exposed: Array<[string, Record<string, Fn>]> = [];
    const invoked: unknown[] = [];
    const listeners = new Map<string, Fn>();
    const fake = {
      contextBridge: { exposeInMainWorld: (key: string, api: Record<string, Fn>) => exposed.push([key, api]) },
      ipcRenderer: {
        invoke: (channel: string, message: { id: number }) => {
          invoked.push([channel, message]);
          return Promise.resolve({ type: 'response', id: message.id, ok: true, result: { version: '1', shell: 'electron' } });
        },
        on: (channel: string, fn: Fn) => listeners.set(channel, fn),
      },
    };
    loadWithElectron(join(outDir, 'preload.cjs'), fake);
    expect(exposed.map(([key]) => key)).toEqual(['portcullis']);
    const api = exposed[0]![1];
    expect(Object.keys(api).sort()).toEqual(['on', 'request']);

    expect(await api.request!('app.info', {})).toEqual({ version: '1', shell: 'electron' });
    expect(invoked).toEqual([['portcullis:request', { type: 'request', id: 1, method: 'app.info', params: {} }]]);

    const got: unknown[] = [];
    const off = api.on!('terminal.data', (payload: unknown) => got.push(payload)) as () => void;
    const deliver = listeners.get('portcullis:event')!;
    deliver({}, { type: 'event', event: 'terminal.data', payload: { terminalId: 't1', data: 'hi', bytes: 2 } });
    deliver({}, { type: 'event', event: 'terminal.data', payload: { terminalId: 'bogus', data: 'x', bytes: 1 } }); // invalid: dropped
    off();
    deliver({}, { type: 'event', event: 'terminal.data', payload: { terminalId: 't1', data: 'late', bytes: 4 } });
    expect(got).toEqual([{ terminalId: 't1', data: 'hi', bytes: 2 }]);
  });
});

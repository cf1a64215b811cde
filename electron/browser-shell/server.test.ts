// The browser shell over real HTTP and a real `ws` client.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createClientService, type ClientService } from '../core/client-service';
import { openClientStore, type ClientStore } from '../core/store/client-store';
import { startBrowserShell, MAX_FRAME_BYTES, type BrowserShell } from './server';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Raw GET: the path goes on the wire exactly as written (no URL normalisation). */
function get(port: number, path: string, options: { method?: string; host?: string } = {}): Promise<Reply> {
  return new Promise((done, fail) => {
    const req = request({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: { host: options.host ?? `127.0.0.1:${port}` } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => done({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

function open(port: number, protocols: string[], origin = `http://127.0.0.1:${port}`): Promise<WebSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/api`, protocols, { origin });
  return new Promise((done, fail) => {
    ws.once('open', () => done(ws));
    ws.once('unexpected-response', (_req, res) => fail(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', fail);
  });
}

type Msg = { type?: string; id?: number; ok?: boolean; event?: string; [key: string]: unknown };

/** Collects every message a socket receives; `next` waits for the next matching one. */
function inbox(ws: WebSocket) {
  const seen: Msg[] = [];
  const waiters: Array<{ match: (m: Msg) => boolean; done: (m: Msg) => void }> = [];
  ws.on('message', (data) => {
    const message = JSON.parse(data.toString()) as Msg;
    const i = waiters.findIndex((w) => w.match(message));
    if (i >= 0) waiters.splice(i, 1)[0]!.done(message);
    else seen.push(message);
  });
  return {
    seen,
    next(match: (m: Msg) => boolean): Promise<Msg> {
      const found = seen.find(match);
      if (found) {
        seen.splice(seen.indexOf(found), 1);
        return Promise.resolve(found);
      }
      return new Promise((done) => waiters.push({ match, done }));
    },
  };
}

describe('browser shell', () => {
  let dir: string;
  let service: ClientService;
  let store: ClientStore;
  let shell: BrowserShell;
  let token: string;
  const closedSessions: number[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'portcullis-shell-'));
    const renderer = join(dir, 'renderer');
    mkdirSync(join(renderer, 'assets'), { recursive: true });
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Portcullis</title>');
    writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(dir, 'secret.txt'), 'SECRET');
    symlinkSync(join(dir, 'secret.txt'), join(renderer, 'leak.txt'));
    store = openClientStore(join(dir, 'client'));
    service = createClientService({ store, shell: 'browser', version: '9.9.9', log: () => {} });
    let n = 0;
    const counting = {
      openSession() {
        const id = ++n;
        const session = service.openSession();
        return { ...session, close: () => (closedSessions.push(id), session.close()) };
      },
    };
    shell = await startBrowserShell({ service: counting, rendererDir: renderer, host: '127.0.0.1', port: 0 });
    token = new URL(shell.url).hash.slice('#token='.length);
  });

  afterAll(async () => {
    await shell.close();
    await service.close();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints a loopback URL with a 32-byte token in the fragment', () => {
    expect(shell.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${shell.port}/#token=[0-9a-f]{64}$`));
  });

  it('serves the renderer with a strict CSP and security headers', async () => {
    const page = await get(shell.port, '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Portcullis</title>');
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toBe(
      `default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' ws://127.0.0.1:${shell.port}; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'`,
    );
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    const script = await get(shell.port, '/assets/app.js?v=1');
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await get(shell.port, '/assets/app.js', { method: 'HEAD' })).status).toBe(200);
    expect((await get(shell.port, '/missing.js')).status).toBe(404);
  });

  it('refuses path traversal, symlinks out of the build, other methods and foreign Host names', async () => {
    for (const path of ['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%5c..%5csecret.txt']) {
      const reply = await get(shell.port, path);
      expect(reply.status, path).toBeGreaterThanOrEqual(400);
      expect(reply.body, path).not.toContain('SECRET');
    }
    expect((await get(shell.port, '/leak.txt')).status).toBe(404);
    expect((await get(shell.port, '/', { method: 'POST' })).status).toBe(405);
    expect((await get(shell.port, '/', { host: `rebound.example:${shell.port}` })).status).toBe(403);
  });

  it('refuses a WebSocket without the token, with a wrong token, or from another origin', async () => {
    await expect(open(shell.port, ['portcullis'])).rejects.toThrow('HTTP 401');
    await expect(open(shell.port, ['portcullis', `token.${'0'.repeat(64)}`])).rejects.toThrow('HTTP 401');
    await expect(open(shell.port, [`token.${token}`])).rejects.toThrow('HTTP 401');
    await expect(open(shell.port, ['portcullis', `token.${token}`], 'http://evil.example')).rejects.toThrow('HTTP 403');
    await expect(open(shell.port, ['portcullis', `token.${token}`], `http://127.0.0.1:${shell.port + 1}`)).rejects.toThrow('HTTP 403');
  });

  it('with the token: speaks portcullis, answers requests, survives malformed frames', async () => {
    const ws = await open(shell.port, ['portcullis', `token.${token}`]);
    expect(ws.protocol).toBe('portcullis');
    const box = inbox(ws);

    ws.send(JSON.stringify({ type: 'request', id: 1, method: 'app.info', params: {} }));
    expect(await box.next((m) => m.id === 1)).toEqual({ type: 'response', id: 1, ok: true, result: { version: '9.9.9', shell: 'browser' } });

    ws.send('{not json');
    expect(await box.next((m) => m.ok === false)).toMatchObject({ type: 'response', id: 0, ok: false, error: { code: 'bad_request' } });
    ws.send(Buffer.from('binary'), { binary: true });
    expect(await box.next((m) => m.ok === false)).toMatchObject({ error: { code: 'bad_request', message: expect.stringContaining('binary') } });
    ws.send(JSON.stringify({ type: 'request', id: 2, method: 'no.such', params: {} }));
    expect(await box.next((m) => m.id === 2)).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    ws.send(JSON.stringify({ type: 'request', id: 3, method: 'terminal.resize', params: { terminalId: 't1', cols: 'wide' } }));
    expect(await box.next((m) => m.id === 3)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    ws.send(JSON.stringify({ type: 'request', id: 4, method: 'gateway.connect', params: {} }));
    expect(await box.next((m) => m.id === 4)).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringContaining('no gateway profile') } });
    // The browser shell has no system browser to hand links to: the renderer opens them itself.
    ws.send(JSON.stringify({ type: 'request', id: 5, method: 'app.openExternal', params: { url: 'https://example.com/' } }));
    expect(await box.next((m) => m.id === 5)).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringContaining('window.open') } });

    // Still usable after all that.
    ws.send(JSON.stringify({ type: 'request', id: 5, method: 'app.info', params: {} }));
    expect(await box.next((m) => m.id === 5)).toMatchObject({ ok: true });

    const closedBefore = closedSessions.length;
    ws.close();
    await expect.poll(() => closedSessions.length).toBe(closedBefore + 1);
  });

  it('answers a layout nested 1,000 splits deep with bad_request, and goes on serving', async () => {
    const ws = await open(shell.port, ['portcullis', `token.${token}`]);
    const box = inbox(ws);
    const terminal = (id: string) => ({ kind: 'terminal', id, host: 'web-01', login: 'root' });
    let root: object = terminal('t');
    for (let i = 0; i < 1000; i++) root = { kind: 'split', id: `s${i}`, direction: 'row', sizes: [0.5, 0.5], children: [root, terminal(`t${i}`)] };
    const layout = (tabRoot: object) => ({ version: 1, tabs: [{ id: 'tab', root: tabRoot }], activeTab: 'tab' });

    ws.send(JSON.stringify({ type: 'request', id: 1, method: 'layout.save', params: { layout: layout(root) } }));
    expect(await box.next((m) => m.id === 1)).toEqual({
      type: 'response',
      id: 1,
      ok: false,
      error: { code: 'bad_request', message: 'invalid params for layout.save: layout.tabs.0.root: splits nested deeper than 32 levels' },
    });
    const wide = { kind: 'split', id: 'w', direction: 'row', sizes: Array(300).fill(1 / 300), children: Array.from({ length: 300 }, (_, i) => terminal(`w${i}`)) };
    ws.send(JSON.stringify({ type: 'request', id: 2, method: 'layout.save', params: { layout: layout(wide) } }));
    expect(await box.next((m) => m.id === 2)).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringContaining('more than 256 panes') } });

    // Still serving, and a sane layout is saved and read back.
    const sane = layout({ kind: 'split', id: 's', direction: 'column', sizes: [0.5, 0.5], children: [terminal('a'), terminal('b')] });
    ws.send(JSON.stringify({ type: 'request', id: 3, method: 'layout.save', params: { layout: sane } }));
    expect(await box.next((m) => m.id === 3)).toMatchObject({ ok: true });
    ws.send(JSON.stringify({ type: 'request', id: 4, method: 'layout.get', params: {} }));
    expect(await box.next((m) => m.id === 4)).toMatchObject({ ok: true, result: sane });
    ws.close();
  });

  it('closes a socket that sends an oversized frame', async () => {
    const ws = await open(shell.port, ['portcullis', `token.${token}`]);
    const closed = new Promise<number>((done) => ws.once('close', (code) => done(code)));
    ws.send('x'.repeat(MAX_FRAME_BYTES + 1));
    expect(await closed).toBe(1009);
  });
});

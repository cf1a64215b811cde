// The browser shell: the renderer in an ordinary browser tab, talking to the client's main side
// in this Node process. One node:http server on 127.0.0.1 serves the built renderer and, at
// BROWSER_SHELL_API_PATH, a WebSocket that carries the same JSON messages as Electron's IPC, and
// at FILE_TRANSFER_PATH the file panel's one-time upload and download URLs.
// Only a page from this server holding the per-launch token gets in.
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve, sep } from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { FILE_TRANSFER_PATH } from '../../shared/contract/client-api/files';
import { BROWSER_SHELL_API_PATH, BROWSER_SHELL_PROTOCOL, TOKEN_FRAGMENT_KEY } from '../../shared/contract/browser-shell';
import { requestIdOf, type EventMessage, type ResponseMessage } from '../../shared/rpc/protocol';
import type { ClientService } from '../core/client-service';
import { SECURITY_HEADERS, contentTypeFor, rendererCsp, resolveStaticPath } from '../core/static-files';
import { routeFileTransfer } from './file-transfer-route';
import { createToken, isOwnHost, isOwnOrigin, parseProtocols, protocolsCarryToken } from './access';

/**
 * The largest frame we take. A paste is at most 1 MiB of text (terminal.input), which JSON
 * may escape to several times that; anything larger is not a message our renderer sends.
 */
export const MAX_FRAME_BYTES = 8 * 1024 * 1024;

export interface BrowserShellOptions {
  service: Pick<ClientService, 'openSession'> & Partial<Pick<ClientService, 'serveFileTransfer'>>;
  rendererDir: string;
  /** Only loopback: the shell is for this machine's user alone. */
  host: '127.0.0.1';
  /** 0 or absent: a random free port. */
  port?: number;
  /** Fixed token for tests; by default a fresh random one per launch. */
  token?: string;
}

export interface BrowserShell {
  /** Open this in a browser: http://127.0.0.1:PORT/#token=HEX (the token stays in the fragment). */
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startBrowserShell(options: BrowserShellOptions): Promise<BrowserShell> {
  const host = options.host;
  if (host !== '127.0.0.1') throw new Error('the browser shell listens on 127.0.0.1 only');
  const token = options.token ?? createToken();
  const root = await realpath(options.rendererDir).catch(() => resolve(options.rendererDir));
  let port = 0;

  const server = createServer((req, res) => {
    const serveTransfer = options.service.serveFileTransfer;
    const transfer = serveTransfer && (req.url ?? '').startsWith(FILE_TRANSFER_PATH);
    (transfer ? routeFileTransfer(req, res, serveTransfer, host, port) : serveStatic(req, res, root, host, port)).catch(() => {
      if (!res.headersSent) send(res, 500, 'internal error');
      else res.destroy();
    });
  });

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_FRAME_BYTES,
    perMessageDeflate: false,
    handleProtocols: () => BROWSER_SHELL_PROTOCOL,
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refusal = upgradeRefusal(req, host, port, token);
    if (refusal) return refuse(socket, refusal.status, refusal.reason);
    wss.handleUpgrade(req, socket, head, (ws) => attachSocket(ws, options.service));
  });

  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', fail);
      done();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://${host}:${port}/#${TOKEN_FRAGMENT_KEY}=${token}`,
    port,
    async close() {
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((done) => wss.close(() => done()));
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

function upgradeRefusal(req: IncomingMessage, host: string, port: number, token: string): { status: number; reason: string } | null {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  if (path !== BROWSER_SHELL_API_PATH) return { status: 404, reason: 'Not Found' };
  if (!isOwnHost(req.headers.host, host, port)) return { status: 403, reason: 'Forbidden' };
  if (!isOwnOrigin(req.headers.origin, host, port)) return { status: 403, reason: 'Forbidden' };
  if (!protocolsCarryToken(parseProtocols(req.headers['sec-websocket-protocol']), token)) return { status: 401, reason: 'Unauthorized' };
  return null;
}

function refuse(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroy();
}

/** One WebSocket is one session of the client service: its terminals close with it. */
function attachSocket(ws: WebSocket, service: Pick<ClientService, 'openSession'>): void {
  const session = service.openSession();
  const sendJson = (message: ResponseMessage | EventMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };
  session.onEvent(sendJson);

  ws.on('message', (data: RawData, isBinary: boolean) => {
    if (isBinary) return sendJson(badRequest('binary frames are not accepted: send JSON text'));
    let raw: unknown;
    try {
      raw = JSON.parse(data.toString());
    } catch {
      return sendJson(badRequest('the message is not valid JSON'));
    }
    // dispatch answers every failure itself; the catch keeps a bug there from ending the process.
    session.dispatch(raw).then(sendJson, () => sendJson(internalError(raw)));
  });
  ws.on('error', () => ws.terminate()); // e.g. an oversized frame; 'close' follows
  ws.on('close', () => void session.close());
}

function internalError(raw: unknown): ResponseMessage {
  return { type: 'response', id: requestIdOf(raw), ok: false, error: { code: 'internal', message: 'the request failed unexpectedly' } };
}

function badRequest(message: string): ResponseMessage {
  return { type: 'response', id: 0, ok: false, error: { code: 'bad_request', message } };
}

async function serveStatic(req: IncomingMessage, res: ServerResponse, root: string, host: string, port: number): Promise<void> {
  // The Host check stops DNS rebinding: a foreign name that resolves to 127.0.0.1 gets nothing.
  if (!isOwnHost(req.headers.host, host, port)) return send(res, 403, 'forbidden');
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    return send(res, 405, 'method not allowed');
  }
  const pathname = (req.url ?? '/').split(/[?#]/, 1)[0]!;
  const file = resolveStaticPath(root, pathname);
  if (!file) return send(res, 400, 'bad path');
  // Symlinks inside the build must not lead outside it either.
  const real = await realpath(file).catch(() => null);
  const info = real && (real === root || real.startsWith(root + sep)) ? await stat(real).catch(() => null) : null;
  if (!real || !info?.isFile()) return send(res, 404, 'not found');

  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Security-Policy': rendererCsp([`ws://${host}:${port}`]),
    'Content-Type': contentTypeFor(real),
    'Content-Length': info.size,
  });
  if (req.method === 'HEAD') return void res.end();
  const stream = createReadStream(real);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

function send(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Security-Policy': "default-src 'none'", 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(`${text}\n`);
}

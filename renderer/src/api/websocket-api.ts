// window.portcullis for the browser shell: the same request/on object the Electron preload
// provides, carried over a WebSocket to the client's main side (electron/browser-shell).
// Responses and events are validated by shared/rpc before anyone sees them.
//
// No DOM here: the socket is made by the caller-supplied factory, so this runs under vitest in Node.
import { BROWSER_SHELL_PROTOCOL, TOKEN_PROTOCOL_PREFIX } from '../../../shared/contract/browser-shell';
import type { PortcullisApi } from '../../../shared/contract/window';
import { createClientApiRpc } from '../../../shared/contract/client-api-rpc';
import { RpcError, type RequestMessage } from '../../../shared/rpc/protocol';
import type { MainSideLink, MainSideLinkState } from './link';

/** The part of the DOM WebSocket this module uses. */
export interface WebSocketLike {
  readonly readyState: number;
  readonly protocol: string;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

const CONNECTING = 0;
const OPEN = 1;

export const MAIN_SIDE_LOST = "Connection to the app's main side lost";

/** Requests written before the socket opens wait for it, up to this many. */
const MAX_QUEUED = 1000;

export interface WebSocketApi {
  api: PortcullisApi;
  link: MainSideLink;
}

export function createWebSocketApi(
  openSocket: (protocols: string[]) => WebSocketLike,
  token: string,
  warn: (message: string) => void = () => {},
): WebSocketApi {
  let state: MainSideLinkState = { status: 'connecting' };
  const listeners = new Set<(state: MainSideLinkState) => void>();
  const setState = (next: MainSideLinkState) => {
    state = next;
    for (const listener of [...listeners]) listener(state);
  };

  const queue: string[] = [];
  const socket = openSocket([BROWSER_SHELL_PROTOCOL, `${TOKEN_PROTOCOL_PREFIX}${token}`]);

  const rpc = createClientApiRpc(
    (message: RequestMessage) => {
      const text = JSON.stringify(message);
      if (state.status === 'lost') throw new RpcError('unavailable', `${MAIN_SIDE_LOST}: ${state.reason}`);
      if (socket.readyState === OPEN) return socket.send(text);
      if (socket.readyState === CONNECTING && queue.length < MAX_QUEUED) return void queue.push(text);
      throw new RpcError('unavailable', `${MAIN_SIDE_LOST}: the connection is not open`);
    },
    (description) => warn(`portcullis: ignored a message from the main side: ${description}`),
  );

  const lose = (reason: string) => {
    if (state.status === 'lost') return;
    queue.length = 0;
    setState({ status: 'lost', reason });
    rpc.failAll(new RpcError('unavailable', `${MAIN_SIDE_LOST}: ${reason}`));
  };

  socket.onopen = () => {
    if (socket.protocol !== BROWSER_SHELL_PROTOCOL) {
      socket.close(1002, 'unexpected subprotocol');
      return lose(`the server did not speak the "${BROWSER_SHELL_PROTOCOL}" protocol`);
    }
    setState({ status: 'open' });
    for (const text of queue.splice(0)) socket.send(text);
  };
  socket.onmessage = (event) => {
    if (typeof event.data !== 'string') return warn('portcullis: ignored a binary message from the main side');
    let raw: unknown;
    try {
      raw = JSON.parse(event.data);
    } catch {
      return warn('portcullis: ignored a message from the main side that is not JSON');
    }
    rpc.receive(raw);
  };
  socket.onclose = (event) => lose(describeClose(event.code, event.reason, state.status === 'connecting'));
  // 'error' is always followed by 'close', which carries what little the browser tells us.
  socket.onerror = () => {};

  const api: PortcullisApi = Object.freeze({
    request: ((method, params) => rpc.request(method, params)) as PortcullisApi['request'],
    on: ((event, listener) => rpc.on(event, listener)) as PortcullisApi['on'],
  });
  const link: MainSideLink = {
    get state() {
      return state;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return { api, link };
}

function describeClose(code: number, reason: string, neverOpened: boolean): string {
  if (neverOpened) {
    // Browsers hide why a handshake failed (1006); the usual cause is a stale or wrong token.
    return 'the app refused the connection or is not running (open the URL printed by `npm start` again)';
  }
  if (reason) return `${reason} (code ${code})`;
  if (code === 1001) return 'the app is shutting down';
  return `the connection closed (code ${code})`;
}

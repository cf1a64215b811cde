import { describe, expect, it } from 'vitest';
import { createWebSocketApi, MAIN_SIDE_LOST, type WebSocketLike } from './websocket-api';

class FakeSocket implements WebSocketLike {
  readyState = 0;
  protocol = '';
  sent: unknown[] = [];
  closedWith: [number | undefined, string | undefined] | null = null;
  onopen: WebSocketLike['onopen'] = null;
  onmessage: WebSocketLike['onmessage'] = null;
  onclose: WebSocketLike['onclose'] = null;
  onerror: WebSocketLike['onerror'] = null;
  constructor(readonly protocols: string[]) {}
  send(data: string) {
    if (this.readyState !== 1) throw new Error('not open');
    this.sent.push(JSON.parse(data));
  }
  close(code?: number, reason?: string) {
    this.closedWith = [code, reason];
  }
  // Test controls
  open(protocol = 'portcullis') {
    this.readyState = 1;
    this.protocol = protocol;
    this.onopen?.({});
  }
  deliver(message: unknown) {
    this.onmessage?.({ data: typeof message === 'string' ? message : JSON.stringify(message) });
  }
  drop(code = 1006, reason = '') {
    this.readyState = 3;
    this.onclose?.({ code, reason });
  }
}

const TOKEN = 'ab'.repeat(16);

function setup() {
  let socket!: FakeSocket;
  const warnings: string[] = [];
  const { api, link } = createWebSocketApi((protocols) => (socket = new FakeSocket(protocols)), TOKEN, (m) => warnings.push(m));
  const states: string[] = [];
  link.subscribe((s) => states.push(s.status));
  return { api, link, socket, warnings, states };
}

const gatewayState = { status: 'connected', gateway: { name: 'lab', address: '127.0.0.1:2222', user: 'alice' } };

describe('createWebSocketApi', () => {
  it('offers the portcullis subprotocol with the token', () => {
    const { socket } = setup();
    expect(socket.protocols).toEqual(['portcullis', `token.${TOKEN}`]);
  });

  it('queues requests until the socket opens, then resolves validated results', async () => {
    const { api, socket, link, states } = setup();
    expect(link.state.status).toBe('connecting');
    const pending = api.request('gateway.state', {});
    expect(socket.sent).toEqual([]);
    socket.open();
    expect(states).toEqual(['open']);
    expect(socket.sent).toEqual([{ type: 'request', id: 1, method: 'gateway.state', params: {} }]);
    socket.deliver({ type: 'response', id: 1, ok: true, result: gatewayState });
    await expect(pending).resolves.toEqual(gatewayState);
  });

  it('rejects a result that does not match the contract', async () => {
    const { api, socket } = setup();
    socket.open();
    const pending = api.request('hosts.list', {});
    socket.deliver({ type: 'response', id: 1, ok: true, result: [{ name: 'bad name!' }] });
    await expect(pending).rejects.toMatchObject({ code: 'internal' });
  });

  it('passes errors from the main side through with their code', async () => {
    const { api, socket } = setup();
    socket.open();
    const pending = api.request('terminal.open', { host: 'web-01', login: 'root', cols: 80, rows: 24 });
    socket.deliver({ type: 'response', id: 1, ok: false, error: { code: 'denied', message: 'no grant for root@web-01' } });
    await expect(pending).rejects.toMatchObject({ code: 'denied', message: 'no grant for root@web-01' });
  });

  it('delivers valid events and ignores invalid ones with a warning', () => {
    const { api, socket, warnings } = setup();
    socket.open();
    const seen: unknown[] = [];
    const off = api.on('terminal.data', (p) => seen.push(p));
    socket.deliver({ type: 'event', event: 'terminal.data', payload: { terminalId: 't1', data: 'hi', bytes: 2 } });
    socket.deliver({ type: 'event', event: 'terminal.data', payload: { terminalId: 'nope', data: 'hi', bytes: 2 } });
    socket.deliver('{not json');
    off();
    socket.deliver({ type: 'event', event: 'terminal.data', payload: { terminalId: 't1', data: 'again', bytes: 5 } });
    expect(seen).toEqual([{ terminalId: 't1', data: 'hi', bytes: 2 }]);
    expect(warnings).toHaveLength(2);
  });

  it('fails pending and later requests with a clear error when the socket closes', async () => {
    const { api, socket, link, states } = setup();
    socket.open();
    const pending = api.request('hosts.list', {});
    socket.drop(1001);
    await expect(pending).rejects.toMatchObject({ code: 'unavailable', message: `${MAIN_SIDE_LOST}: the app is shutting down` });
    await expect(api.request('gateway.state', {})).rejects.toThrow(MAIN_SIDE_LOST);
    expect(link.state).toEqual({ status: 'lost', reason: 'the app is shutting down' });
    expect(states).toEqual(['open', 'lost']);
  });

  it('explains a connection that never opened (wrong or stale token)', async () => {
    const { api, socket, link } = setup();
    const pending = api.request('gateway.state', {});
    socket.drop(1006);
    await expect(pending).rejects.toThrow(/npm start/);
    expect(link.state.status).toBe('lost');
  });

  it('refuses a server that does not answer with the portcullis subprotocol', () => {
    const { socket, link } = setup();
    socket.open('');
    expect(socket.closedWith?.[0]).toBe(1002);
    expect(link.state.status).toBe('lost');
  });

  it('is one frozen object with just request and on', () => {
    const { api } = setup();
    expect(Object.keys(api).sort()).toEqual(['on', 'request']);
    expect(Object.isFrozen(api)).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { gatewayEvents, gatewayMethods, type GatewayMethods } from '../../../shared/contract/gateway-api';
import { decodeHostTable, encodeHostTable } from '../../../shared/contract/host-table';
import type { Host } from '../../../shared/contract/inventory';
import { createRpcClient } from '../../../shared/rpc/client';
import { createDispatcher, type Handlers } from '../../../shared/rpc/dispatcher';
import { RpcError } from '../../../shared/rpc/protocol';
import { fetchHostTable, HEAD_TABLE_KEEP_MS, HostListSource } from './host-table-fetch';

const hosts: Host[] = [
  { name: 'web-01', address: '10.0.0.1:22', nodes: [['pay', 'web']], tags: { env: 'prod' }, logins: ['root'], accessUntil: null },
  { name: 'web-02', address: '10.0.0.2:22', nodes: [['pay', 'web']], tags: { env: 'prod' }, logins: ['root'], accessUntil: 1_700_000_000_000 },
];

/** The real rpc client against the real dispatcher, over JSON text, serving `methods` only. */
function gatewayServing(methods: Partial<GatewayMethods>, handlers: Partial<Handlers<GatewayMethods, null>>) {
  const dispatcher = createDispatcher(methods as GatewayMethods, handlers as Handlers<GatewayMethods, null>);
  const client = createRpcClient(gatewayMethods, gatewayEvents, (message) => {
    void dispatcher.dispatch(JSON.parse(JSON.stringify(message)), null).then((response) => client.receive(JSON.parse(JSON.stringify(response))));
  });
  return client;
}

describe('fetchHostTable', () => {
  it('asks for hosts.table', async () => {
    const gateway = gatewayServing(gatewayMethods, { 'hosts.table': () => encodeHostTable(hosts), 'hosts.list': () => [] });
    expect(decodeHostTable(await fetchHostTable(gateway))).toEqual(hosts);
  });

  it('falls back to hosts.list on a gateway from before hosts.table', async () => {
    const { 'hosts.table': _, ...older } = gatewayMethods;
    const gateway = gatewayServing(older, { 'hosts.list': () => hosts });
    expect(decodeHostTable(await fetchHostTable(gateway))).toEqual(hosts);
  });

  it('passes other errors through', async () => {
    const gateway = gatewayServing(gatewayMethods, { 'hosts.table': () => Promise.reject(new RpcError('denied', 'not you')) });
    await expect(fetchHostTable(gateway)).rejects.toMatchObject({ code: 'denied', message: 'not you' });
  });
});

describe('HostListSource', () => {
  /** A gateway that counts its hosts.table answers and serves `list` as it is at each call. */
  function countingGateway(list: () => Host[]) {
    const calls = { table: 0 };
    const gateway = gatewayServing(gatewayMethods, {
      'hosts.table': () => {
        calls.table++;
        return encodeHostTable(list());
      },
    });
    return { gateway, calls };
  }
  const many = Array.from({ length: 300 }, (_, i): Host => ({ ...hosts[0]!, name: `web-${i}`, nodes: [['pay', `m${i % 30}`]] }));

  it('cuts the head from a fetch the next list of the same renderer reuses, once', async () => {
    const { gateway, calls } = countingGateway(() => many);
    const source = new HostListSource<object>();
    const renderer = {};
    const head = await source.head(renderer, gateway, 5);
    expect(head.total).toBe(300);
    expect(decodeHostTable(head.table).length).toBeLessThan(300);
    expect(decodeHostTable(await source.list(renderer, gateway))).toEqual(many);
    expect(calls.table).toBe(1);
    // Taken once: a reload asks the gateway again.
    await source.list(renderer, gateway);
    expect(calls.table).toBe(2);
  });

  it('fetches anew for another renderer, another connection, or after the keep time', async () => {
    let now = 1_000_000;
    const { gateway, calls } = countingGateway(() => many);
    const other = countingGateway(() => many);
    const source = new HostListSource<object>(() => now);
    const a = {};
    await source.head(a, gateway, 5);
    await source.list({}, gateway); // another renderer
    expect(calls.table).toBe(2);
    await source.list(a, other.gateway); // the connection changed since the head
    expect(other.calls.table).toBe(1);
    await source.head(a, gateway, 5);
    now += HEAD_TABLE_KEEP_MS; // too old to pass for the list the renderer asks for now
    await source.list(a, gateway);
    expect(calls.table).toBe(4);
  });

  it('keeps nothing when the head is the whole list: a reload fetches anew', async () => {
    let current = hosts;
    const { gateway, calls } = countingGateway(() => current);
    const source = new HostListSource<object>();
    const renderer = {};
    const head = await source.head(renderer, gateway, 150);
    expect(decodeHostTable(head.table)).toEqual(hosts); // the whole list: the renderer asks for no more
    current = [...hosts, { ...hosts[0]!, name: 'web-03' }]; // an admin grants another host
    expect(decodeHostTable(await source.list(renderer, gateway)).map((h) => h.name)).toContain('web-03');
    expect(calls.table).toBe(2);
  });

  it('fetches the list again when the head’s fetch failed', async () => {
    let fail = true;
    const gateway = gatewayServing(gatewayMethods, {
      'hosts.table': () => (fail ? Promise.reject(new RpcError('unavailable', 'busy')) : encodeHostTable(hosts)),
    });
    const source = new HostListSource<object>();
    const renderer = {};
    await expect(source.head(renderer, gateway, 5)).rejects.toMatchObject({ code: 'unavailable' });
    fail = false;
    expect(decodeHostTable(await source.list(renderer, gateway))).toEqual(hosts);
  });
});

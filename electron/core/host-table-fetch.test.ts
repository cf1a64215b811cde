import { describe, expect, it } from 'vitest';
import { gatewayEvents, gatewayMethods, type GatewayMethods } from '../../shared/contract/gateway-api';
import { decodeHostTable, encodeHostTable } from '../../shared/contract/host-table';
import type { Host } from '../../shared/contract/inventory';
import { createRpcClient } from '../../shared/rpc/client';
import { createDispatcher, type Handlers } from '../../shared/rpc/dispatcher';
import { RpcError } from '../../shared/rpc/protocol';
import { fetchHostTable } from './host-table-fetch';

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

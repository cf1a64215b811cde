// The renderer's side of the client API (Electron's preload, the browser shell's WebSocket client):
// the rpc client that checks every answer and event, with the core's schemas from the start and
// the capabilities' loaded when a message first needs them (a chunk of their own in the renderer's
// build). Import this, not ./client-api, from code that runs before the first screen.
import type { ClientEvents, ClientMethods } from './client-api';
import { clientCoreApi } from './client-api-core';
import { createLazyRpcClient, type RpcClient } from '../rpc/client';
import type { RequestMessage } from '../rpc/protocol';

export type ClientApiRpc = RpcClient<ClientMethods, ClientEvents>;

export function createClientApiRpc(send: (message: RequestMessage) => void, onProtocolError?: (description: string) => void): ClientApiRpc {
  return createLazyRpcClient<ClientMethods, ClientEvents>(
    {
      methods: clientCoreApi.methods,
      events: clientCoreApi.events,
      more: () => import('./client-api-capabilities').then(({ clientCapabilitiesApi }) => clientCapabilitiesApi),
    },
    send,
    onProtocolError,
  );
}

// The sandboxed bridge: exposes exactly `window.portcullis` = { request, on } (shared/contract/
// window.ts) over two IPC channels, and nothing else: no ipcRenderer, no Node. Responses and
// events are validated here too (createRpcClient), so the page sees only well-formed data.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_REQUEST_CHANNEL, WINDOW_API_KEY, type PortcullisApi } from '../../shared/contract/window';
import { createClientApiRpc } from '../../shared/contract/client-api-rpc';
import { toBridged } from '../../shared/rpc/bridged-error';

const client = createClientApiRpc(
  (message) => {
    ipcRenderer.invoke(IPC_REQUEST_CHANNEL, message).then(
      (response: unknown) => client.receive(response),
      (error: unknown) =>
        client.receive({ type: 'response', id: message.id, ok: false, error: { code: 'internal', message: `the main process failed: ${String(error)}` } }),
    );
  },
  (description) => console.error(`portcullis: ${description}`),
);

ipcRenderer.on(IPC_EVENT_CHANNEL, (_event: IpcRendererEvent, message: unknown) => client.receive(message));

const api: PortcullisApi = {
  // A rejection crosses the bridge as plain data (shared/rpc/bridged-error.ts), not as an Error.
  request: (method, params) => client.request(method, params).catch((error: unknown) => Promise.reject(toBridged(error))),
  // Returns an unsubscribe function; the listener never sees the IPC event object.
  on: (event, listener) => client.on(event, listener),
};

contextBridge.exposeInMainWorld(WINDOW_API_KEY, api);

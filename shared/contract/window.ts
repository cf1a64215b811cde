// The single object the renderer may use to reach the main side: `window.portcullis`.
import type { EventName, MethodName, ParamsOf, PayloadOf, ResultOf } from '../rpc/protocol';
import type { ClientEvents, ClientMethods } from './client-api';

export const WINDOW_API_KEY = 'portcullis';

export interface PortcullisApi {
  request<M extends MethodName<ClientMethods>>(method: M, params: ParamsOf<ClientMethods, M>): Promise<ResultOf<ClientMethods, M>>;
  on<E extends EventName<ClientEvents>>(event: E, listener: (payload: PayloadOf<ClientEvents, E>) => void): () => void;
}

/** Electron IPC channel names (preload ⇄ main). */
export const IPC_REQUEST_CHANNEL = 'portcullis:request';
export const IPC_EVENT_CHANNEL = 'portcullis:event';

// The calling side of a method table over any transport that can send a message and
// deliver replies. Responses and events are validated before anyone sees them.
import {
  RpcError,
  ServerMessageSchema,
  checkSafely,
  describeZodError,
  type EventName,
  type EventTable,
  type MethodName,
  type MethodTable,
  type ParamsOf,
  type PayloadOf,
  type RequestMessage,
  type ResultOf,
} from './protocol';

export interface RpcClient<T extends MethodTable, E extends EventTable> {
  request<M extends MethodName<T>>(method: M, params: ParamsOf<T, M>): Promise<ResultOf<T, M>>;
  on<N extends EventName<E>>(event: N, listener: (payload: PayloadOf<E, N>) => void): () => void;
  /** Every event, once validated (for forwarding them all, e.g. subscriptions' events). */
  onEvent(listener: (event: EventName<E>, payload: unknown) => void): () => void;
  /** Feed one message received from the other side (already JSON-parsed). */
  receive(raw: unknown): void;
  /** Fail every pending request, e.g. when the transport closes. */
  failAll(error: RpcError): void;
}

export function createRpcClient<T extends MethodTable, E extends EventTable>(
  methods: T,
  events: E,
  send: (message: RequestMessage) => void,
  onProtocolError: (description: string) => void = () => {},
): RpcClient<T, E> {
  let nextId = 1;
  const pending = new Map<number, { method: string; resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const anyListeners = new Set<(event: EventName<E>, payload: unknown) => void>();

  return {
    request(method, params) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { method, resolve: resolve as (v: unknown) => void, reject });
        try {
          send({ type: 'request', id, method, params });
        } catch (error) {
          pending.delete(id);
          reject(error instanceof RpcError ? error : new RpcError('not_connected', String(error)));
        }
      });
    },
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener as (payload: unknown) => void);
      return () => set.delete(listener as (payload: unknown) => void);
    },
    onEvent(listener) {
      anyListeners.add(listener);
      return () => anyListeners.delete(listener);
    },
    receive(raw) {
      const parsed = checkSafely(ServerMessageSchema, raw);
      if (!parsed.success) return onProtocolError(`malformed message: ${describeZodError(parsed.error)}`);
      const message = parsed.data;
      if (message.type === 'event') {
        const schema = events[message.event];
        if (!schema) return onProtocolError(`unknown event "${message.event}"`);
        const payload = checkSafely(schema, message.payload);
        if (!payload.success) return onProtocolError(`invalid ${message.event} payload: ${describeZodError(payload.error)}`);
        for (const listener of listeners.get(message.event) ?? []) listener(payload.data);
        for (const listener of anyListeners) listener(message.event as EventName<E>, payload.data);
        return;
      }
      const call = pending.get(message.id);
      if (!call) return onProtocolError(`response to unknown request ${message.id}`);
      pending.delete(message.id);
      if (!message.ok) return call.reject(RpcError.from(message.error));
      const result = checkSafely(methods[call.method]!.result, message.result);
      if (result.success) call.resolve(result.data);
      else call.reject(new RpcError('internal', `invalid ${call.method} result: ${describeZodError(result.error)}`));
    },
    failAll(error) {
      for (const call of pending.values()) call.reject(error);
      pending.clear();
    },
  };
}

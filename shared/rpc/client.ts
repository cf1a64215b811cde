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

/** The schemas a client checks with; `more`, when given, loads the rest the first time a message needs it. */
export interface RpcSchemas {
  methods: MethodTable;
  events: EventTable;
  more?: () => Promise<{ methods: MethodTable; events: EventTable }>;
}

export function createRpcClient<T extends MethodTable, E extends EventTable>(
  methods: T,
  events: E,
  send: (message: RequestMessage) => void,
  onProtocolError: (description: string) => void = () => {},
): RpcClient<T, E> {
  return createLazyRpcClient<T, E>({ methods, events }, send, onProtocolError);
}

/**
 * A client that starts with part of its schemas (what the first screen needs) and loads the rest
 * when a request or a message names a method or event it does not know yet — so the code that
 * starts the app does not build every capability's schemas. Messages keep their order: once one
 * waits for the load, those after it wait too.
 */
export function createLazyRpcClient<T extends MethodTable, E extends EventTable>(
  schemas: RpcSchemas,
  send: (message: RequestMessage) => void,
  onProtocolError: (description: string) => void = () => {},
): RpcClient<T, E> {
  let nextId = 1;
  const pending = new Map<number, { method: string; resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const anyListeners = new Set<(event: EventName<E>, payload: unknown) => void>();
  const methods: MethodTable = { ...schemas.methods };
  const events: EventTable = { ...schemas.events };
  let loading = false;
  let complete = !schemas.more; // every schema there is is loaded (or the load failed)
  const waiting: unknown[] = [];

  function loadMore(): void {
    if (complete || loading) return;
    loading = true;
    void schemas.more!().then(
      (more) => {
        Object.assign(methods, more.methods);
        Object.assign(events, more.events);
      },
      (error: unknown) => onProtocolError(`could not load the rest of the API's schemas: ${String(error)}`),
    ).then(() => {
      complete = true;
      for (const raw of waiting.splice(0)) handle(raw);
    });
  }

  /** Whether this raw message names a method or event whose schema is not loaded yet. */
  function needsMore(raw: unknown): boolean {
    if (complete || typeof raw !== 'object' || raw === null) return false;
    const message = raw as { type?: unknown; id?: unknown; event?: unknown };
    if (message.type === 'event') return typeof message.event === 'string' && !Object.hasOwn(events, message.event);
    const call = typeof message.id === 'number' ? pending.get(message.id) : undefined;
    return call !== undefined && !Object.hasOwn(methods, call.method);
  }

  function handle(raw: unknown): void {
    const parsed = checkSafely(ServerMessageSchema, raw);
    if (!parsed.success) return onProtocolError(`malformed message: ${describeZodError(parsed.error)}`);
    const message = parsed.data;
    if (message.type === 'event') {
      const schema = Object.hasOwn(events, message.event) ? events[message.event] : undefined;
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
    const spec = Object.hasOwn(methods, call.method) ? methods[call.method] : undefined;
    if (!spec) return call.reject(new RpcError('internal', `no schema for ${call.method}'s result`));
    const result = checkSafely(spec.result, message.result);
    if (result.success) call.resolve(result.data);
    else call.reject(new RpcError('internal', `invalid ${call.method} result: ${describeZodError(result.error)}`));
  }

  return {
    request(method, params) {
      const id = nextId++;
      // Start loading while the request travels, so its answer rarely waits.
      if (!Object.hasOwn(methods, method)) loadMore();
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
      if (waiting.length > 0 || needsMore(raw)) {
        waiting.push(raw);
        return loadMore();
      }
      handle(raw);
    },
    failAll(error) {
      for (const call of pending.values()) call.reject(error);
      pending.clear();
    },
  };
}

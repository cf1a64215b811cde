// What each capability's main-side service looks like, and what the composition root
// (./client-service.ts) hands them: the renderer session a request came from and an event sink.
// A service owns its handlers and its per-session state; shared state is passed in, not reached for.
import type { Handlers } from '../../shared/rpc/dispatcher';
import type { EventName, MethodTable, PayloadOf } from '../../shared/rpc/protocol';
import type { ClientEvents } from '../../shared/contract/client-api';

/** One renderer connection, as handlers see it (the context of every request). */
export interface RendererSession {
  readonly closed: boolean;
}

/** Sends validated events to the renderer. */
export interface EventSink {
  /** To one renderer session (dropped once it closed). */
  emit<N extends EventName<ClientEvents>>(session: RendererSession, event: N, payload: PayloadOf<ClientEvents, N>): void;
  /** To every open renderer session. */
  broadcast<N extends EventName<ClientEvents>>(event: N, payload: PayloadOf<ClientEvents, N>): void;
}

/** A capability on the main side: the handlers of its contract section, and its cleanup. */
export interface AreaService<T extends MethodTable> {
  handlers: Handlers<T, RendererSession>;
  /** A renderer session closed: release what it held (e.g. its terminals). */
  closeSession?(session: RendererSession): Promise<void>;
  /** The client is shutting down (after every session closed). */
  close?(): Promise<void>;
}

type Intersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** Joins the services' handlers into one map for the dispatcher; the caller's type checks that every method has one. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each service serves its own table
export function joinHandlers<const S extends readonly AreaService<any>[]>(services: S): Intersection<S[number]['handlers']> {
  return Object.assign({}, ...services.map((s) => s.handlers)) as Intersection<S[number]['handlers']>;
}

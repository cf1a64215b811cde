// Routes terminal.data / terminal.status events to the terminal they belong to. Pure.
//
// The main side may emit the first events of a terminal before the renderer has seen the
// terminal.open response that names it (the two race on the wire and through the promise
// machinery). While an open is in flight, events for unknown terminals are held — bounded — and
// handed over when the terminal registers, so no output is lost and none goes unacknowledged.
// Events for terminals nobody will claim (closed here, or never ours) are dropped.
import type { TerminalStatus } from '../../../shared/contract/client-api';

export interface TerminalData {
  terminalId: string;
  data: string;
  bytes: number;
}

export type TerminalEvent = { kind: 'data'; payload: TerminalData } | { kind: 'status'; payload: TerminalStatus };

export interface TerminalEventSink {
  data(payload: TerminalData): void;
  status(payload: TerminalStatus): void;
}

export interface EventRouterLimits {
  /** Most terminals held at once while opens are in flight. */
  maxHeldTerminals: number;
  /** Most events held per unknown terminal. */
  maxHeldEvents: number;
}

export class TerminalEventRouter {
  private readonly sinks = new Map<string, TerminalEventSink>();
  private readonly held = new Map<string, TerminalEvent[]>();
  private readonly gone = new Set<string>();
  private opensInFlight = 0;
  /** Events dropped because nobody claimed them or a hold limit was hit (for diagnostics). */
  dropped = 0;

  constructor(private readonly limits: EventRouterLimits = { maxHeldTerminals: 32, maxHeldEvents: 4096 }) {}

  /** A terminal.open request is on its way; hold events for unknown terminals until it settles. */
  beginOpen(): () => void {
    this.opensInFlight++;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.opensInFlight--;
      if (this.opensInFlight === 0) {
        for (const events of this.held.values()) this.dropped += events.length;
        this.held.clear();
      }
    };
  }

  /** Deliver this terminal's events to `sink`, starting with any that were held for it. */
  register(terminalId: string, sink: TerminalEventSink): void {
    this.sinks.set(terminalId, sink);
    const early = this.held.get(terminalId);
    this.held.delete(terminalId);
    for (const event of early ?? []) this.deliver(sink, event);
  }

  /** Stop delivering; later events for this terminal are dropped. */
  unregister(terminalId: string): void {
    this.sinks.delete(terminalId);
    this.held.delete(terminalId);
    this.gone.add(terminalId);
  }

  route(terminalId: string, event: TerminalEvent): void {
    const sink = this.sinks.get(terminalId);
    if (sink) return this.deliver(sink, event);
    if (this.opensInFlight === 0 || this.gone.has(terminalId)) {
      this.dropped++;
      return;
    }
    let queue = this.held.get(terminalId);
    if (!queue) {
      if (this.held.size >= this.limits.maxHeldTerminals) {
        this.dropped++;
        return;
      }
      this.held.set(terminalId, (queue = []));
    }
    if (queue.length >= this.limits.maxHeldEvents) {
      this.dropped++;
      return;
    }
    queue.push(event);
  }

  private deliver(sink: TerminalEventSink, event: TerminalEvent): void {
    if (event.kind === 'data') sink.data(event.payload);
    else sink.status(event.payload);
  }
}

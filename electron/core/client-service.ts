// The client's main side as the renderer sees it: `clientMethods` served by a dispatcher and
// `clientEvents` emitted, over whatever transport the shell provides (Electron IPC or the
// browser shell's WebSocket). Each renderer connection is a session: a terminal belongs to the
// session that opened it, only that session hears its output, and closing the session closes
// its terminals. Gateway state goes to every session.
import { createDispatcher, type Handlers } from '../../shared/rpc/dispatcher';
import { RpcError, type EventMessage, type EventName, type PayloadOf, type ResponseMessage } from '../../shared/rpc/protocol';
import { clientEvents, clientMethods, type ClientEvents, type ClientMethods, type GatewayState } from '../../shared/contract/client-api';
import { formatTarget } from '../../shared/contract/target';
import { createGatewayConnection, type GatewayConnection, type GatewayConnectionOptions } from './gateway-connection';
import type { GatewayProfile } from './profile';
import { openTerminalSession, type TerminalSession, type TerminalStatusUpdate } from './terminal-session';

export type ShellKind = 'electron' | 'browser';

export interface ClientServiceOptions {
  /** null: started without a profile; gateway.connect then says how to give one. */
  profile: GatewayProfile | null;
  shell: ShellKind;
  version: string;
  /** Flow-control watermarks in bytes (defaults in ./flow-control). */
  highWatermark?: number;
  lowWatermark?: number;
  connection?: GatewayConnectionOptions;
  /** Where unexpected failures are reported (default: console.error). */
  log?: (message: string, error?: unknown) => void;
}

/** One renderer connection. */
export interface ClientSession {
  /** Handles one raw (JSON-parsed) request; never throws. */
  dispatch(raw: unknown): Promise<ResponseMessage>;
  onEvent(listener: (message: EventMessage) => void): () => void;
  /** Closes the terminals this session opened and stops its events. */
  close(): Promise<void>;
}

export interface ClientService extends ClientSession {
  /** A new renderer connection (the top-level dispatch/onEvent are a default one). */
  openSession(): ClientSession;
  /** Connects to the gateway, as `gateway.connect` does. */
  connect(): Promise<GatewayState>;
  state(): GatewayState;
  /** Closes every session and the gateway connection. */
  close(): Promise<void>;
}

interface SessionState {
  listeners: Set<(message: EventMessage) => void>;
  terminals: Set<string>;
  closed: boolean;
}

interface TerminalEntry {
  session: SessionState;
  terminal: TerminalSession;
}

export function createClientService(options: ClientServiceOptions): ClientService {
  const log = options.log ?? ((message, error) => console.error(message, error ?? ''));
  const connection: GatewayConnection | null = options.profile
    ? createGatewayConnection(options.profile, { onProtocolError: (d) => log(`gateway protocol error: ${d}`), ...options.connection })
    : null;
  const sessions = new Set<SessionState>();
  const terminals = new Map<string, TerminalEntry>();
  let nextTerminal = 1;
  let closing = false;

  function emit<N extends EventName<ClientEvents>>(session: SessionState, event: N, payload: PayloadOf<ClientEvents, N>): void {
    if (session.closed) return;
    // Validate what we send: a bug here must not reach the renderer as a malformed event.
    const parsed = clientEvents[event].safeParse(payload);
    if (!parsed.success) return log(`dropped an invalid ${event} event`, parsed.error);
    const message: EventMessage = { type: 'event', event, payload: parsed.data };
    for (const listener of session.listeners) listener(message);
  }

  const noProfileState: GatewayState = { status: 'disconnected', error: 'no gateway profile is configured (start the client with --profile FILE)' };
  const currentState = (): GatewayState => connection?.state() ?? noProfileState;

  connection?.onState((state) => {
    for (const session of sessions) emit(session, 'gateway.state', state);
    if (state.status === 'lost' || state.status === 'disconnected') {
      const reason = state.error ? `the connection to the gateway was lost: ${state.error}` : 'disconnected from the gateway';
      for (const [id, entry] of terminals) {
        entry.terminal.markLost(reason);
        forget(id);
      }
    }
  });

  function forget(terminalId: string): void {
    const entry = terminals.get(terminalId);
    if (!entry) return;
    terminals.delete(terminalId);
    entry.session.terminals.delete(terminalId);
  }

  function requireConnection(): GatewayConnection {
    if (!connection) throw new RpcError('unavailable', noProfileState.error!);
    if (connection.state().status !== 'connected') {
      throw new RpcError('not_connected', `not connected to gateway "${options.profile!.name}": connect first`);
    }
    return connection;
  }

  function terminalOf(session: SessionState, terminalId: string): TerminalSession {
    const entry = terminals.get(terminalId);
    // Another session's terminal is as unknown to this one as a closed terminal.
    if (!entry || entry.session !== session) throw new RpcError('not_found', `there is no open terminal ${terminalId}`);
    return entry.terminal;
  }

  async function connect(): Promise<GatewayState> {
    if (!connection) throw new RpcError('unavailable', noProfileState.error!);
    return connection.connect();
  }

  const handlers: Handlers<ClientMethods, SessionState> = {
    'app.info': () => ({ version: options.version, shell: options.shell }),
    'gateway.state': () => currentState(),
    'gateway.connect': () => connect(),
    'gateway.disconnect': async () => (connection ? connection.disconnect() : currentState()),
    'hosts.list': () => requireConnection().request('hosts.list', {}),
    'terminal.open': async ({ host, login, cols, rows }, session) => {
      const gateway = requireConnection();
      const terminalId = `t${nextTerminal++}`;
      const onStatus = (status: TerminalStatusUpdate) => {
        emit(session, 'terminal.status', { terminalId, ...status });
        if (status.status === 'closed' || status.status === 'lost') forget(terminalId);
      };
      const terminal = await openTerminalSession(
        gateway,
        { host, login, cols, rows, highWatermark: options.highWatermark, lowWatermark: options.lowWatermark },
        { onData: (data, bytes) => emit(session, 'terminal.data', { terminalId, data, bytes }), onStatus },
      );
      if (session.closed || closing) {
        // The renderer went away while the channel was opening.
        await terminal.close();
        throw new RpcError('unavailable', 'the session closed while the terminal was opening');
      }
      if (!terminal.ended) {
        terminals.set(terminalId, { session, terminal });
        session.terminals.add(terminalId);
        // Announce 'live' after the response carrying the id has gone out, so the renderer knows the id.
        setImmediate(() => {
          if (!terminal.ended) emit(session, 'terminal.status', { terminalId, status: 'live', message: `connected to ${formatTarget({ login, host })}` });
        });
      }
      return { terminalId };
    },
    'terminal.input': ({ terminalId, data }, session) => {
      terminalOf(session, terminalId).input(data);
      return null;
    },
    'terminal.resize': ({ terminalId, cols, rows }, session) => {
      terminalOf(session, terminalId).resize(cols, rows);
      return null;
    },
    'terminal.ack': ({ terminalId, bytes }, session) => {
      terminalOf(session, terminalId).ack(bytes);
      return null;
    },
    'terminal.close': async ({ terminalId }, session) => {
      const terminal = terminalOf(session, terminalId);
      forget(terminalId);
      await terminal.close();
      return null;
    },
  };
  const dispatcher = createDispatcher(clientMethods, handlers, (method, error) => log(`${method} failed unexpectedly`, error));

  function openSession(): ClientSession {
    const session: SessionState = { listeners: new Set(), terminals: new Set(), closed: false };
    sessions.add(session);
    return {
      dispatch: (raw) =>
        session.closed
          ? Promise.resolve({ type: 'response', id: idOf(raw), ok: false, error: { code: 'unavailable', message: 'this session is closed' } })
          : dispatcher.dispatch(raw, session),
      onEvent(listener) {
        session.listeners.add(listener);
        return () => session.listeners.delete(listener);
      },
      close: () => (session.closed ? Promise.resolve() : closeSession(session)),
    };
  }

  const main = openSession();
  return {
    dispatch: main.dispatch,
    onEvent: main.onEvent,
    openSession,
    connect,
    state: currentState,
    async close() {
      closing = true;
      await Promise.all([...sessions].map((s) => closeSession(s)));
      if (connection) await connection.disconnect();
    },
  };

  async function closeSession(session: SessionState): Promise<void> {
    session.closed = true;
    session.listeners.clear();
    sessions.delete(session);
    const mine = [...session.terminals].map((id) => terminals.get(id)!.terminal);
    for (const id of [...session.terminals]) forget(id);
    await Promise.all(mine.map((t) => t.close()));
  }
}

function idOf(raw: unknown): number {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === 'number' && Number.isInteger(id) && id >= 0 ? id : 0;
}

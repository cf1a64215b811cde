// The client's main side as the renderer sees it: the composition root. Each capability is a
// service in its own folder (./app, ./connection, ./profiles, ./layout-settings, ./hosts,
// ./terminals, ./files) serving its section of the contract; this file makes the shared state (the store,
// the event sink, the gateway connection), registers each service by one line, and runs the
// renderer sessions (Electron IPC or the browser shell's WebSocket). Events are validated here
// before they leave: a bug must not reach the renderer as a malformed event.
import { homedir } from 'node:os';
import { createDispatcher, type Handlers } from '../../shared/rpc/dispatcher';
import type { EventMessage, ResponseMessage } from '../../shared/rpc/protocol';
import { clientEvents, clientMethods, type ClientMethods, type GatewayState } from '../../shared/contract/client-api';
import { createAccessService } from './access/access-service';
import { createInventoryImportService } from './inventory-import/inventory-import-service';
import { createCommandRulesService } from './command-rules/command-rules-service';
import { createLoginRulesService } from './rules/login-rules-service';
import { createDirectoryService } from './directory/directory-service';
import { createAppService, type ShellKind } from './app/app-service';
import { createAuditService } from './audit/audit-service';
import { createBatchService } from './batch/batch-service';
import { joinHandlers, type EventSink, type RendererSession } from './area-service';
import { createConnectionService, type ConnectParams } from './connection/connection-service';
import type { GatewayConnectionOptions } from './connection/gateway-connection';
import { createFilesService } from './files/files-service';
import { createGatewayEventsService } from './gateway-events/gateway-events-service';
import { createMetricsService } from './metrics/metrics-service';
import { createHostsService } from './hosts/hosts-service';
import { createLayoutSettingsService } from './layout-settings/layout-settings-service';
import { createLiveService } from './live/live-service';
import { createProfilesService } from './profiles/profiles-service';
import { createReviewService } from './review/review-service';
import type { ClientStore } from './store/client-store';
import { createTerminalsService } from './terminals/terminals-service';

export type { ShellKind } from './app/app-service';
export type { ConnectParams } from './connection/connection-service';

export interface ClientServiceOptions {
  /** Profiles, trusted host keys, layout, settings. The service does not close it. */
  store: ClientStore;
  shell: ShellKind;
  version: string;
  /** Flow-control watermarks in bytes (defaults in ./terminals/flow-control). */
  highWatermark?: number;
  lowWatermark?: number;
  connection?: GatewayConnectionOptions;
  /** Where unexpected failures are reported (default: console.error). */
  log?: (message: string, error?: unknown) => void;
  /** The user's home: ~/.ssh/config, ~/.ssh/known_hosts and `~` in key paths (default: os.homedir()). */
  home?: string;
  /** ssh-agent's socket (default: SSH_AUTH_SOCK). */
  agentSocket?: string;
  /** System-wide known_hosts files, read after ~/.ssh/known_hosts (default: /etc/ssh/ssh_known_hosts). */
  systemKnownHosts?: string[];
  /** Opens an http(s) URL in the system browser (Electron: shell.openExternal); absent in the browser shell. */
  openExternal?: (url: string) => Promise<void>;
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
  /** Connects to a gateway, as `gateway.connect` does. */
  connect(params?: ConnectParams): Promise<GatewayState>;
  state(): GatewayState;
  /** Answers a file panel transfer's request (its one-time URL under FILE_TRANSFER_PATH); null for any other path. */
  serveFileTransfer(request: Request): Promise<Response> | null;
  /** Closes every session and the gateway connection. */
  close(): Promise<void>;
}

interface SessionState extends RendererSession {
  closed: boolean;
  listeners: Set<(message: EventMessage) => void>;
}

export function createClientService(options: ClientServiceOptions): ClientService {
  const log = options.log ?? ((message, error) => console.error(message, error ?? ''));
  const { store } = options;
  const home = options.home ?? homedir();
  const sessions = new Set<SessionState>();

  const events: EventSink = {
    emit(session, event, payload) {
      const target = session as SessionState;
      if (target.closed) return;
      const parsed = clientEvents[event].safeParse(payload);
      if (!parsed.success) return log(`dropped an invalid ${event} event`, parsed.error);
      const message: EventMessage = { type: 'event', event, payload: parsed.data };
      for (const listener of target.listeners) listener(message);
    },
    broadcast(event, payload) {
      for (const session of sessions) events.emit(session, event, payload);
    },
  };

  const connection = createConnectionService({ ...options, store, events, home, log });
  const files = createFilesService({ connection, events });
  const services = [
    createAppService(options),
    connection,
    createProfilesService({ store, connection, home }),
    createLayoutSettingsService(store),
    createHostsService(connection, store),
    createTerminalsService({ connection, events, highWatermark: options.highWatermark, lowWatermark: options.lowWatermark }),
    createGatewayEventsService({ connection, events }),
    createBatchService(connection),
    createMetricsService(connection),
    createAccessService(connection),
    createInventoryImportService(connection),
    createCommandRulesService(connection),
    createLoginRulesService(connection),
    createDirectoryService(connection),
    files,
    createLiveService(connection),
    createAuditService(connection),
    createReviewService(connection),
  ] as const;
  const handlers: Handlers<ClientMethods, RendererSession> = joinHandlers(services);
  const dispatcher = createDispatcher(clientMethods, handlers, (method, error) => log(`${method} failed unexpectedly`, error));

  function openSession(): ClientSession {
    const session: SessionState = { listeners: new Set(), closed: false };
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

  async function closeSession(session: SessionState): Promise<void> {
    session.closed = true;
    session.listeners.clear();
    sessions.delete(session);
    await Promise.all(services.map((s) => ('closeSession' in s ? s.closeSession?.(session) : undefined)));
  }

  const main = openSession();
  return {
    dispatch: main.dispatch,
    onEvent: main.onEvent,
    openSession,
    connect: connection.connect,
    state: connection.state,
    serveFileTransfer: (request) => files.serveTransfer(request),
    async close() {
      await Promise.all([...sessions].map((s) => closeSession(s)));
      for (const service of services) if ('close' in service) await service.close?.();
    },
  };
}

function idOf(raw: unknown): number {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === 'number' && Number.isInteger(id) && id >= 0 ? id : 0;
}

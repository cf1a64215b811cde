// The client's main side as the renderer sees it: `clientMethods` served by a dispatcher and
// `clientEvents` emitted, over whatever transport the shell provides (Electron IPC or the
// browser shell's WebSocket). Each renderer connection is a session: a terminal belongs to the
// session that opened it, only that session hears its output, and closing the session closes
// its terminals. Gateway state goes to every session. Profiles, trusted host keys, layout and
// settings live in the client store (./store); one gateway connection is open at a time.
import { createDispatcher, type Handlers } from '../../shared/rpc/dispatcher';
import { RpcError, type EventMessage, type EventName, type PayloadOf, type ResponseMessage } from '../../shared/rpc/protocol';
import { clientEvents, clientMethods, type ClientEvents, type ClientMethods, type GatewayState } from '../../shared/contract/client-api';
import type { Profile } from '../../shared/contract/profiles';
import { formatTarget } from '../../shared/contract/target';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createGatewayConnection, type GatewayConnection, type GatewayConnectionOptions, type GatewaySpec } from './gateway-connection';
import { HostListSource } from './host-table-fetch';
import { describeChangedKey, judgeHostKey, presentedKey, type PresentedKey } from './host-trust';
import { knownKeysFor, readKnownHosts } from './known-hosts';
import { resolveAuth } from './profile-auth';
import { readSshConfig } from './ssh-config-import';
import { endpointOf, type ClientStore } from './store/client-store';
import { openTerminalSession, type TerminalSession, type TerminalStatusUpdate } from './terminal-session';

export type ShellKind = 'electron' | 'browser';

export interface ClientServiceOptions {
  /** Profiles, trusted host keys, layout, settings. The service does not close it. */
  store: ClientStore;
  shell: ShellKind;
  version: string;
  /** Flow-control watermarks in bytes (defaults in ./flow-control). */
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
  /**
   * Opens an http(s) URL in the system browser (Electron: shell.openExternal). Absent in the
   * browser shell: app.openExternal then fails with 'unavailable' and the renderer opens the
   * link itself (window.open with noopener), being a browser already.
   */
  openExternal?: (url: string) => Promise<void>;
}

export interface ConnectParams {
  profileId?: string;
  passphrase?: string;
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
  const store = options.store;
  const home = options.home ?? homedir();
  const sessions = new Set<SessionState>();
  const terminals = new Map<string, TerminalEntry>();
  let nextTerminal = 1;
  let closing = false;

  /** The one gateway connection, and the profile it is for. */
  let connection: GatewayConnection | null = null;
  let connectionProfile: Profile | null = null;
  /** The state while there is no connection object (before the first attempt, or a stop before connecting). */
  const lastId = store.lastProfileId();
  let idleState: GatewayState = { status: 'disconnected', ...(lastId && store.getProfile(lastId) ? { profileId: lastId } : {}) };
  /** The host key each profile's gateway presented in its last attempt: trustHostKey accepts only that one. */
  const presented = new Map<string, { endpoint: string; key: PresentedKey; changed: boolean }>();
  /** connect() calls run one at a time, so two clicks never open two connections. */
  let queue: Promise<unknown> = Promise.resolve();
  const hostLists = new HostListSource<SessionState>();

  function emit<N extends EventName<ClientEvents>>(session: SessionState, event: N, payload: PayloadOf<ClientEvents, N>): void {
    if (session.closed) return;
    // Validate what we send: a bug here must not reach the renderer as a malformed event.
    const parsed = clientEvents[event].safeParse(payload);
    if (!parsed.success) return log(`dropped an invalid ${event} event`, parsed.error);
    const message: EventMessage = { type: 'event', event, payload: parsed.data };
    for (const listener of session.listeners) listener(message);
  }

  const currentState = (): GatewayState => connection?.state() ?? idleState;

  function publish(state: GatewayState): void {
    for (const session of sessions) emit(session, 'gateway.state', state);
    if (state.status === 'lost' || state.status === 'disconnected') {
      const reason = state.error ? `the connection to the gateway was lost: ${state.error}` : 'disconnected from the gateway';
      for (const [id, entry] of terminals) {
        entry.terminal.markLost(reason);
        forget(id);
      }
    }
  }

  function setIdle(state: GatewayState): GatewayState {
    idleState = state;
    publish(state);
    return state;
  }

  function forget(terminalId: string): void {
    const entry = terminals.get(terminalId);
    if (!entry) return;
    terminals.delete(terminalId);
    entry.session.terminals.delete(terminalId);
  }

  function requireConnection(): GatewayConnection {
    if (!connection || connection.state().status !== 'connected') {
      const name = connectionProfile ? `gateway "${connectionProfile.name}"` : 'a gateway';
      throw new RpcError('not_connected', `not connected to ${name}: connect first`);
    }
    return connection;
  }

  function askingConnection(): GatewayConnection {
    if (!connection) throw new RpcError('not_found', 'no gateway is asking anything now');
    return connection;
  }

  function requireProfile(id: string): Profile {
    const profile = store.getProfile(id);
    if (!profile) throw new RpcError('not_found', `there is no profile ${id}`);
    return profile;
  }

  function terminalOf(session: SessionState, terminalId: string): TerminalSession {
    const entry = terminals.get(terminalId);
    // Another session's terminal is as unknown to this one as a closed terminal.
    if (!entry || entry.session !== session) throw new RpcError('not_found', `there is no open terminal ${terminalId}`);
    return entry.terminal;
  }

  /** Ends the current connection (its terminals become 'lost'), if it is up or coming up. */
  async function dropConnection(): Promise<void> {
    const old = connection;
    if (!old) return;
    const status = old.state().status;
    if (status === 'connected' || status === 'connecting') await old.disconnect();
    idleState = old.state();
    connection = null;
  }

  function hostKeyJudge(profile: Profile, known: Awaited<ReturnType<typeof readKnownHosts>>): GatewaySpec['verifyHostKey'] {
    const endpoint = endpointOf(profile);
    const knownHere = knownKeysFor(known, profile.host, profile.port);
    return (blob) => {
      const key = presentedKey(blob);
      const verdict = judgeHostKey(key, store.trustedHostKey(endpoint), knownHere);
      presented.set(profile.id, { endpoint, key, changed: !verdict.trusted && verdict.check.status === 'changed' });
      if (verdict.trusted) return { accept: true };
      const message =
        verdict.check.status === 'unknown'
          ? `gateway "${profile.name}" (${endpoint}) presented a host key not seen before (${key.keyType} ${key.fingerprint}): compare it with the one your administrator gave you, then trust it`
          : describeChangedKey(profile.name, endpoint, verdict.check);
      return { accept: false, message, hostKey: verdict.check };
    };
  }

  async function connectNow(params: ConnectParams): Promise<GatewayState> {
    if (closing) throw new RpcError('unavailable', 'the client is shutting down');
    const id = params.profileId ?? connectionProfile?.id ?? store.lastProfileId() ?? soleProfileId();
    if (!id) throw new RpcError('bad_request', 'there is no gateway profile yet: add one (or import ~/.ssh/config), then connect');
    const profile = requireProfile(id);
    if (connection && connectionProfile?.id === id && connection.state().status === 'connected') return connection.state();
    await dropConnection();
    connectionProfile = profile;
    store.setLastProfileId(id);

    const gateway = { name: profile.name, address: endpointOf(profile), user: profile.user };
    const passphrase = params.passphrase ?? store.rememberedPassphrase(id) ?? undefined;
    const resolved = await resolveAuth(profile, { home, agentSocket: options.agentSocket, passphrase }).catch((error: unknown) => {
      setIdle({ status: 'disconnected', profileId: id, gateway, error: (error as Error).message });
      throw error;
    });
    if ('needsPassphrase' in resolved) return setIdle({ status: 'disconnected', profileId: id, gateway, needsPassphrase: true, error: resolved.reason });

    // As OpenSSH: the user's known_hosts, then the system-wide one.
    const known = (await Promise.all([join(home, '.ssh', 'known_hosts'), ...(options.systemKnownHosts ?? ['/etc/ssh/ssh_known_hosts'])].map(readKnownHosts))).flat();
    const conn = createGatewayConnection(
      { profileId: id, name: profile.name, host: profile.host, port: profile.port, user: profile.user, auth: resolved.auth, verifyHostKey: hostKeyJudge(profile, known) },
      { onProtocolError: (d) => log(`gateway protocol error: ${d}`), ...options.connection },
    );
    connection = conn;
    conn.onState((state) => {
      if (connection === conn) publish(state);
    });
    const state = await conn.connect();
    if (state.status === 'connected' && resolved.passphraseUsed && passphrase !== undefined) store.rememberPassphrase(id, passphrase);
    return state;
  }

  function soleProfileId(): string | undefined {
    const all = store.listProfiles();
    return all.length === 1 ? all[0]!.id : undefined;
  }

  function connect(params: ConnectParams = {}): Promise<GatewayState> {
    const run = queue.then(() => connectNow(params));
    queue = run.catch(() => {});
    return run;
  }

  function trustHostKey(profileId: string, fingerprint: string): null {
    const profile = requireProfile(profileId);
    const endpoint = endpointOf(profile);
    const seen = presented.get(profileId);
    if (!seen || seen.endpoint !== endpoint) throw new RpcError('bad_request', `gateway "${profile.name}" has not presented a host key yet: connect first`);
    if (seen.key.fingerprint !== fingerprint) {
      throw new RpcError('bad_request', `${fingerprint} is not the key gateway "${profile.name}" presented (${seen.key.fingerprint}): connect again and compare`);
    }
    // A changed key is never trusted over the old one by this path: forgetting the old one is a separate, deliberate step.
    if (seen.changed) throw new RpcError('denied', `the host key of gateway "${profile.name}" changed: forget the old key first if your administrator confirms the new one`);
    store.trustHostKey(endpoint, seen.key);
    return null;
  }

  async function openExternal(url: string): Promise<null> {
    const protocol = new URL(url).protocol;
    if (protocol !== 'http:' && protocol !== 'https:') throw new RpcError('bad_request', `only http and https links are opened, not ${protocol}`);
    if (!options.openExternal) {
      throw new RpcError('unavailable', 'the browser shell cannot open the system browser: open the link in a new tab (window.open with noopener)');
    }
    await options.openExternal(url);
    return null;
  }

  const handlers: Handlers<ClientMethods, SessionState> = {
    'app.info': () => ({ version: options.version, shell: options.shell }),
    'gateway.state': () => currentState(),
    'gateway.connect': (params) => connect(params),
    'gateway.disconnect': async () => (connection ? connection.disconnect() : currentState()),
    'gateway.trustHostKey': ({ profileId, fingerprint }) => trustHostKey(profileId, fingerprint),
    'gateway.forgetHostKey': ({ profileId }) => {
      store.forgetHostKey(endpointOf(requireProfile(profileId)));
      return null;
    },
    // The gateway's questions at login (e.g. a TOTP code) belong to the attempt under way; answers go straight to it.
    'gateway.answerPrompt': ({ promptId, answers }) => {
      askingConnection().answerPrompt(promptId, answers);
      return null;
    },
    'gateway.cancelPrompt': ({ promptId }) => {
      askingConnection().cancelPrompt(promptId);
      return null;
    },
    'profiles.list': () => store.listProfiles(),
    'profiles.save': ({ id, profile }) => store.saveProfile(id, profile),
    'profiles.remove': async ({ id }) => {
      requireProfile(id);
      if (connectionProfile?.id === id) {
        await dropConnection();
        connectionProfile = null;
        setIdle({ status: 'disconnected' });
      }
      store.removeProfile(id);
      presented.delete(id);
      return null;
    },
    'profiles.importSshConfig': async () => {
      const found = await readSshConfig(home, store.listProfiles());
      const imported: Profile[] = [];
      const skipped = [...found.skipped];
      for (const input of found.profiles) {
        try {
          imported.push(store.saveProfile(undefined, input));
        } catch (error) {
          skipped.push({ host: input.name, reason: (error as Error).message });
        }
      }
      return { imported, skipped };
    },
    'layout.get': () => store.getLayout(),
    'layout.save': ({ layout }) => {
      store.saveLayout(layout);
      return null;
    },
    'settings.get': () => store.getSettings(),
    'settings.save': ({ settings }) => store.saveSettings(settings),
    'app.openExternal': ({ url }) => openExternal(url),
    'hosts.head': ({ rows }, session) => hostLists.head(session, requireConnection(), rows),
    'hosts.list': (_params, session) => hostLists.list(session, requireConnection()),
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
      // The renderer acks after drawing, so an ack can trail the terminal's end: nothing to do then.
      const entry = terminals.get(terminalId);
      if (entry?.session === session) entry.terminal.ack(bytes);
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
      // Cancel an attempt under way, let queued connects see `closing`, then make sure nothing is left open.
      if (connection) await connection.disconnect();
      await queue;
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

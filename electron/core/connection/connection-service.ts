// The "connection & trust" capability: the one gateway connection (one at a time), the trust
// in its host key (our store first, then ~/.ssh/known_hosts and the system-wide file, as
// OpenSSH), and the gateway's questions at login. Other capabilities reach the gateway through
// `connected()` and hear its state through `onState`.
import { why } from '../../../shared/contract/error-reasons';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { RpcError } from '../../../shared/rpc/protocol';
import type { GatewayState, connectionMethods } from '../../../shared/contract/client-api/connection';
import type { Profile } from '../../../shared/contract/profiles';
import type { AreaService, EventSink } from '../area-service';
import { resolveAuth } from '../profiles/profile-auth';
import { endpointOf, type ClientStore } from '../store/client-store';
import { connectionFailed, createGatewayConnection, type GatewayConnection, type GatewayConnectionOptions, type GatewaySpec } from './gateway-connection';
import { judgeHostKey, presentedKey, type PresentedKey } from './host-trust';
import { knownKeysFor, readKnownHosts } from './known-hosts';

export interface ConnectParams {
  profileId?: string;
  passphrase?: string;
}

export interface ConnectionServiceOptions {
  store: ClientStore;
  events: EventSink;
  connection?: GatewayConnectionOptions;
  log: (message: string, error?: unknown) => void;
  /** The user's home: ~/.ssh/known_hosts and `~` in key paths (default: os.homedir()). */
  home?: string;
  /** ssh-agent's socket (default: SSH_AUTH_SOCK). */
  agentSocket?: string;
  /** System-wide known_hosts files, read after ~/.ssh/known_hosts (default: /etc/ssh/ssh_known_hosts). */
  systemKnownHosts?: string[];
}

export interface ConnectionService extends AreaService<typeof connectionMethods> {
  connect(params?: ConnectParams): Promise<GatewayState>;
  state(): GatewayState;
  /** Every state change, after the renderer sessions heard it. */
  onState(listener: (state: GatewayState) => void): () => void;
  /** The live connection, or a `not_connected` RpcError. */
  connected(): GatewayConnection;
  /** A profile is being removed: drop its connection if it is the current one, and what it presented. */
  forgetProfile(profileId: string): Promise<void>;
  /** Refuses new attempts and ends the connection. */
  close(): Promise<void>;
}

export function createConnectionService(options: ConnectionServiceOptions): ConnectionService {
  const { store, events } = options;
  const home = options.home ?? homedir();
  const listeners = new Set<(state: GatewayState) => void>();
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

  const currentState = (): GatewayState => connection?.state() ?? idleState;

  function publish(state: GatewayState): void {
    events.broadcast('gateway.state', state);
    for (const listener of listeners) listener(state);
  }

  function setIdle(state: GatewayState): GatewayState {
    idleState = state;
    publish(state);
    return state;
  }

  function requireProfile(id: string): Profile {
    const profile = store.getProfile(id);
    if (!profile) throw new RpcError('not_found', `there is no profile ${id}`, why('client.profile_not_found', { id }));
    return profile;
  }

  function askingConnection(): GatewayConnection {
    if (!connection) throw new RpcError('not_found', 'no gateway is asking anything now');
    return connection;
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
      return verdict.trusted ? { accept: true } : { accept: false, hostKey: verdict.check };
    };
  }

  async function connectNow(params: ConnectParams): Promise<GatewayState> {
    if (closing) throw new RpcError('unavailable', 'the client is shutting down', why('client.shutting_down'));
    const id = params.profileId ?? connectionProfile?.id ?? store.lastProfileId() ?? soleProfileId();
    if (!id) throw new RpcError('bad_request', 'there is no gateway profile yet: add one (or import ~/.ssh/config), then connect', why('client.no_profile'));
    const profile = requireProfile(id);
    if (connection && connectionProfile?.id === id && connection.state().status === 'connected') return connection.state();
    await dropConnection();
    connectionProfile = profile;
    store.setLastProfileId(id);

    const gateway = { name: profile.name, address: endpointOf(profile), user: profile.user };
    const passphrase = params.passphrase ?? store.rememberedPassphrase(id) ?? undefined;
    const resolved = await resolveAuth(profile, { home, agentSocket: options.agentSocket, passphrase });
    if ('problem' in resolved) {
      const state = setIdle({ status: 'disconnected', profileId: id, gateway, error: resolved.problem, ...(resolved.needsPassphrase ? { needsPassphrase: true } : {}) });
      // A passphrase to ask for is a question, not a failure.
      if (resolved.needsPassphrase) return state;
      throw connectionFailed(resolved.problem);
    }

    // As OpenSSH: the user's known_hosts, then the system-wide one.
    const known = (await Promise.all([join(home, '.ssh', 'known_hosts'), ...(options.systemKnownHosts ?? ['/etc/ssh/ssh_known_hosts'])].map(readKnownHosts))).flat();
    const conn = createGatewayConnection(
      { profileId: id, name: profile.name, host: profile.host, port: profile.port, user: profile.user, auth: resolved.auth, verifyHostKey: hostKeyJudge(profile, known) },
      { onProtocolError: (d) => options.log(`gateway protocol error: ${d}`), ...options.connection },
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
    if (seen.changed) throw new RpcError('denied', `the host key of gateway "${profile.name}" changed: forget the old key first if your administrator confirms the new one`, why('client.host_key_changed', { gateway: profile.name }));
    store.trustHostKey(endpoint, seen.key);
    return null;
  }

  return {
    handlers: {
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
    },
    connect,
    state: currentState,
    onState(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    connected() {
      if (!connection || connection.state().status !== 'connected') {
        const name = connectionProfile ? `gateway "${connectionProfile.name}"` : 'a gateway';
        throw new RpcError('not_connected', `not connected to ${name}: connect first`, why('client.not_connected', { gateway: name }));
      }
      return connection;
    },
    async forgetProfile(profileId) {
      if (connectionProfile?.id === profileId) {
        await dropConnection();
        connectionProfile = null;
        setIdle({ status: 'disconnected' });
      }
      presented.delete(profileId);
    },
    async close() {
      closing = true;
      // Cancel an attempt under way, let queued connects see `closing`, then make sure nothing is left open.
      if (connection) await connection.disconnect();
      await queue;
      if (connection) await connection.disconnect();
    },
  };
}

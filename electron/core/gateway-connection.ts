// One SSH connection to one gateway: has the gateway's host key judged (see ./host-trust),
// authenticates with the user's key or ssh-agent, opens the `portcullis-api` subsystem and offers
// a typed API client over it, and opens terminal channels on the same connection. Reports its
// state for people to read. One object per attempt's settings (the client service makes a new one
// when the profile changes); connect() after 'lost' reconnects with the same settings.
// Default import: ssh2 is CommonJS and Node's ESM loader does not see its named exports.
import ssh2, { type ClientChannel } from 'ssh2';
import { attachNdjson, type NdjsonConnection } from '../../shared/node/ndjson';
import { capChannelWindow, INTERACTIVE_WINDOW, openWithSmallWindow } from '../../shared/node/ssh-window';
import { createRpcClient, type RpcClient } from '../../shared/rpc/client';
import { RpcError, type MethodName, type ParamsOf, type ResultOf } from '../../shared/rpc/protocol';
import type { GatewayState } from '../../shared/contract/client-api';
import { GATEWAY_API_MAX_LINE, GATEWAY_API_MAX_RESPONSE_LINE, GATEWAY_API_SUBSYSTEM, gatewayEvents, gatewayMethods, type GatewayMethods } from '../../shared/contract/gateway-api';
import { TARGET_ENV, formatTarget, type Target } from '../../shared/contract/target';
import type { HostKeyCheck } from '../../shared/contract/profiles';

export interface ShellOptions {
  cols: number;
  rows: number;
  term?: string;
  /**
   * Called with the channel as soon as it opens, before the promise settles: a refusal's data,
   * exit status and close can arrive in the same read as the open confirmation, and listeners
   * attached after an `await` would miss them.
   */
  attach?: (channel: ClientChannel) => void;
}

export interface GatewayConnection {
  state(): GatewayState;
  /** Called on every state change. Returns an unsubscribe function. */
  onState(listener: (state: GatewayState) => void): () => void;
  /** Connects (or joins an attempt under way). Rejects with an RpcError a person can read. */
  connect(): Promise<GatewayState>;
  disconnect(): Promise<GatewayState>;
  /** Calls the gateway's API; rejects with `not_connected` when there is no live connection. */
  request<M extends MethodName<GatewayMethods>>(method: M, params: ParamsOf<GatewayMethods, M>): Promise<ResultOf<GatewayMethods, M>>;
  /** Opens a session channel with a pty and a shell on `target`. */
  openShell(target: Target, options: ShellOptions): Promise<ClientChannel>;
}

/** Everything one connection needs, resolved by the client service from a profile. */
export interface GatewaySpec {
  profileId?: string;
  name: string;
  host: string;
  port: number;
  user: string;
  auth: { privateKey: string; passphrase?: string } | { agent: string };
  /** Judges the host key the gateway presents; a refusal carries what the renderer shows. */
  verifyHostKey(blob: Buffer): { accept: true } | { accept: false; message: string; hostKey: HostKeyCheck };
}

export interface GatewayConnectionOptions {
  /** How long the whole handshake may take. */
  readyTimeoutMs?: number;
  /** Keepalives detect a dead gateway: lost after interval × countMax without an answer. */
  keepaliveIntervalMs?: number;
  keepaliveCountMax?: number;
  onProtocolError?: (description: string) => void;
}

interface Live {
  ssh: ssh2.Client;
  api: RpcClient<GatewayMethods, typeof gatewayEvents>;
  channel: NdjsonConnection;
}

export function createGatewayConnection(profile: GatewaySpec, options: GatewayConnectionOptions = {}): GatewayConnection {
  const gateway = { name: profile.name, address: `${profile.host}:${profile.port}`, user: profile.user };
  const base = { ...(profile.profileId ? { profileId: profile.profileId } : {}), gateway };
  let state: GatewayState = { status: 'disconnected', ...base };
  let live: Live | null = null;
  let attempt: Promise<GatewayState> | null = null;
  /** Ends the attempt under way, if any (disconnect while connecting). */
  let cancelAttempt: (() => void) | null = null;
  const listeners = new Set<(state: GatewayState) => void>();

  function setState(next: GatewayState): void {
    state = next;
    for (const listener of listeners) listener(state);
  }

  function attemptConnection(): Promise<GatewayState> {
    return new Promise<GatewayState>((resolve, reject) => {
      const ssh = new ssh2.Client();
      /** Set when we end the attempt ourselves (host key mismatch, cancel): the reason people should see. */
      let refusal: string | null = null;
      let hostKey: HostKeyCheck | undefined;
      let settled = false;
      cancelAttempt = () => {
        refusal ??= 'the connection attempt was cancelled';
        ssh.end();
      };
      setState({ status: 'connecting', ...base });

      // Before `ready`: the attempt failed. After it: the connection was lost.
      const fail = (reason: string) => {
        if (live?.ssh === ssh) {
          live.api.failAll(new RpcError('not_connected', `the connection to gateway "${profile.name}" was lost: ${reason}`));
          live = null;
          setState({ status: 'lost', ...base, error: reason });
        } else if (!settled) {
          settled = true;
          setState({ status: 'disconnected', ...base, error: reason, ...(hostKey ? { hostKey } : {}) });
          // An unknown host key is a question for the user, not a failure: resolve with the state that asks it.
          if (hostKey?.status === 'unknown') resolve(state);
          else reject(new RpcError('not_connected', reason));
        }
        ssh.end();
      };

      ssh.on('error', (error) => fail(refusal ?? describeSshError(error, profile)));
      ssh.on('close', () => fail(refusal ?? 'the gateway closed the connection'));
      ssh.on('ready', () => {
        ssh.subsys(GATEWAY_API_SUBSYSTEM, (error, stream) => {
          if (error) return fail(`the gateway did not open its API (${error.message})`);
          // Requests are small: a full write buffer only delays them, so send's backpressure signal is not needed.
          const api = createRpcClient(gatewayMethods, gatewayEvents, (message) => void channel.send(message), options.onProtocolError);
          const channel = attachNdjson(stream, {
            maxLine: GATEWAY_API_MAX_RESPONSE_LINE,
            maxSendLine: GATEWAY_API_MAX_LINE,
            onMessage: (message) => api.receive(message),
            onError: (error) => options.onProtocolError?.(`gateway API: ${error.message}`),
            onClose: () => fail('the gateway closed its API channel'),
          });
          live = { ssh, api, channel };
          settled = true;
          setState({ status: 'connected', ...base });
          resolve(state);
        });
      });

      ssh.connect({
        host: profile.host,
        port: profile.port,
        username: profile.user,
        ...('agent' in profile.auth ? { agent: profile.auth.agent } : { privateKey: profile.auth.privateKey, passphrase: profile.auth.passphrase }),
        readyTimeout: options.readyTimeoutMs ?? 20_000,
        keepaliveInterval: options.keepaliveIntervalMs ?? 15_000,
        keepaliveCountMax: options.keepaliveCountMax ?? 3,
        hostVerifier: (key: Buffer) => {
          const verdict = profile.verifyHostKey(key);
          if (verdict.accept) return true;
          refusal = verdict.message;
          hostKey = verdict.hostKey;
          return false;
        },
      });
    }).finally(() => {
      attempt = null;
      cancelAttempt = null;
    });
  }

  return {
    state: () => state,
    onState(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    connect() {
      if (live) return Promise.resolve(state);
      attempt ??= attemptConnection();
      return attempt;
    },
    async disconnect() {
      cancelAttempt?.();
      const current = live;
      live = null;
      if (current) {
        current.api.failAll(new RpcError('not_connected', `disconnected from gateway "${profile.name}"`));
        const closed = new Promise<void>((resolve) => current.ssh.once('close', () => resolve()));
        current.channel.close();
        current.ssh.end();
        await closed;
      }
      setState({ status: 'disconnected', ...base });
      return state;
    },
    request(method, params) {
      if (!live) return Promise.reject(notConnected(profile));
      return live.api.request(method, params);
    },
    openShell(target, { cols, rows, term = 'xterm-256color', attach }) {
      const current = live;
      if (!current) return Promise.reject(notConnected(profile));
      return new Promise((resolve, reject) => {
        // Little output in flight on this hop from the start, so Ctrl+C reaches the screen quickly (shared/node/ssh-window).
        openWithSmallWindow(current.ssh, () =>
          current.ssh.shell({ term, cols, rows }, { env: { [TARGET_ENV]: formatTarget(target) } }, (error, channel) => {
            if (error) return reject(new RpcError('upstream', `the gateway refused a terminal to ${formatTarget(target)}: ${error.message}`));
            capChannelWindow(current.ssh, channel, INTERACTIVE_WINDOW, { openedWith: INTERACTIVE_WINDOW });
            attach?.(channel);
            resolve(channel);
          }),
        );
      });
    },
  };
}

function notConnected(profile: GatewaySpec): RpcError {
  return new RpcError('not_connected', `not connected to gateway "${profile.name}"`);
}

/** Plain-language reasons for the failures people actually meet. */
function describeSshError(error: Error & { level?: string; code?: string }, profile: GatewaySpec): string {
  const where = `${profile.host}:${profile.port}`;
  if (error.level === 'client-authentication') {
    const what = 'agent' in profile.auth ? 'any key offered by ssh-agent' : 'the key';
    return `gateway "${profile.name}" did not accept ${what} for user "${profile.user}"`;
  }
  if (error.level === 'agent') return `ssh-agent could not be used (${error.message}): is it running, and is SSH_AUTH_SOCK right?`;
  if (error.level === 'client-timeout') return `gateway "${profile.name}" (${where}) did not answer in time`;
  if (error.code === 'ECONNREFUSED') return `nothing is listening at ${where} (gateway "${profile.name}")`;
  if (error.code === 'ENOTFOUND') return `the gateway host "${profile.host}" is unknown`;
  return `cannot reach gateway "${profile.name}" (${where}): ${error.message}`;
}

// One SSH connection to one gateway: has the gateway's host key judged (see ./host-trust),
// authenticates with the user's key or ssh-agent (then has the person answer the gateway's
// keyboard-interactive questions, e.g. a TOTP code: see ./auth-prompts), opens the
// `portcullis-api` subsystem and offers a typed API client over it, and opens terminal channels
// on the same connection. Reports its state, with failures as codes and facts (ConnectionError). One object per attempt's
// settings (the client service makes a new one when the profile changes); connect() after 'lost'
// reconnects with the same settings.
// Default import: ssh2 is CommonJS and Node's ESM loader does not see its named exports.
import { why } from '../../../shared/contract/error-reasons';
import ssh2, { type AnyAuthMethod, type AuthHandlerMiddleware, type ClientChannel, type KeyboardInteractiveAuthMethod, type SFTPWrapper } from 'ssh2';
import { AUTH_PROMPT_LIMITS } from '../../../shared/contract/auth-prompt';
import { captureSftpStderr } from './sftp-stderr';
import { openApiChannel } from './api-channel';
import { createAuthPrompts, DEFAULT_PROMPT_TIMEOUT_MS, type AuthPrompts, type PromptOutcome } from './auth-prompts';
import { attachNdjson, type NdjsonConnection } from '../../../shared/node/ndjson';
import { capChannelWindow, INTERACTIVE_WINDOW, openWithSmallWindow } from '../../../shared/node/ssh-window';
import { createRpcClient, type RpcClient } from '../../../shared/rpc/client';
import { RpcError, type MethodName, type ParamsOf, type ResultOf } from '../../../shared/rpc/protocol';
import type { ConnectionError, GatewayState } from '../../../shared/contract/client-api';
import { GATEWAY_API_MAX_LINE, GATEWAY_API_MAX_RESPONSE_LINE, GATEWAY_API_SUBSYSTEM, gatewayEvents, gatewayMethods, type GatewayMethods } from '../../../shared/contract/gateway-api';
import { REFUSAL_TAG_ENV, type LoginRuleRefusal } from '../../../shared/contract/refusal';
import { TARGET_ENV, formatTarget, type Target } from '../../../shared/contract/target';
import type { HostKeyCheck } from '../../../shared/contract/profiles';

export interface ShellOptions {
  cols: number;
  rows: number;
  term?: string;
  /** Sent as REFUSAL_TAG_ENV: the gateway then marks a refusal of this channel (shared/contract/refusal.ts). */
  refusalTag?: string;
  /**
   * Called with the channel as soon as it opens, before the promise settles: a refusal's data,
   * exit status and close can arrive in the same read as the open confirmation, and listeners
   * attached after an `await` would miss them.
   */
  attach?: (channel: ClientChannel) => void;
}

/** An SFTP session on a target, or why it did not start: the start of the channel's stderr (the gateway's refusal). */
export type SftpOpening = { ok: true; sftp: SFTPWrapper } | { ok: false; stderr: string; detail: string };

/** How much of a failed SFTP channel's stderr is kept: the refusal marker and the gateway's message. */
const SFTP_STDERR_KEPT = 4096;

export interface GatewayConnection {
  state(): GatewayState;
  /** Called on every state change. Returns an unsubscribe function. */
  onState(listener: (state: GatewayState) => void): () => void;
  /** Connects (or joins an attempt under way). Rejects with a `not_connected` RpcError; why is in `state().error`. */
  connect(): Promise<GatewayState>;
  disconnect(): Promise<GatewayState>;
  /** Calls the gateway's API; rejects with `not_connected` when there is no live connection. */
  request<M extends MethodName<GatewayMethods>>(method: M, params: ParamsOf<GatewayMethods, M>): Promise<ResultOf<GatewayMethods, M>>;
  /** Every event the gateway pushes (validated), across reconnects. Returns an unsubscribe function. */
  onEvent(listener: (event: string, payload: unknown) => void): () => void;
  /** Opens a session channel with a pty and a shell on `target`. */
  openShell(target: Target, options: ShellOptions): Promise<ClientChannel>;
  /** Opens a session channel running the `sftp` subsystem on `target` (one opening at a time per connection). */
  openSftp(target: Target, refusalTag: string): Promise<SftpOpening>;
  /** Answers the gateway's open question (`state().prompt`); throws an RpcError if it is not open. */
  answerPrompt(promptId: string, answers: string[]): void;
  /** Declines the open question: the attempt fails with a plain reason. */
  cancelPrompt(promptId: string): void;
}

/** Everything one connection needs, resolved by the client service from a profile. */
export interface GatewaySpec {
  profileId?: string;
  name: string;
  host: string;
  port: number;
  user: string;
  auth: { privateKey: string; passphrase?: string } | { agent: string };
  /** Judges the host key the gateway presents; a refusal carries the facts the renderer shows. */
  verifyHostKey(blob: Buffer): { accept: true } | { accept: false; hostKey: HostKeyCheck };
}

export interface GatewayConnectionOptions {
  /** How long the handshake may take, not counting the time a person spends answering the gateway's questions. */
  readyTimeoutMs?: number;
  /** How long a gateway question (e.g. a TOTP code) waits for an answer (default 2 minutes). */
  promptTimeoutMs?: number;
  /** Keepalives detect a dead gateway: lost after interval × countMax without an answer. */
  keepaliveIntervalMs?: number;
  keepaliveCountMax?: number;
  onProtocolError?: (description: string) => void;
}

interface Live {
  ssh: ssh2.Client;
  api: RpcClient<GatewayMethods, typeof gatewayEvents>;
  channel: NdjsonConnection;
  /** Where the stderr of the SFTP channel being opened goes (openSftp opens one at a time). */
  sftpStderr: ((chunk: Buffer) => void) | null;
  sftpOpenings: Promise<unknown>;
}

export function createGatewayConnection(profile: GatewaySpec, options: GatewayConnectionOptions = {}): GatewayConnection {
  const gateway = { name: profile.name, address: `${profile.host}:${profile.port}`, user: profile.user };
  const base = { ...(profile.profileId ? { profileId: profile.profileId } : {}), gateway };
  let state: GatewayState = { status: 'disconnected', ...base };
  let live: Live | null = null;
  let attempt: Promise<GatewayState> | null = null;
  /** Ends the attempt under way, if any (disconnect while connecting). */
  let cancelAttempt: (() => void) | null = null;
  /** The questions of the attempt under way (keyboard-interactive). */
  let questions: AuthPrompts | null = null;
  const listeners = new Set<(state: GatewayState) => void>();
  const eventListeners = new Set<(event: string, payload: unknown) => void>();

  function setState(next: GatewayState): void {
    state = next;
    for (const listener of listeners) listener(state);
  }

  function attemptConnection(): Promise<GatewayState> {
    return new Promise<GatewayState>((resolve, reject) => {
      const ssh = new ssh2.Client();
      /** Set when we end the attempt ourselves (host key mismatch, cancel): the reason to report. */
      let refusal: ConnectionError | null = null;
      let hostKey: HostKeyCheck | undefined;
      let settled = false;
      cancelAttempt = () => {
        refusal ??= { code: 'cancelled' };
        ssh.end();
      };
      // Our own handshake timer instead of ssh2's readyTimeout, so that it stops while a person answers a question.
      const readyTimeoutMs = options.readyTimeoutMs ?? 20_000;
      let handshakeTimer: NodeJS.Timeout | undefined;
      const armHandshakeTimer = () => {
        clearTimeout(handshakeTimer);
        handshakeTimer = setTimeout(() => {
          refusal ??= { code: 'timeout' };
          ssh.destroy();
        }, readyTimeoutMs);
      };
      const asked = createAuthPrompts({
        timeoutMs: options.promptTimeoutMs,
        onChange: () => {
          const prompt = asked.current();
          if (!settled) setState({ status: 'connecting', ...base, ...(prompt ? { prompt } : {}) });
        },
      });
      questions = asked;
      const secondFactor = { asked: false, answered: false };
      const onQuestion: KeyboardInteractiveAuthMethod['prompt'] = (name, instructions, _lang, prompts, finish) => {
        secondFactor.asked = true;
        clearTimeout(handshakeTimer);
        void asked.ask({ name, instructions, prompts }).then((outcome) => {
          if ('answers' in outcome) {
            secondFactor.answered = true;
            armHandshakeTimer();
            return finish(outcome.answers);
          }
          if (outcome.ended === 'aborted') return; // the attempt is ending already, with its own reason
          refusal ??= unanswered(outcome, options.promptTimeoutMs);
          armHandshakeTimer(); // a gateway that does not close after our goodbye is cut
          ssh.end();
        });
      };
      setState({ status: 'connecting', ...base });

      // Before `ready`: the attempt failed. After it: the connection was lost.
      const fail = (reason: ConnectionError) => {
        clearTimeout(handshakeTimer);
        if (live?.ssh === ssh) {
          live.api.failAll(new RpcError('not_connected', `the connection to gateway "${profile.name}" was lost (${reason.code})`, why('client.connection_lost', { gateway: profile.name, cause: reason.code })));
          live = null;
          // A refused login was never a connection to lose: the sign-in failed.
          setState(reason.code === 'login_refused' ? { status: 'disconnected', ...base, error: reason } : { status: 'lost', ...base, error: asLoss(reason) });
        } else if (!settled) {
          settled = true;
          setState({ status: 'disconnected', ...base, error: reason, ...(hostKey ? { hostKey } : {}) });
          // An unknown host key is a question for the user, not a failure: resolve with the state that asks it.
          if (hostKey?.status === 'unknown') resolve(state);
          else reject(connectionFailed(reason));
        }
        asked.abort(); // after the state above, so no question outlives the attempt
        ssh.end();
      };

      ssh.on('error', (error) => fail(refusal ?? sshFailure(error, profile)));
      ssh.on('close', () => fail(refusal ?? { code: asked.current() ? 'closed_while_asking' : 'gateway_closed' }));
      ssh.on('ready', () => {
        clearTimeout(handshakeTimer);
        // A login rule's refusal is told on the API channel (its marker, then the channel closes).
        const loginRefused = (loginRule: LoginRuleRefusal | undefined) => (refusal ??= { code: 'login_refused', ...(loginRule && { loginRule }) });
        openApiChannel(ssh, GATEWAY_API_SUBSYSTEM, loginRefused, (error, stream) => {
          if (error || !stream) return fail({ code: 'api_refused', detail: error?.message ?? 'no channel' });
          // Requests are small: a full write buffer only delays them, so send's backpressure signal is not needed.
          const api = createRpcClient(gatewayMethods, gatewayEvents, (message) => void channel.send(message), options.onProtocolError);
          const channel = attachNdjson(stream, {
            maxLine: GATEWAY_API_MAX_RESPONSE_LINE,
            maxSendLine: GATEWAY_API_MAX_LINE,
            onMessage: (message) => api.receive(message),
            onError: (error) => options.onProtocolError?.(`gateway API: ${error.message}`),
            onClose: () => fail(refusal ?? { code: 'api_closed' }),
          });
          api.onEvent((event, payload) => eventListeners.forEach((listener) => listener(event, payload)));
          live = { ssh, api, channel, sftpStderr: null, sftpOpenings: Promise.resolve() };
          settled = true;
          setState({ status: 'connected', ...base });
          resolve(state);
        });
      });

      ssh.connect({
        host: profile.host,
        port: profile.port,
        username: profile.user,
        authHandler: authSteps(profile, onQuestion, () => {
          if (secondFactor.answered) refusal ??= { code: 'code_refused' };
          else if (secondFactor.asked) refusal ??= { code: 'sign_in_refused' };
        }),
        readyTimeout: 0,
        keepaliveInterval: options.keepaliveIntervalMs ?? 15_000,
        keepaliveCountMax: options.keepaliveCountMax ?? 3,
        hostVerifier: (key: Buffer) => {
          const verdict = profile.verifyHostKey(key);
          if (verdict.accept) return true;
          refusal = { code: verdict.hostKey.status === 'unknown' ? 'host_key_unknown' : 'host_key_changed' };
          hostKey = verdict.hostKey;
          return false;
        },
      });
      armHandshakeTimer();
    }).finally(() => {
      attempt = null;
      cancelAttempt = null;
      questions = null;
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
        current.api.failAll(new RpcError('not_connected', `disconnected from gateway "${profile.name}"`, why('client.disconnected', { gateway: profile.name })));
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
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    openShell(target, { cols, rows, term = 'xterm-256color', refusalTag, attach }) {
      const current = live;
      if (!current) return Promise.reject(notConnected(profile));
      return new Promise((resolve, reject) => {
        // Little output in flight on this hop from the start, so Ctrl+C reaches the screen quickly (shared/node/ssh-window).
        openWithSmallWindow(current.ssh, () =>
          current.ssh.shell({ term, cols, rows }, { env: { [TARGET_ENV]: formatTarget(target), ...(refusalTag ? { [REFUSAL_TAG_ENV]: refusalTag } : {}) } }, (error, channel) => {
            if (error) return reject(new RpcError('upstream', `the gateway refused a terminal to ${formatTarget(target)}: ${error.message}`, why('client.terminal_refused', { target: formatTarget(target) })));
            capChannelWindow(current.ssh, channel, INTERACTIVE_WINDOW, { openedWith: INTERACTIVE_WINDOW });
            attach?.(channel);
            resolve(channel);
          }),
        );
      });
    },
    openSftp(target, refusalTag) {
      const current = live;
      if (!current) return Promise.reject(notConnected(profile));
      const opening = current.sftpOpenings.then(() => openSftpChannel(current, target, refusalTag));
      current.sftpOpenings = opening.catch(() => {});
      return opening;
    },
    answerPrompt(promptId, answers) {
      openQuestions().answer(promptId, answers);
    },
    cancelPrompt(promptId) {
      openQuestions().cancel(promptId);
    },
  };

  function openQuestions(): AuthPrompts {
    if (!questions) throw new RpcError('not_found', `gateway "${profile.name}" is not asking anything now`, why('client.not_asking', { gateway: profile.name }));
    return questions;
  }
}

function openSftpChannel(current: Live, target: Target, refusalTag: string): Promise<SftpOpening> {
  const stderr: Buffer[] = [];
  let kept = 0;
  const hook = captureSftpStderr(current.ssh, (chunk) => current.sftpStderr?.(chunk));
  current.sftpStderr = (chunk) => {
    if (kept >= SFTP_STDERR_KEPT) return;
    stderr.push(chunk.subarray(0, SFTP_STDERR_KEPT - kept));
    kept += chunk.length;
  };
  const env = { [TARGET_ENV]: formatTarget(target), ...(hook.installed ? { [REFUSAL_TAG_ENV]: refusalTag } : {}) };
  return new Promise<SftpOpening>((resolve) => {
    // ssh2 takes the environment as sftp's first argument (its types omit it).
    const sftp = current.ssh.sftp.bind(current.ssh) as unknown as (env: Record<string, string>, cb: (error: Error | undefined, sftp: SFTPWrapper) => void) => void;
    sftp(env, (error, session) => {
      current.sftpStderr = null;
      if (error) resolve({ ok: false, stderr: Buffer.concat(stderr).toString('utf8'), detail: error.message });
      else resolve({ ok: true, sftp: session });
    });
  });
}

/**
 * The login steps, as OpenSSH takes them: the key (or ssh-agent's keys); then, if the gateway
 * accepted it and asks for more (partial success), one round of keyboard-interactive answered by
 * the person. Anything else ends the attempt: `onGiveUp` lets the caller name why first.
 * ssh2 does not pass on the gateway's answer to ssh-agent keys (methodsLeft stays null), so after
 * those keyboard-interactive is simply offered: a gateway that accepted no key refuses it without
 * asking anything (ours does), and the attempt ends as a refused key.
 */
function authSteps(profile: GatewaySpec, prompt: KeyboardInteractiveAuthMethod['prompt'], onGiveUp: () => void): AuthHandlerMiddleware {
  const username = profile.user;
  let step: 'key' | 'second factor' | 'done' = 'key';
  return (methodsLeft, partialSuccess, next) => {
    const give = next as (method: AnyAuthMethod | false) => void; // ssh2 takes `false` for "no more methods"
    if (step === 'key') {
      step = 'second factor';
      return give('agent' in profile.auth ? { type: 'agent', username, agent: profile.auth.agent } : { type: 'publickey', username, key: profile.auth.privateKey, passphrase: profile.auth.passphrase });
    }
    const agentOutcomeUnknown = 'agent' in profile.auth && methodsLeft === null;
    if (step === 'second factor' && ((partialSuccess && methodsLeft?.includes('keyboard-interactive')) || agentOutcomeUnknown)) {
      step = 'done';
      return give({ type: 'keyboard-interactive', username, prompt });
    }
    step = 'done';
    onGiveUp();
    give(false);
  };
}

/** Why the attempt stopped when the person did not answer the gateway's question. */
function unanswered(outcome: Exclude<PromptOutcome, { answers: string[] }>, timeoutMs = DEFAULT_PROMPT_TIMEOUT_MS): ConnectionError {
  if (outcome.ended === 'cancelled') return { code: 'prompt_cancelled' };
  if (outcome.ended === 'timeout') return { code: 'prompt_timeout', seconds: Math.max(1, Math.round(timeoutMs / 1000)) };
  return { code: 'too_many_prompts', limit: AUTH_PROMPT_LIMITS.prompts };
}

/** The rejection of a failed attempt: for code and logs; people read `state().error`, worded by the renderer. */
export function connectionFailed(error: ConnectionError): RpcError {
  return new RpcError('not_connected', `the connection attempt failed (${error.code}${error.detail ? `: ${error.detail}` : ''})`, why('client.connect_failed', { cause: error.code }));
}

function notConnected(profile: GatewaySpec): RpcError {
  return new RpcError('not_connected', `not connected to gateway "${profile.name}"`, why('client.not_connected', { gateway: profile.name }));
}

/**
 * A failure of a connection that was up is a loss, not a failure to reach: the network errors of
 * an attempt ('unreachable', 'timeout') would say "cannot reach" of a gateway that was reached.
 */
export function asLoss(error: ConnectionError): ConnectionError {
  if (error.code === 'unreachable') return { code: 'connection_cut', ...(error.detail ? { detail: error.detail } : {}) };
  if (error.code === 'timeout') return { code: 'gateway_silent' };
  return error;
}

/** The facts of the failures people actually meet. */
function sshFailure(error: Error & { level?: string; code?: string }, profile: GatewaySpec): ConnectionError {
  if (error.level === 'client-authentication') return { code: 'key_refused', auth: 'agent' in profile.auth ? 'agent' : 'key' };
  if (error.level === 'agent') return { code: 'agent_failed', detail: error.message };
  if (error.level === 'client-timeout') return { code: 'timeout' };
  if (error.code === 'ECONNREFUSED') return { code: 'connection_refused' };
  if (error.code === 'ENOTFOUND') return { code: 'unknown_host' };
  return { code: 'unreachable', detail: error.message };
}

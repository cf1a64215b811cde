// The gateway's session core: runs one target session for a user, whatever is in front of it. It
// resolves the target, decides access (deny by default), connects upstream, records (through the
// lifecycle), relays, watches liveness and audits; the user's side is a ClientSide (the SSH adapter's
// channel, a batch job's exec, a test's plain streams). Live sessions are kept in a registry.
//
//   const handle = core.open({ user, target: 'root@web-01', kind: 'exec', command }, clientSide);
//   handle.end({ endedBy: 'terminated', by: 'sam' });  await handle.done;
import type { Client, ClientChannel, PseudoTtyOptions } from 'ssh2';
import { refusalMarkerLine, type RefusalReason } from '../../../../shared/contract/refusal';
import { formatTarget, parseTarget, type Target } from '../../../../shared/contract/target';
import { capChannelWindow, INTERACTIVE_WINDOW, openWithSmallWindow } from '../../../../shared/node/ssh-window';
import type { Access } from '../../access';
import type { Liveness } from '../../liveness';
import type { Logger } from '../../logger';
import { gateShellInput, hitText, ScreenLine, type CommandGuard } from '../../rules/command';
import type { Store } from '../../store';
import { DEFAULT_SFTP_LIMITS, relaySftp, type SftpLimits } from '../../transfer';
import type { EndCause } from '../end-cause';
import type { SessionLifecycle, SessionTap } from '../lifecycle';
import type { ExitInfo } from '../outcome';
import { newSessionId, type SessionKind } from '../repo';
import type { ClientSide } from './client-side';
import type { HandshakeSlots, ReleaseSlot } from './handshake-slots';
import type { SessionHandle, SessionResult, TerminalSize } from './handle';
import { createSessionRegistry, type LiveSessionEntry, type SessionRegistry } from './registry';
import { relay, watchExit, type Relay } from './relay';
import { connectTarget, decideTarget, deniedText, unusableMessage, type UsableTarget } from './target';

export interface SessionCoreDeps {
  store: Store;
  access: Access;
  logger: Logger;
  /** Ends live sessions whose access ends (grant expired or revoked), with a warning first. */
  liveness?: Liveness;
  /** Sessions table, recording and command log; none in bare tests. */
  lifecycle?: SessionLifecycle;
  /** Limits of `sftp` sessions (transfer.policy allow); DEFAULT_SFTP_LIMITS when absent. */
  sftp?: SftpLimits;
  /** Command rules (rules/command): checked on exec commands before the target is reached, and on each line typed into a shell. */
  commandGuard?: CommandGuard;
  /** Bounds the SSH handshakes to targets in progress (./handshake-slots.ts); none: no bound. */
  handshakes?: HandshakeSlots;
  /** How long the handshake to a target may take once started (connect → ready); default 15 s. */
  upstreamReadyTimeoutMs?: number;
}

export interface SessionRequest {
  user: string;
  /** Where the user came from (`ip:port`), for the log. */
  source?: string;
  /** LOGIN@HOST, as the user named it. */
  target: string;
  kind: SessionKind;
  /** The exec's command line. */
  command?: string;
  /** What the exec reads on stdin as a script (a batch job's): checked by the command rules too. */
  script?: string;
  /** A terminal on the target (sizes already within shared/contract/terminal-limits.ts). */
  pty?: PseudoTtyOptions;
  /** The client's refusal tag (shared/contract/refusal.ts): a refusal then starts with its marker line. */
  refusalTag?: string;
  /** Nobody waits at a terminal (a batch job's host run): the handshake waits for a slot (SessionCoreDeps.handshakes). */
  background?: boolean;
  /** The handshake with the target starts now (after any wait for a slot); not called if it never does. */
  onHandshake?(): void;
}

export interface SessionCore {
  open(request: SessionRequest, client: ClientSide): SessionHandle;
  /** The live sessions: who, where, since when, bytes so far, and their handles. */
  readonly registry: Pick<SessionRegistry, 'list' | 'get'>;
}

/** What the user reads when their session fails inside the gateway: no internals, a pointer to the log. */
export const sessionFailedMessage = 'portcullis: this session failed inside the gateway and was ended; other sessions go on. The gateway log has the details.';

/** The same words whether the host does not exist or the user may not use it: no probing. */
export const accessDeniedMessage = (target: Target) => `portcullis: ${deniedText(target)}.`;

/** How the user's side is told and let go when a session is stopped from this side. */
interface Notice {
  text: string;
  /** On the terminal (stdout) rather than stderr. */
  terminal?: boolean;
  code?: number;
}

export function createSessionCore(deps: SessionCoreDeps): SessionCore {
  const registry = createSessionRegistry();
  return {
    registry,
    open: (request, client) => openSession(deps, registry, request, client),
  };
}

function openSession(deps: SessionCoreDeps, registry: SessionRegistry, request: SessionRequest, client: ClientSide): SessionHandle {
  const id = newSessionId();
  const log = deps.logger.child({ user: request.user, session: id, kind: request.kind, ...(request.source && { source: request.source }) });
  let stopped: EndCause | undefined;
  let active: Relay | undefined;
  let upstream: Client | undefined;
  let tap: SessionTap | undefined;
  /** The shell's screen as the command-rule gate reads it (gated shells only). */
  let gateScreen: ScreenLine | undefined;
  /** Aborts a wait for a handshake slot when the session is stopped first. */
  const slotWait = new AbortController();
  let size: TerminalSize | undefined = request.pty && { cols: request.pty.cols ?? 80, rows: request.pty.rows ?? 24, width: request.pty.width, height: request.pty.height };

  /** Writes `message` on stderr (after the marker line for a client that sent a tag), then the exit status, then EOF and close. */
  const refuse = (message: string, reason?: RefusalReason, code = 1) => {
    if (!client.writable) return;
    const marker = reason && request.refusalTag ? refusalMarkerLine(request.refusalTag, reason) : '';
    // Exit status and EOF only once the message is out: they would overtake it otherwise.
    client.stderr.write(marker + message + '\r\n', () => {
      if (!client.writable) return;
      client.exit({ code });
      client.end();
    });
  };

  const stop = (cause: EndCause, notice?: Notice) => {
    if (stopped) return;
    stopped = cause;
    slotWait.abort(new Error('the session was stopped'));
    active?.stop(cause);
    if (!active) upstream?.end(); // still connecting: the run sees `stopped` and ends the row
    if (!notice || !client.writable) return client.close();
    const end = () => {
      if (!client.writable) return;
      client.exit({ code: notice.code ?? 255 });
      client.end();
    };
    (notice.terminal ? client.output : client.stderr).write(notice.text, end);
    setTimeout(() => client.close(), 2000).unref(); // a client that stopped reading still goes
  };

  const ended = (cause: EndCause): SessionResult => ({ status: 'ended', cause });

  async function run(): Promise<SessionResult> {
    const target = parseTarget(request.target);
    if (!target) {
      refuse(`portcullis: ${JSON.stringify(request.target)} is not a target; expected LOGIN@HOST.`, 'bad_target');
      return { status: 'refused', why: 'bad_target' };
    }
    const decision = decideTarget(deps, request.user, target, log);
    if (!decision.ok) {
      if (decision.why === 'unusable') {
        refuse(`portcullis: ${unusableMessage(target)}`, 'no_credential');
        return { status: 'refused', why: 'no_credential' };
      }
      log.info({ target: formatTarget(target) }, 'access denied');
      auditSafely(deps, log, { type: 'session.refused', actor: request.user, data: { target: formatTarget(target), kind: request.kind, reason: 'no grant' } });
      refuse(accessDeniedMessage(target), 'not_permitted');
      return { status: 'refused', why: 'no_grant' };
    }
    const slog = log.child({ target: formatTarget(target) });
    const stoppedByRule = execStoppedByRule(decision.usable);
    if (stoppedByRule) {
      refuse(`portcullis: ${stoppedByRule}`, 'not_permitted', 126);
      return { status: 'refused', why: 'command_rule' };
    }
    const release = await handshakeSlot();
    if (!release) return ended(stopped ?? { endedBy: 'terminated', reason: 'stopped before its handshake' }); // stopped while it waited: nothing was started
    try {
      request.onHandshake?.();
      upstream = await connectTarget(deps, request.user, decision.usable, slog, deps.upstreamReadyTimeoutMs);
    } catch (error) {
      refuse(`portcullis: ${(error as Error).message}`, 'target_failed');
      return { status: 'refused', why: 'target_failed' };
    } finally {
      release();
    }
    try {
      return await runOn(upstream, decision.usable, slog);
    } finally {
      upstream.end();
    }
  }

  /** A slot for the handshake (at once without a bound); undefined when the session was stopped first. */
  async function handshakeSlot(): Promise<ReleaseSlot | undefined> {
    if (!deps.handshakes) return () => {};
    try {
      const release = await deps.handshakes.acquire(request.background ? 'background' : 'interactive', slotWait.signal);
      if (!stopped) return release;
      release(); // granted as it was stopped: the next waiter takes it
    } catch {
      // aborted: stopped while waiting
    }
    return undefined;
  }

  /** An exec a command rule stops (audited), as the user reads why; undefined when it may run. */
  function execStoppedByRule({ host, target }: UsableTarget): string | undefined {
    const guard = deps.commandGuard;
    if (!guard || request.kind !== 'exec') return undefined;
    for (const line of [request.command ?? '', request.script ?? '']) {
      const verdict = line.trim() === '' ? undefined : guard.check(host, line);
      if (!verdict || verdict.action === 'pass') continue;
      // No one can answer a question on an exec: a line that needs confirming is refused.
      guard.audit(verdict.action === 'reject' ? 'command.rejected' : 'command.refused', { user: request.user, host: host.name, login: target.login, session: id, source: 'exec', line }, verdict.hit);
      const what = verdict.action === 'reject' ? 'rejected by a command rule' : 'needs confirming, which an exec cannot do; run it in an interactive shell';
      return `${hitText(verdict.hit)}: ${what}; nothing was run.`;
    }
    return undefined;
  }

  /** A shell on a host some command rule covers: the keys go through the line gate. */
  function gatedInput(side: ClientSide, channel: ClientChannel, { host, target }: Pick<UsableTarget, 'host' | 'target'>): ClientSide {
    const guard = deps.commandGuard;
    if (!guard || request.kind !== 'shell' || !request.pty || !guard.covers(host)) return side;
    gateScreen = size && new ScreenLine({ cols: size.cols, rows: size.rows, shellOutput: channel });
    const input = gateShellInput(side.input, {
      terminal: side.output,
      shellOutput: channel,
      screen: gateScreen,
      check: (line) => guard.check(host, line),
      decided: (decision, hit, line) => guard.audit(decision, { user: request.user, host: host.name, login: target.login, session: id, source: 'shell', line }, hit),
      why: hitText,
    });
    return Object.assign(Object.create(side) as ClientSide, { input });
  }

  async function runOn(conn: Client, { target, host }: UsableTarget, slog: Logger): Promise<SessionResult> {
    if (stopped) return ended(stopped);
    // The recording starts before anything runs on the target: strict mode can still refuse.
    const begun = deps.lifecycle?.begin(
      { id, user: request.user, source: request.source, host: host.name, login: target.login, kind: request.kind, command: request.command, pty: request.pty && size && { cols: size.cols, rows: size.rows, term: request.pty.term ?? 'xterm' } },
      (message) => stop({ endedBy: 'failure', reason: 'the recording failed' }, { text: message, code: 1 }),
    );
    if (begun && 'refused' in begun) {
      refuse(begun.refused, 'recording_failed');
      return { status: 'refused', why: 'recording_failed' };
    }
    tap = begun;

    let channel: ClientChannel;
    let exitOf: () => ExitInfo | undefined;
    try {
      const open = () => openChannel(conn, request, size);
      ({ channel, exitOf } = await (request.pty ? openWithSmallWindow(conn, open) : open()));
    } catch (error) {
      const cause: EndCause = stopped ?? { endedBy: 'target', reason: `the target refused the ${request.kind}` };
      await tap?.end(cause);
      if (stopped) return ended(stopped);
      slog.warn({ err: (error as Error).message }, 'target refused the session');
      refuse(`portcullis: ${host.name} refused the ${request.kind}: ${(error as Error).message}`, 'target_failed');
      return ended(cause);
    }
    if (stopped) {
      await tap?.end(stopped);
      return ended(stopped);
    }

    // A terminal keeps little output in flight on this hop, so Ctrl+C shows quickly; execs keep big windows.
    if (request.pty) capChannelWindow(conn, channel, INTERACTIVE_WINDOW, { openedWith: INTERACTIVE_WINDOW });
    slog.info('session started');
    const started = Date.now();
    // SFTP is relayed message by message, each file reported as it closes; nothing of it is recorded.
    const sftp =
      request.kind === 'sftp'
        ? relaySftp(client, {
            limits: deps.sftp ?? DEFAULT_SFTP_LIMITS,
            onFile: (file) => tap?.file(file),
            abort: (reason, by) => {
              slog.warn({ reason, by }, 'SFTP protocol broken: ending the session');
              stop({ endedBy: by, reason }, { text: `portcullis: ${reason}; the session ends.\r\n`, code: 1 });
            },
          })
        : undefined;
    const side = sftp?.client ?? gatedInput(client, channel, { target, host });
    active = relay(side, channel, exitOf, () => `\r\nportcullis: the connection to ${host.name} was lost.\r\n`);
    if (!sftp) tap?.attach(side.input, channel);
    const entry: LiveSessionEntry = { id, user: request.user, host: host.name, login: target.login, kind: request.kind, startedAt: started, bytesIn: 0, bytesOut: 0, handle };
    side.input.on('data', (d: Buffer) => (entry.bytesIn += d.length));
    for (const out of [channel, channel.stderr]) out.on('data', (d: Buffer) => (entry.bytesOut += d.length));
    const unregister = registry.add(entry);
    // While it lives, the session is re-checked against the grants (expiry, revocation).
    const terminal = !!request.pty;
    const unwatch = deps.liveness?.watch(
      {
        notify: (text) => void (terminal ? client.output : client.stderr).write(text),
        end: (text, reason, endedBy) => {
          slog.info({ reason }, 'access ended: closing the session');
          stop({ endedBy: endedBy ?? 'revocation', reason }, { text, terminal });
        },
      },
      deps.access.sessionCheck(request.user, target),
      { what: formatTarget(target) },
    );
    try {
      const result = await active.done.finally(() => gateScreen?.dispose());
      sftp?.finish();
      unwatch?.();
      conn.end();
      await tap?.end(result);
      slog.info({ exit: result.exit, endedBy: result.endedBy, reason: result.reason, ms: Date.now() - started }, 'session ended');
      const { exit, ...cause } = result;
      return { status: 'ended', exit, cause };
    } finally {
      unwatch?.();
      unregister();
    }
  }

  /**
   * Contains an error of one session: it is logged and audited, the user is told, and the session
   * (its target connection and recording) ends. Every other session goes on.
   */
  function failed(error: unknown): SessionResult {
    recordSessionFailure(deps.store, log, request.user, request.kind, error);
    const cause: EndCause = { endedBy: 'failure', reason: 'an error inside the gateway' };
    stopped ??= cause;
    active?.stop(cause);
    upstream?.end();
    void tap?.end(cause).catch((endError: unknown) => log.error({ err: String(endError) }, 'could not end the recording of a failed session'));
    if (!client.writable) client.close();
    else {
      refuse(sessionFailedMessage, undefined, 255);
      setTimeout(() => client.close(), 2000).unref(); // a client that stopped reading still goes
    }
    return { status: 'failed', error: String(error) };
  }

  const handle: SessionHandle = {
    id,
    resize(next) {
      size = next;
      active?.windowChange(next);
      tap?.resize(next.cols, next.rows);
      gateScreen?.resize(next.cols, next.rows);
    },
    signal: (name) => active?.signal(name),
    end: (cause, message, options) => stop(cause, message === undefined ? undefined : { text: `\r\nportcullis: ${message}\r\n`, terminal: !!options?.inTerminal && !!request.pty }),
    done: run().catch(failed),
  };
  return handle;
}

/** Logs and audits (`session.failed`) an error that ended one session. */
export function recordSessionFailure(store: Store, log: Logger, user: string, kind: SessionKind, error: unknown): void {
  log.error({ err: String(error), kind }, 'session failed');
  auditSafely({ store }, log, { type: 'session.failed', actor: user, data: { kind, error: String(error).slice(0, 500) } });
}

function auditSafely(deps: Pick<SessionCoreDeps, 'store'>, log: Logger, event: Parameters<Store['audit']['record']>[0]): void {
  try {
    deps.store.audit.record(event);
  } catch (error) {
    log.error({ err: String(error), type: event.type }, 'could not audit a session event');
  }
}

function openChannel(conn: Client, request: SessionRequest, size: TerminalSize | undefined) {
  return new Promise<{ channel: ClientChannel; exitOf: () => ExitInfo | undefined }>((resolve, reject) => {
    const cb = (err: Error | undefined, ch: ClientChannel) => {
      if (err) return reject(err);
      // Synchronously, before the relay exists: these can fire in the same read as the reply.
      ch.on('error', () => {});
      ch.stderr.on('error', () => {});
      resolve({ channel: ch, exitOf: watchExit(ch) });
    };
    const pty = request.pty && { ...request.pty, ...size };
    if (request.kind === 'shell') conn.shell(pty ?? false, cb);
    else if (request.kind === 'sftp') conn.subsys('sftp', cb);
    else conn.exec(request.command ?? '', pty ? { pty } : {}, cb);
  });
}

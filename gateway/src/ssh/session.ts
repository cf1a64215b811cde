// One SSH "session" channel from a user: collects pty/env requests, then runs a shell or exec on
// the target (through upstream + relay) or the API subsystem.
//
// shell/exec/subsystem are accepted synchronously inside the event handler and the channel is
// paused before anything asynchronous happens: if the client already sent EOF, a later accept()
// would return undefined and the session would hang.
import type { Client, ClientChannel, PseudoTtyInfo, ServerChannel, Session } from 'ssh2';
import { GATEWAY_API_SUBSYSTEM } from '../../../shared/contract/gateway-api';
import { formatTarget, parseTarget, TARGET_ENV, type Target } from '../../../shared/contract/target';
import { clampTerminalSize, exceedsTerminalLimits } from '../../../shared/contract/terminal-limits';
import { capChannelBuffers, capChannelWindow, INTERACTIVE_WINDOW, openWithSmallWindow } from '../../../shared/node/ssh-window';
import type { Access } from '../access';
import { serveApi, type ApiChannel, type ApiChannelOptions } from '../api/server';
import type { AuditRepeats } from '../audit/repeats';
import type { Liveness } from '../liveness';
import type { Logger } from '../logger';
import { menuEntries, runMenu, targetListText, usageText, type MenuRun } from '../menu/run';
import type { SessionLifecycle, SessionTap } from '../sessions/lifecycle';
import type { Store } from '../store';
import type { Authenticated } from './auth';
import { createNotices, refuseSessionForwarding, type ForwardingPolicy, type Notices } from './forwarding';
import { execTooLongMessage, MAX_ENV_NAME_BYTES, MAX_ENV_REQUESTS, MAX_ENV_VALUE_BYTES, MAX_EXEC_COMMAND_BYTES } from './limits';
import { relay, watchExit, type ExitInfo, type Relay } from './relay';
import { connectTarget, decideTarget, deniedText, unusableMessage } from './target';

export interface SessionDeps {
  store: Store;
  access: Access;
  logger: Logger;
  /** Ends live sessions whose access ends (grant expired or revoked), with a warning first. */
  liveness?: Liveness;
  /** Sessions table, recording and command log (sessions/lifecycle.ts); none in bare tests. */
  lifecycle?: SessionLifecycle;
  /** `forwarding.policy`: only the wording of agent/X11 refusals depends on it here. Default deny. */
  forwarding?: ForwardingPolicy;
  /** Where agent/X11 refusals are audited, counted per user. */
  repeats: AuditRepeats;
  /** API channel limits and event topics. */
  api?: ApiChannelOptions;
}

/** What the connection tracks of a live session: how to end it (telling the user why, if given). */
export interface LiveSession {
  end(reason?: string): void;
  /** Interactive (pty) sessions only: writes text into the user's terminal. */
  notify?(text: string): void;
  /** The API subsystem: not user work, so it does not hold a shutdown open. */
  api?: boolean;
}

export interface SessionHooks {
  /** A shell/exec/subsystem started; the returned function unregisters it. */
  started(session: LiveSession): () => void;
  /** Messages for the user of this connection (forwarding refusals), shown on each session's stderr. */
  notices?: Notices;
  /** Whether another API channel may open on this connection (connections.maxApiChannelsPerConnection). */
  mayOpenApi?(): boolean;
}

/** What the user reads when their session fails inside the gateway: no internals, a pointer to the log. */
export const sessionFailedMessage = 'portcullis: this session failed inside the gateway and was ended; other sessions go on. The gateway log has the details.';

type Work = { kind: 'shell' } | { kind: 'exec'; command: string };

/** The same words whether the host does not exist or the user may not use it: no probing. */
export const accessDeniedMessage = (target: Target) => `portcullis: ${deniedText(target)}.`;

export function handleSession(session: Session, who: Authenticated, deps: SessionDeps, hooks: SessionHooks): void {
  const log = deps.logger.child({ user: who.user.name });
  let pty: PseudoTtyInfo | undefined;
  let envTarget: string | undefined;
  let active: Relay | undefined;
  let tap: SessionTap | undefined;
  let clientGone = false;
  let unregister: (() => void) | undefined;
  let menu: MenuRun | undefined;
  const notices = hooks.notices ?? createNotices();
  refuseSessionForwarding(session, {
    user: who.user.name,
    repeats: deps.repeats,
    onAuditError: (error) => log.error({ err: String(error) }, 'could not audit a forwarding refusal'),
    notices,
    policy: deps.forwarding,
  });
  const onGone: Array<() => void> = [];
  const goneNow = () => {
    if (clientGone) return;
    clientGone = true;
    for (const fn of onGone.splice(0)) fn();
  };
  session.once('close', goneNow);

  // Sizes are clamped where they enter: the target, the recorder and the menu only see sizes within
  // shared/contract/terminal-limits.ts.
  const bounded = <T extends { cols: number; rows: number; width: number; height: number }>(info: T): T => {
    if (exceedsTerminalLimits(info)) log.info({ cols: info.cols, rows: info.rows }, 'terminal size clamped to the limits');
    return { ...info, ...clampTerminalSize(info) };
  };
  session.on('pty', (accept, _reject, requested) => {
    pty = bounded(requested);
    accept?.();
  });
  session.on('window-change', (accept, _reject, requested) => {
    const info = bounded(requested);
    if (pty) pty = { ...pty, cols: info.cols, rows: info.rows, width: info.width, height: info.height };
    active?.windowChange(info);
    menu?.resize(info.cols, info.rows);
    tap?.resize(info.cols, info.rows);
    accept?.();
  });
  let envRequests = 0;
  session.on('env', (accept, reject, info) => {
    // Only the target is honoured: the user's environment never reaches the target. Oversized or
    // too many requests are refused before anything is kept.
    if (++envRequests > MAX_ENV_REQUESTS || Buffer.byteLength(info.key) > MAX_ENV_NAME_BYTES || Buffer.byteLength(info.val) > MAX_ENV_VALUE_BYTES) {
      if (envRequests === MAX_ENV_REQUESTS + 1) log.info({ limit: MAX_ENV_REQUESTS }, 'refusing further environment requests on a channel');
      return reject?.();
    }
    if (info.key === TARGET_ENV) {
      envTarget = info.val;
      accept?.();
    } else reject?.();
  });
  session.on('signal', (accept, _reject, info) => {
    active?.signal(info.name);
    accept?.();
  });

  const start = (channel: ServerChannel | undefined, work: Work) => {
    if (!channel) return; // the client gave up before we could accept
    channel.pause();
    channel.on('error', () => {}); // the relay or refuse() ends it; an error must not crash us
    channel.on('close', goneNow);
    notices.attach(channel);
    const interactive = !!pty;
    unregister = hooks.started({
      end: (reason) => {
        const close = () => {
          goneNow();
          channel.close();
        };
        if (!reason || !channel.writable) return close();
        // The message first (its write callback), then the cut; a stuck client gets 1 s.
        channel.stderr.write(`\r\nportcullis: ${reason}\r\n`, close);
        setTimeout(close, 1000).unref();
      },
      notify: interactive ? (text) => void (channel.writable && channel.write(text)) : undefined,
    });
    void runTarget(channel, work)
      .catch((error: unknown) => failed(channel, work, error))
      .finally(() => unregister?.());
  };
  session.on('shell', (accept) => start(accept(), { kind: 'shell' }));
  session.on('exec', (accept, _reject, info) => {
    const bytes = Buffer.byteLength(info.command);
    if (bytes <= MAX_EXEC_COMMAND_BYTES) return start(accept(), { kind: 'exec', command: info.command });
    log.info({ bytes, limit: MAX_EXEC_COMMAND_BYTES }, 'refused an exec: command too long');
    const channel = accept();
    if (channel) refuse(channel, execTooLongMessage(bytes));
  });
  session.on('subsystem', (accept, reject, info) => {
    if (info.name !== GATEWAY_API_SUBSYSTEM) return reject();
    if (hooks.mayOpenApi && !hooks.mayOpenApi()) {
      log.warn('refused an API channel: connections.maxApiChannelsPerConnection reached');
      return reject();
    }
    const channel = accept();
    if (!channel) return;
    channel.pause();
    let api: ApiChannel | undefined;
    const done = hooks.started({ end: (reason) => (api ? api.end(reason) : channel.close()), api: true });
    channel.on('close', goneNow);
    try {
      api = serveApi(channel, { user: who.user }, { access: deps.access, logger: log, store: deps.store, repeats: deps.repeats, ...deps.api }, done);
    } catch (error) {
      log.error({ err: String(error) }, 'the API channel failed to start');
      done();
      channel.close();
    }
  });

  /**
   * Contains an error of one session: it is logged and audited, the user is told, and the session
   * (its target connection and recording) ends. The connection and every other session go on.
   */
  function failed(channel: ServerChannel, work: Work, error: unknown): void {
    log.error({ err: String(error), kind: work.kind }, 'session failed');
    try {
      deps.store.audit.record({ type: 'session.failed', actor: who.user.name, data: { kind: work.kind, error: String(error).slice(0, 500) } });
    } catch (auditError) {
      log.error({ err: String(auditError) }, 'could not audit a failed session');
    }
    menu = undefined;
    active?.clientClosed();
    goneNow(); // ends the target connection, if one was open
    void tap?.end({ endedBy: 'target' }).catch((endError: unknown) => log.error({ err: String(endError) }, 'could not end the recording of a failed session'));
    tap = undefined;
    if (!channel.writable) return channel.close();
    refuse(channel, sessionFailedMessage, 255);
    setTimeout(() => channel.close(), 2000).unref(); // a client that stopped reading still goes
  }

  /** Writes a message on the channel's stderr, exits with `code` and closes. */
  function refuse(channel: ServerChannel, message: string, code = 1): void {
    if (!channel.writable) return;
    // Exit status and EOF only once the message is out: ssh2 sends them at once otherwise.
    channel.stderr.write(message + '\r\n', () => {
      if (!channel.writable) return;
      channel.exit(code);
      channel.end();
    });
  }

  /** No target named: the menu with a pty shell, else the list of targets and usage. */
  async function pickTarget(channel: ServerChannel, work: Work): Promise<string | undefined> {
    const entries = menuEntries(deps.access.reachableHosts(who.user.name));
    if (work.kind !== 'shell' || !pty || entries.length === 0) {
      refuse(channel, `${usageText(who.user.name)}\r\n${targetListText(entries)}`);
      return undefined;
    }
    menu = runMenu(channel, entries, pty);
    const picked = await menu.done;
    menu = undefined;
    if (!picked) {
      if (channel.writable) {
        channel.exit(0);
        channel.end();
      }
      return undefined;
    }
    return formatTarget(picked);
  }

  async function runTarget(channel: ServerChannel, work: Work): Promise<void> {
    const targetText = envTarget ?? (who.target ? formatTarget(who.target) : undefined) ?? (await pickTarget(channel, work));
    if (!targetText || clientGone) return;
    const target = parseTarget(targetText);
    if (!target) return refuse(channel, `portcullis: ${JSON.stringify(targetText)} is not a target; expected LOGIN@HOST.`);

    const decision = decideTarget(deps, who.user.name, target, log);
    if (!decision.ok && decision.why === 'denied') {
      log.info({ target: formatTarget(target) }, 'access denied');
      try {
        deps.store.audit.record({ type: 'session.refused', actor: who.user.name, data: { target: formatTarget(target), kind: work.kind, reason: 'no grant' } });
      } catch (error) {
        log.error({ err: String(error) }, 'could not audit a refused session');
      }
      return refuse(channel, accessDeniedMessage(target));
    }
    if (!decision.ok) return refuse(channel, `portcullis: ${unusableMessage(target)}`);
    const { host } = decision.usable;

    const slog = log.child({ target: formatTarget(target), kind: work.kind });
    let upstream: Client;
    try {
      upstream = await connectTarget(deps, who.user.name, decision.usable, slog);
    } catch (error) {
      return refuse(channel, `portcullis: ${(error as Error).message}`);
    }
    if (clientGone) {
      upstream.end();
      return;
    }
    // The recording starts before anything runs on the target: strict mode can still refuse.
    const begun = deps.lifecycle?.begin(
      { user: who.user.name, host: host.name, login: target.login, kind: work.kind, command: work.kind === 'exec' ? work.command : undefined, pty: pty && { cols: pty.cols, rows: pty.rows, term: pty.term } },
      (message) => {
        active?.clientClosed();
        refuse(channel, message);
      },
    );
    if (begun && 'refused' in begun) {
      upstream.end();
      return refuse(channel, begun.refused);
    }
    tap = begun;
    const endUpstream = () => upstream.end();
    onGone.push(endUpstream);

    let upstreamChannel: ClientChannel;
    let exitOf: () => ExitInfo | undefined;
    try {
      const open = () => openChannel(upstream, work, pty);
      ({ channel: upstreamChannel, exitOf } = await (pty ? openWithSmallWindow(upstream, open) : open()));
    } catch (error) {
      upstream.end();
      void tap?.end({ endedBy: 'target' });
      slog.warn({ err: (error as Error).message }, 'target refused the session');
      return refuse(channel, `portcullis: ${host.name} refused the ${work.kind}: ${(error as Error).message}`);
    }
    if (clientGone) {
      upstream.end();
      void tap?.end({ endedBy: 'client' });
      return;
    }

    // A terminal keeps little output in flight on this hop, so Ctrl+C shows quickly; execs keep big windows.
    if (pty) {
      capChannelWindow(upstream, upstreamChannel, INTERACTIVE_WINDOW, { openedWith: INTERACTIVE_WINDOW });
      capChannelBuffers(channel);
    }
    slog.info({ session: tap?.id }, 'session started');
    const started = Date.now();
    active = relay(channel, upstreamChannel, exitOf, () => `\r\nportcullis: the connection to ${host.name} was lost.\r\n`);
    tap?.attach(channel, upstreamChannel);
    onGone.push(() => active?.clientClosed());
    // While it lives, the session is re-checked against the grants (expiry, revocation).
    const live = active;
    const unwatch = deps.liveness?.watch(
      {
        notify: (text) => void (pty ? channel : channel.stderr).write(text),
        end: (text) => {
          slog.info({ reason: text.trim() }, 'access ended: closing the session');
          live.clientClosed();
          endWithMessage(channel, text, !!pty);
        },
      },
      deps.access.sessionCheck(who.user.name, target),
      { what: formatTarget(target) },
    );
    const result = await active.done;
    unwatch?.();
    upstream.end();
    await tap?.end(result);
    slog.info({ exit: result.exit, endedBy: result.endedBy, ms: Date.now() - started }, 'session ended');
  }
}

/** The message in the terminal (stdout with a pty, else stderr), then exit status 255 and close. */
function endWithMessage(channel: ServerChannel, text: string, terminal: boolean): void {
  if (!channel.writable) return;
  const close = () => {
    if (!channel.writable) return;
    channel.exit(255);
    channel.end();
  };
  (terminal ? channel : channel.stderr).write(text, close);
  setTimeout(() => channel.close(), 2000).unref(); // a client that stopped reading still goes
}

function openChannel(conn: Client, work: Work, pty: PseudoTtyInfo | undefined) {
  return new Promise<{ channel: ClientChannel; exitOf: () => ExitInfo | undefined }>((resolve, reject) => {
    const cb = (err: Error | undefined, ch: ClientChannel) => {
      if (err) return reject(err);
      // Synchronously, before the relay exists: these can fire in the same read as the reply.
      ch.on('error', () => {});
      ch.stderr.on('error', () => {});
      resolve({ channel: ch, exitOf: watchExit(ch) });
    };
    const ptyOpts = pty && { term: pty.term, cols: pty.cols, rows: pty.rows, width: pty.width, height: pty.height, modes: pty.modes };
    if (work.kind === 'shell') conn.shell(ptyOpts ?? false, cb);
    else conn.exec(work.command, ptyOpts ? { pty: ptyOpts } : {}, cb);
  });
}

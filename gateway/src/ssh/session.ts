// One SSH "session" channel from a user: collects pty/env requests, then runs a shell or exec on
// the target (through upstream + relay) or the API subsystem.
//
// shell/exec/subsystem are accepted synchronously inside the event handler and the channel is
// paused before anything asynchronous happens: if the client already sent EOF, a later accept()
// would return undefined and the session would hang (see the machine recipes).
import type { Client, ClientChannel, PseudoTtyInfo, ServerChannel, Session } from 'ssh2';
import { GATEWAY_API_SUBSYSTEM } from '../../../shared/contract/gateway-api';
import { formatTarget, parseTarget, TARGET_ENV, type Target } from '../../../shared/contract/target';
import { capChannelBuffers, capChannelWindow } from '../../../shared/node/ssh-window';
import type { Access } from '../access';
import { parseAddress } from '../address';
import { serveApi } from '../api/server';
import type { Logger } from '../logger';
import type { Store } from '../store';
import type { Authenticated } from './auth';
import { relay, watchExit, type ExitInfo, type Relay } from './relay';
import { connectUpstream, UpstreamError } from './upstream';

export interface SessionDeps {
  store: Store;
  access: Access;
  logger: Logger;
}

/** What the connection tracks of a live session: how to end it. */
export interface LiveSession {
  end(): void;
}

export interface SessionHooks {
  /** A shell/exec/subsystem started; the returned function unregisters it. */
  started(session: LiveSession): () => void;
}

type Work = { kind: 'shell' } | { kind: 'exec'; command: string };

export const NO_TARGET_MESSAGE = `portcullis: no target given. Connect as 'USER:LOGIN@HOST' (ssh 'alice:root@web-01'@gateway) or set ${TARGET_ENV}=LOGIN@HOST for the channel.`;
/** The same words whether the host does not exist or the user may not use it: no probing. */
export const accessDeniedMessage = (target: Target) =>
  `portcullis: access to ${formatTarget(target)} denied (no such host, or no grant for that login).`;

export function handleSession(session: Session, who: Authenticated, deps: SessionDeps, hooks: SessionHooks): void {
  const log = deps.logger.child({ user: who.user.name });
  let pty: PseudoTtyInfo | undefined;
  let envTarget: string | undefined;
  let active: Relay | undefined;
  let clientGone = false;
  let unregister: (() => void) | undefined;
  const onGone: Array<() => void> = [];
  const goneNow = () => {
    if (clientGone) return;
    clientGone = true;
    for (const fn of onGone.splice(0)) fn();
  };
  session.once('close', goneNow);

  session.on('pty', (accept, _reject, info) => {
    pty = info;
    accept?.();
  });
  session.on('window-change', (accept, _reject, info) => {
    if (pty) pty = { ...pty, cols: info.cols, rows: info.rows, width: info.width, height: info.height };
    active?.windowChange(info);
    accept?.();
  });
  session.on('env', (accept, reject, info) => {
    // Only the target is honoured: the user's environment never reaches the target.
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
    unregister = hooks.started({
      end: () => {
        goneNow();
        channel.close();
      },
    });
    void runTarget(channel, work).finally(() => unregister?.());
  };
  session.on('shell', (accept) => start(accept(), { kind: 'shell' }));
  session.on('exec', (accept, _reject, info) => start(accept(), { kind: 'exec', command: info.command }));
  session.on('subsystem', (accept, reject, info) => {
    if (info.name !== GATEWAY_API_SUBSYSTEM) return reject();
    const channel = accept();
    if (!channel) return;
    channel.pause();
    const done = hooks.started({ end: () => channel.close() });
    channel.on('close', goneNow);
    serveApi(channel, { user: who.user }, { access: deps.access, logger: log }, done);
  });

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

  async function runTarget(channel: ServerChannel, work: Work): Promise<void> {
    const targetText = envTarget ?? (who.target ? formatTarget(who.target) : undefined);
    if (!targetText) return refuse(channel, NO_TARGET_MESSAGE);
    const target = parseTarget(targetText);
    if (!target) return refuse(channel, `portcullis: ${JSON.stringify(targetText)} is not a target; expected LOGIN@HOST.`);

    const host = deps.store.hosts.find(target.host);
    if (!host || !deps.access.loginsFor(who.user.name, target.host).includes(target.login)) {
      log.info({ target: formatTarget(target) }, 'access denied');
      return refuse(channel, accessDeniedMessage(target));
    }
    const credential = deps.store.credentials.get(host.id, target.login);
    const address = parseAddress(host.address);
    if (!credential || !address) {
      log.error({ target: formatTarget(target), hasCredential: !!credential }, 'target not usable: missing credential or bad address');
      return refuse(channel, `portcullis: the gateway holds no usable credential for ${formatTarget(target)}; ask an admin.`);
    }

    const slog = log.child({ target: formatTarget(target), kind: work.kind });
    let upstream: Client;
    try {
      upstream = await connectUpstream({
        hostName: host.name,
        address,
        login: target.login,
        credential,
        pinnedKey: deps.store.hostKeys.pinned(host.id),
        pinOnFirstUse: (key) => {
          const pinned = deps.store.hostKeys.pinIfAbsent(host.id, key);
          if (pinned === key) slog.info('pinned the target host key on first use');
          return pinned;
        },
      });
    } catch (error) {
      const message = error instanceof UpstreamError ? error.message : `cannot connect to ${host.name}`;
      slog.warn({ reason: error instanceof UpstreamError ? error.reason : 'unknown', err: error instanceof UpstreamError ? undefined : String(error) }, 'upstream failed');
      return refuse(channel, `portcullis: ${message}`);
    }
    if (clientGone) {
      upstream.end();
      return;
    }
    const endUpstream = () => upstream.end();
    onGone.push(endUpstream);

    let upstreamChannel: ClientChannel;
    let exitOf: () => ExitInfo | undefined;
    try {
      ({ channel: upstreamChannel, exitOf } = await openChannel(upstream, work, pty));
    } catch (error) {
      upstream.end();
      slog.warn({ err: (error as Error).message }, 'target refused the session');
      return refuse(channel, `portcullis: ${host.name} refused the ${work.kind}: ${(error as Error).message}`);
    }
    if (clientGone) {
      upstream.end();
      return;
    }

    // A terminal keeps little output in flight on this hop, so Ctrl+C shows quickly; execs keep big windows.
    if (pty) {
      capChannelWindow(upstream, upstreamChannel);
      capChannelBuffers(channel);
    }
    slog.info('session started');
    const started = Date.now();
    active = relay(channel, upstreamChannel, exitOf, () => `\r\nportcullis: the connection to ${host.name} was lost.\r\n`);
    onGone.push(() => active?.clientClosed());
    const result = await active.done;
    upstream.end();
    slog.info({ exit: result.exit, endedBy: result.endedBy, ms: Date.now() - started }, 'session ended');
  }
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

// One SSH "session" channel from a user: collects pty/env requests, then runs a shell or exec on
// the target through the session core (sessions/core), or the API subsystem. This adapter only
// translates ssh2's callbacks into calls on the core; the menu (a pty shell without a target) is
// its own, since it is a terminal UI on this channel.
//
// shell/exec/subsystem are accepted synchronously inside the event handler and the channel is
// paused before anything asynchronous happens: if the client already sent EOF, a later accept()
// would return undefined and the session would hang.
import type { PseudoTtyInfo, ServerChannel, Session } from 'ssh2';
import { GATEWAY_API_SUBSYSTEM } from '../../../shared/contract/gateway-api';
import { REFUSAL_TAG_ENV, RefusalTagSchema, refusalMarkerLine } from '../../../shared/contract/refusal';
import { formatTarget, TARGET_ENV } from '../../../shared/contract/target';
import { clampTerminalSize, exceedsTerminalLimits } from '../../../shared/contract/terminal-limits';
import { capChannelBuffers } from '../../../shared/node/ssh-window';
import type { Access } from '../access';
import { serveApi, type ApiChannel, type ApiChannelOptions } from '../api/server';
import type { AuditRepeats } from '../audit/repeats';
import type { Logger } from '../logger';
import { isBatchCommand } from '../batch/cli-args';
import type { BatchService } from '../batch/service';
import { runBatchCommand } from '../menu/batch-command';
import { isMetricsCommand, runMetricsCommand } from '../menu/metrics-command';
import { isRequestCommand, runRequestCommand } from '../menu/request-command';
import type { RequestService } from '../requests/service';
import type { MetricsService } from '../metrics/service';
import { menuEntries, runMenu, targetListText, usageText, type MenuRun } from '../menu/run';
import { recordSessionFailure, sessionFailedMessage, type SessionCore, type SessionHandle } from '../sessions/core';
import type { EndCause } from '../sessions/end-cause';
import type { Store } from '../store';
import type { Authenticated } from './auth';
import { channelSide } from './channel-side';
import { createNotices, refuseSessionForwarding, type ForwardingPolicy, type Notices } from './forwarding';
import { execTooLongMessage, MAX_ENV_NAME_BYTES, MAX_ENV_REQUESTS, MAX_ENV_VALUE_BYTES, MAX_EXEC_COMMAND_BYTES } from './limits';
import { auditTransferRefused, LEGACY_SCP_REFUSED, scpTransferIn, SFTP_SUBSYSTEM, TRANSFER_REFUSED, type TransferAttempt, type TransferPolicy } from './transfer';

export { accessDeniedMessage, sessionFailedMessage } from '../sessions/core';

export interface SessionDeps {
  store: Store;
  access: Access;
  logger: Logger;
  /** Runs the target sessions (target, access, upstream, recording, liveness, audit). */
  core: SessionCore;
  /** `forwarding.policy`: only the wording of agent/X11 refusals depends on it here. Default deny. */
  forwarding?: ForwardingPolicy;
  /** `transfer.policy`: deny refuses sftp and scp; allow relays sftp through the core. Default deny. */
  transfer?: TransferPolicy;
  /** Where agent/X11 and file transfer refusals are audited, counted per user. */
  repeats: AuditRepeats;
  /** API channel limits and event topics. */
  api?: ApiChannelOptions;
  /** Batch jobs, for `ssh … batch` without a target. */
  batch?: BatchService;
  /** Host metrics, for `ssh … metrics HOST` without a target. */
  metrics?: MetricsService;
  /** Access requests, for `ssh … request` without a target. */
  requests?: RequestService;
}

/** What the connection tracks of a live session: how to end it, for what cause (telling the user why, if given). */
export interface LiveSession {
  end(cause: EndCause, message?: string): void;
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
  /** Where the connection comes from (`ip:port`), for the session's log lines. */
  source?: string;
  /** The connection's source address alone, as login rules match it (the API's self-check). */
  address?: string;
}

type Work = { kind: 'shell' } | { kind: 'exec'; command: string } | { kind: 'sftp' };

export function handleSession(session: Session, who: Authenticated, deps: SessionDeps, hooks: SessionHooks): void {
  const log = deps.logger.child({ user: who.user.name });
  let pty: PseudoTtyInfo | undefined;
  let envTarget: string | undefined;
  let refusalTag: string | undefined;
  let handle: SessionHandle | undefined;
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
    handle?.resize(info);
    menu?.resize(info.cols, info.rows);
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
    } else if (info.key === REFUSAL_TAG_ENV && RefusalTagSchema.safeParse(info.val).success) {
      refusalTag = info.val; // kept by the gateway: never forwarded to the target
      accept?.();
    } else reject?.();
  });
  session.on('signal', (accept, _reject, info) => {
    handle?.signal(info.name);
    accept?.();
  });

  const start = (channel: ServerChannel | undefined, work: Work) => {
    if (!channel) return; // the client gave up before we could accept
    channel.pause();
    channel.on('error', () => {}); // the core or refuse() ends it; an error must not crash us
    channel.on('close', goneNow);
    notices.attach(channel);
    unregister = hooks.started({
      end: (cause, message) => (handle ? handle.end(cause, message) : closeWithMessage(channel, message)),
      notify: pty ? (text) => void (channel.writable && channel.write(text)) : undefined,
    });
    void runTarget(channel, work)
      .catch((error: unknown) => failed(channel, work, error))
      .finally(() => unregister?.());
  };
  session.on('shell', (accept) => start(accept(), { kind: 'shell' }));
  session.on('exec', (accept, _reject, info) => {
    const bytes = Buffer.byteLength(info.command);
    if (bytes > MAX_EXEC_COMMAND_BYTES) {
      log.info({ bytes, limit: MAX_EXEC_COMMAND_BYTES }, 'refused an exec: command too long');
      const channel = accept();
      return channel && refuse(channel, execTooLongMessage(bytes));
    }
    const transfer = scpTransferIn(info.command);
    if (transfer) return refuseTransfer(accept(), transfer, deps.transfer === 'allow' ? LEGACY_SCP_REFUSED : TRANSFER_REFUSED);
    start(accept(), { kind: 'exec', command: info.command });
  });
  session.on('subsystem', (accept, reject, info) => {
    if (info.name === SFTP_SUBSYSTEM) return deps.transfer === 'allow' ? start(accept(), { kind: 'sftp' }) : refuseTransfer(accept(), { protocol: 'sftp' }, TRANSFER_REFUSED);
    if (info.name !== GATEWAY_API_SUBSYSTEM) return reject();
    if (hooks.mayOpenApi && !hooks.mayOpenApi()) {
      log.warn('refused an API channel: connections.maxApiChannelsPerConnection reached');
      return reject();
    }
    const channel = accept();
    if (!channel) return;
    channel.pause();
    let api: ApiChannel | undefined;
    // A message comes with a cut on a permission (account disabled, sessions ended by an admin): the subscriptions hear 'permission'.
    const done = hooks.started({ end: (_cause, message) => (api ? api.end(message) : channel.close()), api: true });
    channel.on('close', goneNow);
    try {
      api = serveApi(channel, { user: who.user, source: hooks.address }, { access: deps.access, logger: log, store: deps.store, repeats: deps.repeats, ...deps.api }, done);
    } catch (error) {
      log.error({ err: String(error) }, 'the API channel failed to start');
      done();
      channel.close();
    }
  });

  /** Contains an error of the adapter (the menu) like the core contains its own: audited, the user told, the rest goes on. */
  function failed(channel: ServerChannel, work: Work, error: unknown): void {
    recordSessionFailure(deps.store, log, who.user.name, work.kind, error);
    menu = undefined;
    goneNow();
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

  /** A file transfer refused (transfer.ts): told `message` on stderr, audited, nothing reaches the target. */
  function refuseTransfer(channel: ServerChannel | undefined, attempt: TransferAttempt, message: string): void {
    const target = envTarget ?? (who.target ? formatTarget(who.target) : undefined);
    log.info({ ...attempt, target }, 'refused a file transfer');
    auditTransferRefused({ user: who.user.name, repeats: deps.repeats, onAuditError: (error) => log.error({ err: String(error) }, 'could not audit a transfer refusal') }, attempt, target);
    // A desktop client's channel (tagged) also gets the marker, so it can say why in its own words.
    const marker = refusalTag && message === TRANSFER_REFUSED ? refusalMarkerLine(refusalTag, 'transfer_disabled') : '';
    if (channel) refuse(channel, marker + message);
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
    const named = envTarget ?? who.target;
    if (!named && work.kind === 'exec' && deps.batch && isBatchCommand(work.command)) return runBatchCommand(channel, who.user.name, work.command, deps.batch);
    if (!named && work.kind === 'exec' && deps.metrics && isMetricsCommand(work.command)) return runMetricsCommand(channel, who.user.name, work.command, deps.metrics);
    if (!named && work.kind === 'exec' && deps.requests && isRequestCommand(work.command)) return runRequestCommand(channel, who.user.name, work.command, deps.requests);
    const targetText = envTarget ?? (who.target ? formatTarget(who.target) : undefined) ?? (await pickTarget(channel, work));
    if (!targetText || clientGone) return;
    // A terminal keeps little output in flight on this hop too, so Ctrl+C shows quickly.
    if (pty) capChannelBuffers(channel);
    const request = { user: who.user.name, source: hooks.source, target: targetText, kind: work.kind, command: work.kind === 'exec' ? work.command : undefined, pty, refusalTag };
    const running = deps.core.open(request, channelSide(channel));
    handle = running;
    onGone.push(() => running.end({ endedBy: 'client' }));
    await running.done;
  }
}

/** Closes a channel not yet running a session (the menu), with `message` on stderr first if given. */
function closeWithMessage(channel: ServerChannel, message: string | undefined): void {
  if (!message || !channel.writable) return void channel.close();
  // The message first (its write callback), then the cut; a stuck client gets 1 s.
  channel.stderr.write(`\r\nportcullis: ${message}\r\n`, () => channel.close());
  setTimeout(() => channel.close(), 1000).unref();
}

// Local port forwarding (ssh -L / -D / -W: `direct-tcpip` channels) under `forwarding.policy:
// allow`, for a connection whose user named a target (`ssh -L … 'alice:root@web-01'@gateway`).
//
// Each channel open is decided like a session (ssh/target.ts: a grant for that host and login now,
// deny by default). The gateway then opens `direct-tcpip` on ITS OWN SSH connection to the target
// (the credential stays here, the host key is pinned), so the destination is resolved and reached
// from the target, as OpenSSH's -J would. One such upstream connection serves every forward of the
// user's connection; while it is open the liveness watcher re-checks the grant and, when access
// ends, cuts every forward and drops the upstream connection. The bytes are not recorded: each
// forward is audited (`forwarding.open`, `forwarding.close` with byte counts) and that is all.
// While open, each forward is in the forward registry (live view, terminate one by id).
import { randomBytes } from 'node:crypto';
import type { Client, ClientChannel, Connection, ServerChannel, TcpipRequestInfo } from 'ssh2';
import { formatTarget, type Target } from '../../../shared/contract/target';
import type { AuditRepeats } from '../audit/repeats';
import type { Liveness } from '../liveness';
import type { Logger } from '../logger';
import type { ForwardRegistry } from '../sessions/forward-registry';
import { auditSafely, CONNECT_FAILED, rejectWithReason, type LocalForwardHandler } from './forwarding';
import { connectTarget, decideTarget, deniedText, unusableMessage, type TargetDeps, type UsableTarget } from '../sessions/core';

export interface LocalForwardDeps extends TargetDeps {
  logger: Logger;
  /** Ends forwards whose grant expired or was revoked; none in bare tests. */
  liveness?: Liveness;
  /** Where refused opens are audited, counted per user. */
  repeats: AuditRepeats;
  /** Open forwards, for the live view and terminate; none in bare tests. */
  forwardRegistry?: ForwardRegistry;
}

export interface LocalForwards {
  /** The `tcpip` handler for the user's connection. */
  handle: LocalForwardHandler;
  /** Ends every forward and the upstream connection, e.g. the user's connection closed. */
  end(reason: string): void;
  /** Forwards open now. */
  live(): number;
  /** Resolves once every forward opened so far has ended and its `forwarding.close` is in the audit log. */
  settled(): Promise<void>;
}

type EndedBy = 'client' | 'target' | 'access' | 'gateway' | 'terminated';

interface Forward {
  /** `by`: who ended it on purpose (terminate), kept in its `forwarding.close`. */
  stop(endedBy: EndedBy, reason?: string, by?: string): void;
}

interface Upstream {
  conn: Promise<Client>;
  unwatch?: () => void;
  client?: Client;
}

export function createLocalForwards(client: Connection, user: string, target: Target, deps: LocalForwardDeps): LocalForwards {
  const what = formatTarget(target);
  const log = deps.logger.child({ user, target: what, forwarding: 'local' });
  const forwards = new Set<Forward>();
  /** Each forward being opened or open, until its close is audited. */
  const pending = new Set<Promise<void>>();
  let upstream: Upstream | undefined;
  let ended = false;
  const audit = (type: 'forwarding.open' | 'forwarding.close', data: Record<string, unknown>) => {
    try {
      deps.store.audit.record({ type, actor: user, data });
    } catch (error) {
      log.error({ err: String(error) }, 'could not audit a forward');
    }
  };
  const refused = (data: Record<string, unknown>) =>
    auditSafely({ user, repeats: deps.repeats, onAuditError: (error) => log.error({ err: String(error) }, 'could not audit a forwarding refusal') }, 'direct-tcpip', { target: what, ...data });

  /** Drops the upstream connection (and so every forward on it). */
  const dropUpstream = (endedBy: EndedBy, reason?: string) => {
    const current = upstream;
    upstream = undefined;
    if (!current) return;
    current.unwatch?.();
    for (const forward of [...forwards]) forward.stop(endedBy, reason);
    current.client?.end();
  };

  /** The shared upstream connection, opened at the first forward; re-opened after it was lost or cut. */
  const upstreamFor = (usable: UsableTarget): Promise<Client> => {
    if (upstream) return upstream.conn;
    const current: Upstream = { conn: connectTarget(deps, user, usable, log) };
    upstream = current;
    current.conn.then(
      (conn) => {
        if (upstream !== current) return void conn.end(); // cut or ended while connecting
        current.client = conn;
        conn.once('close', () => upstream === current && dropUpstream('target'));
        // While forwards may run, the grant is re-checked like a session's (expiry, revocation).
        const check = deps.access.sessionCheck(user, target);
        let reason = 'access ended';
        current.unwatch = deps.liveness?.watch(
          {
            notify: () => {}, // no terminal to warn in; a session on the same target warns
            end: () => {
              log.info({ reason }, 'access ended: closing the forwards');
              if (upstream === current) dropUpstream('access', reason);
            },
          },
          (now) => {
            const verdict = check(now);
            if (!verdict.ok) reason = verdict.reason;
            return verdict;
          },
          { what, warnBeforeMs: 0 },
        );
      },
      () => {
        if (upstream === current) upstream = undefined; // the next forward tries again
      },
    );
    return current.conn;
  };

  const handle: LocalForwardHandler = (accept, reject, info) => {
    const to = `${info.destIP}:${String(info.destPort)}`;
    const from = `${info.srcIP}:${String(info.srcPort)}`;
    // Decided at each open, with the same code as sessions: the grant may have ended since.
    const decision = decideTarget(deps, user, target, log);
    if (!decision.ok) {
      rejectWithReason(client, reject, decision.why === 'denied' ? deniedText(target) : unusableMessage(target));
      refused({ to, from, reason: decision.why === 'denied' ? 'no grant' : 'no credential' });
      return;
    }
    const opening = open(decision.usable, to, from, info, accept, reject);
    pending.add(opening);
    void opening.finally(() => pending.delete(opening));
  };

  async function open(usable: UsableTarget, to: string, from: string, info: TcpipRequestInfo, accept: () => ServerChannel, reject: () => void): Promise<void> {
    let channel: ClientChannel;
    try {
      const conn = await upstreamFor(usable);
      channel = await forwardOut(conn, info);
    } catch (error) {
      // e.g. "web-01: Connection refused": the target could not reach the destination.
      const text = (error as Error).message.replace(/^\(SSH\) Channel open failure: /, `${usable.host.name}: `);
      if (!ended) rejectWithReason(client, reject, text, CONNECT_FAILED);
      refused({ to, from, reason: 'failed', error: text });
      return;
    }
    if (ended || !upstream) {
      channel.close();
      return reject();
    }
    const down = accept();
    const id = randomBytes(12).toString('base64url');
    const started = Date.now();
    audit('forwarding.open', { id, host: usable.host.name, login: target.login, to, from });
    log.info({ id, to, from }, 'forward opened');
    const piped = pipeForward(down, channel);
    forwards.add(piped);
    let closedAt: (at: number) => void = () => {};
    const closed = new Promise<number>((resolve) => (closedAt = resolve));
    const unregister = deps.forwardRegistry?.add({
      ...{ id, user, host: usable.host.name, login: target.login, to, from, startedAt: started },
      bytes: piped.bytes,
      cut(by, reason) {
        piped.stop('terminated', reason, by);
        return closed;
      },
    });
    const result = await piped.done;
    forwards.delete(piped);
    const { sent, received, endedBy, reason, by } = result;
    audit('forwarding.close', { id, host: usable.host.name, login: target.login, to, bytesSent: sent, bytesReceived: received, endedBy, ...(reason && { reason }), ...(by && { by }), ms: Date.now() - started });
    log.info({ id, ...result }, 'forward closed');
    unregister?.();
    closedAt(Date.now());
  }

  return {
    handle,
    end(reason) {
      if (ended) return;
      ended = true;
      log.debug({ reason }, 'ending the forwards of this connection');
      dropUpstream('gateway', reason);
    },
    live: () => forwards.size,
    async settled() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}

function forwardOut(conn: Client, info: TcpipRequestInfo): Promise<ClientChannel> {
  return new Promise((resolve, reject) =>
    conn.forwardOut(info.srcIP, info.srcPort, info.destIP, info.destPort, (err, channel) => {
      if (err) return reject(err);
      channel.on('error', () => {}); // before anything else can happen: errors end it through 'close'
      resolve(channel);
    }),
  );
}

/** Calls `then` once everything written to `stream` so far went out (or at once if it cannot write). */
function afterWrites(stream: ServerChannel, then: () => void): void {
  if (!stream.writable) return then();
  stream.write(Buffer.alloc(0), () => then()); // writes complete in order
}

/**
 * Both directions with backpressure: stream.pipe pauses a side whose peer's buffer is full, and a
 * paused ssh2 channel stops adjusting its window, so the sender stops; at most a channel window
 * plus a stream buffer is held per direction. EOF travels each way on its own (half-close); the
 * channels close when the target closes, or when the user does.
 */
export function pipeForward(
  down: ServerChannel,
  up: ClientChannel,
): Forward & { done: Promise<{ sent: number; received: number; endedBy: EndedBy; reason?: string; by?: string }>; bytes(): { sent: number; received: number } } {
  let sent = 0;
  let received = 0;
  let endedBy: EndedBy | undefined;
  let why: string | undefined;
  let actor: string | undefined;
  down.on('error', () => {});
  down.pipe(up); // the user's EOF becomes the destination's EOF (the client side stays half-open)
  // ssh2 closes a server channel when it is end()ed: EOF alone while the target may still read.
  up.pipe(down, { end: false });
  down.on('data', (d: Buffer) => (sent += d.length));
  up.on('data', (d: Buffer) => (received += d.length));
  up.once('end', () => afterWrites(down, () => down.eof()));

  const closed = (s: ServerChannel | ClientChannel) => new Promise<void>((resolve) => s.once('close', () => resolve()));
  const downClosed = closed(down);
  const upClosed = closed(up);
  void upClosed.then(() => {
    endedBy ??= 'target';
    // Whatever the user still sends has nowhere to go: drain it so 'end' (and 'close') can come.
    down.unpipe(up);
    down.resume();
    afterWrites(down, () => down.end());
  });
  void downClosed.then(() => {
    endedBy ??= 'client';
    up.unpipe(down);
    up.resume();
    up.close();
  });
  return {
    done: Promise.all([downClosed, upClosed]).then(() => ({ sent, received, endedBy: endedBy ?? 'client', ...(why !== undefined && { reason: why }), ...(actor !== undefined && { by: actor }) })),
    bytes: () => ({ sent, received }),
    stop(cause, reason, by) {
      if (endedBy === undefined) [why, actor] = [reason, by];
      endedBy ??= cause;
      up.close();
      down.close();
    },
  };
}

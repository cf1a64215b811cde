// Admission of TCP connections before SSH: at most so many connections that have not logged in
// (in all and per source address; more are closed at once, as OpenSSH's MaxStartups does), and a
// login deadline that starts at accept, so a socket that never sends its SSH banner is closed too
// (ssh2 only reports a connection once the banner has arrived).
import type { Socket } from 'node:net';
import type { AuditRepeats } from '../audit/repeats';
import type { Logger } from '../logger';
import type { ConnectionLimits } from './limits';

export interface Admission {
  /** A socket was accepted: true when it may go on to SSH; otherwise it is already destroyed. */
  admit(socket: Socket): boolean;
  /** The socket's connection logged in: it no longer counts, and its deadline is off. */
  authenticated(socket: Socket): void;
  /** Connections not logged in yet. */
  pending(): number;
}

/** How often a refusal is logged at warn (the rest at debug): a flood must not flood the log. */
const WARN_EVERY_MS = 60_000;

/**
 * Refusals are audited as `connection.refused` through the repeat counter (`repeats`): a flood of
 * refused sockets costs a few counted rows, not one row each.
 */
export function createAdmission(
  limits: Pick<ConnectionLimits, 'maxUnauthenticated' | 'maxUnauthenticatedPerSource' | 'loginTimeoutMs'>,
  logger: Logger,
  repeats?: Pick<AuditRepeats, 'record'>,
): Admission {
  const pending = new Map<Socket, { source: string; timer: NodeJS.Timeout }>();
  const perSource = new Map<string, number>();
  let lastWarn = -Infinity;

  const release = (socket: Socket) => {
    const entry = pending.get(socket);
    if (!entry) return;
    pending.delete(socket);
    clearTimeout(entry.timer);
    const left = (perSource.get(entry.source) ?? 1) - 1;
    if (left > 0) perSource.set(entry.source, left);
    else perSource.delete(entry.source);
  };

  const refuse = (socket: Socket, source: string, why: string) => {
    socket.destroy();
    const now = Date.now();
    const level = now - lastWarn >= WARN_EVERY_MS ? 'warn' : 'debug';
    if (level === 'warn') lastWarn = now;
    logger[level]({ source, pending: pending.size, limit: why }, 'refused a connection: too many connections not logged in');
    try {
      repeats?.record({ type: 'connection.refused', actor: '(not logged in)', data: { source, limit: why } }, { source });
    } catch (error) {
      logger.error({ err: String(error) }, 'could not audit a refused connection');
    }
  };

  return {
    admit(socket) {
      const source = socket.remoteAddress ?? 'unknown';
      if (pending.size >= limits.maxUnauthenticated) {
        refuse(socket, source, 'connections.maxUnauthenticated');
        return false;
      }
      if ((perSource.get(source) ?? 0) >= limits.maxUnauthenticatedPerSource) {
        refuse(socket, source, 'connections.maxUnauthenticatedPerSource');
        return false;
      }
      const timer = setTimeout(() => {
        logger.debug({ source }, 'closed a connection that did not log in in time');
        socket.destroy();
      }, limits.loginTimeoutMs);
      timer.unref();
      pending.set(socket, { source, timer });
      perSource.set(source, (perSource.get(source) ?? 0) + 1);
      socket.once('close', () => release(socket));
      return true;
    },
    authenticated: release,
    pending: () => pending.size,
  };
}

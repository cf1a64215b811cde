// The gateway's SSH server: authenticates users, then hands each session channel to
// handleSession. Port, agent and X11 forwarding are refused and audited (forwarding.ts).
import ssh2, { type Connection } from 'ssh2';
import type { Access } from '../access';
import type { Watcher } from '../liveness/watch';
import type { Logger } from '../logger';
import type { Store } from '../store';
import { authenticate, type Authenticated } from './auth';
import { createNotices, refuseConnectionForwarding } from './forwarding';
import type { HostKey } from './host-key';
import { handleSession, type LiveSession } from './session';

const MAX_AUTH_ATTEMPTS = 10;
const AUTH_TIMEOUT_MS = 60_000;

export interface SshServerDeps {
  store: Store;
  access: Access;
  hostKey: HostKey;
  logger: Logger;
  watcher?: Watcher;
}

export interface SshServer {
  server: ssh2.Server;
  liveSessions(): number;
  /** Live sessions doing user work (shells and execs, not the API subsystem). */
  liveWork(): number;
  /** Writes `text` into every interactive session's terminal. */
  notifyAll(text: string): void;
  /** Ends every connection and waits (up to `timeoutMs`) until they are closed. */
  endAll(timeoutMs?: number): Promise<void>;
}

export function createSshServer(deps: SshServerDeps): SshServer {
  const connections = new Map<Connection, Set<LiveSession>>();
  const closedWaiters = new Set<() => void>();

  const server = new ssh2.Server({ hostKeys: [deps.hostKey.privateKey], ident: 'Portcullis' }, (client, info) => {
    const log = deps.logger.child({ remote: `${info.ip}:${info.port}` });
    const sessions = new Set<LiveSession>();
    connections.set(client, sessions);
    // Keystrokes and their echo go out at once (no Nagle), like OpenSSH. Missing from ssh2's types.
    (client as unknown as { setNoDelay(noDelay: boolean): void }).setNoDelay(true);
    let who: Authenticated | undefined;
    let attempts = 0;
    const authTimer = setTimeout(() => client.end(), AUTH_TIMEOUT_MS);
    authTimer.unref();

    client.on('authentication', (ctx) => {
      if (++attempts > MAX_AUTH_ATTEMPTS) {
        ctx.reject();
        client.end();
        return;
      }
      authenticate(ctx, deps.store, log, (result) => (who = result));
    });
    client.on('ready', () => {
      clearTimeout(authTimer);
      if (!who) return client.end();
      const user = who;
      log.info({ user: user.user.name, key: user.fingerprint }, 'user logged in');
      const notices = createNotices();
      refuseConnectionForwarding(client, {
        user: user.user.name,
        audit: (event) => deps.store.audit.record(event),
        onAuditError: (error) => log.error({ err: String(error) }, 'could not audit a forwarding refusal'),
        notices,
      });
      client.on('session', (accept) => {
        const session = accept();
        handleSession(session, user, deps, {
          notices,
          started(live) {
            sessions.add(live);
            return () => sessions.delete(live);
          },
        });
      });
    });
    client.on('error', (error) => log.debug({ err: error.message }, 'connection error'));
    client.on('close', () => {
      clearTimeout(authTimer);
      for (const live of sessions) live.end();
      sessions.clear();
      connections.delete(client);
      if (connections.size === 0) for (const wake of closedWaiters) wake();
      log.debug('connection closed');
    });
  });

  return {
    server,
    liveSessions: () => [...connections.values()].reduce((n, s) => n + s.size, 0),
    liveWork: () => [...connections.values()].reduce((n, s) => n + [...s].filter((live) => !live.api).length, 0),
    notifyAll(text) {
      for (const sessions of connections.values()) for (const live of sessions) live.notify?.(text);
    },
    async endAll(timeoutMs = 5000) {
      if (connections.size === 0) return;
      const allClosed = new Promise<void>((resolve) => closedWaiters.add(resolve));
      for (const client of connections.keys()) client.end();
      const timer = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref());
      const clean = await Promise.race([allClosed.then(() => true), timer]);
      if (!clean) {
        // A peer that ignores our disconnect: drop its socket (ssh2 has no public way to do this).
        for (const client of connections.keys()) (client as unknown as { _sock?: { destroy(): void } })._sock?.destroy();
      }
    },
  };
}

// The gateway's SSH server: authenticates users, then hands each session channel to
// handleSession. Port forwarding, agent and X11 forwarding have no handler, so ssh2 refuses them.
import ssh2, { type Connection } from 'ssh2';
import type { Access } from '../access';
import type { Logger } from '../logger';
import type { SessionLifecycle } from '../sessions/lifecycle';
import type { Store } from '../store';
import { authenticate, type Authenticated } from './auth';
import type { HostKey } from './host-key';
import { handleSession, type LiveSession } from './session';

const MAX_AUTH_ATTEMPTS = 10;
const AUTH_TIMEOUT_MS = 60_000;

export interface SshServerDeps {
  store: Store;
  access: Access;
  hostKey: HostKey;
  logger: Logger;
  lifecycle?: SessionLifecycle;
}

export interface SshServer {
  server: ssh2.Server;
  liveSessions(): number;
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
      client.on('session', (accept) => {
        const session = accept();
        handleSession(session, user, deps, {
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

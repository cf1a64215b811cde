// The gateway's SSH server: authenticates users (gateway/src/auth), then hands each session
// channel to handleSession. Port, agent and X11 forwarding are refused and audited (forwarding.ts),
// except local forwarding to a named target when the policy allows it (local-forward.ts).
// Each authenticated connection is watched by the liveness loop (its account must stay enabled);
// when the account is disabled, every session and forward of the connection ends, saying why.
import { createServer, type Server as TcpServer, type Socket } from 'node:net';
import ssh2, { type Connection } from 'ssh2';
import type { Access } from '../access';
import type { BatchService } from '../batch/service';
import type { MetricsService } from '../metrics/service';
import type { RequestService } from '../requests/service';
import type { LoginPolicy } from '../auth/policy';
import type { AuditRepeats } from '../audit/repeats';
import type { LoginDelays } from '../auth/login-delays';
import { allOf, type Liveness } from '../liveness';
import type { LoginRules } from '../rules/login';
import type { Logger } from '../logger';
import { createSessionCore, type SessionCore } from '../sessions/core';
import type { EndCause } from '../sessions/end-cause';
import type { ForwardRegistry } from '../sessions/forward-registry';
import type { SessionLifecycle } from '../sessions/lifecycle';
import type { Store } from '../store';
import { createLoginFlow, type Authenticated } from './auth';
import { createAdmission } from './admission';
import { serveLoginRefusal } from './login-refusal';
import { createNotices, refuseConnectionForwarding, type ForwardingPolicy } from './forwarding';
import { createLocalForwards, type LocalForwards } from './local-forward';
import type { HostKey } from './host-key';
import { DEFAULT_CONNECTION_LIMITS, type ConnectionLimits } from './limits';
import { handleSession, type LiveSession } from './session';
import type { TransferPolicy } from './transfer';
import type { SftpLimits } from '../transfer';
import type { ApiChannelOptions } from '../api/server';

const MAX_AUTH_ATTEMPTS = 10;
const SHUTDOWN = { endedBy: 'drain', reason: 'the gateway is shutting down' } satisfies EndCause;

export interface SshServerDeps {
  store: Store;
  access: Access;
  hostKey: HostKey;
  logger: Logger;
  /** Re-checks connections (account enabled) and target sessions (grants) while they live. */
  liveness?: Liveness;
  policy: LoginPolicy;
  delays: LoginDelays;
  /** Audit of events an outsider can repeat at will (failed logins, refused forwards), counted per window. */
  repeats: AuditRepeats;
  lifecycle?: SessionLifecycle;
  /** `forwarding.policy`; default deny. */
  forwarding?: ForwardingPolicy;
  /** Where allowed forwards are listed while open (live view, terminate). */
  forwardRegistry?: ForwardRegistry;
  /** `transfer.policy`; default deny. With allow, `sftp` sessions run under these limits. */
  transfer?: TransferPolicy;
  sftp?: SftpLimits;
  /** Connection and channel limits (config `connections.*`); defaults DEFAULT_CONNECTION_LIMITS. */
  limits?: ConnectionLimits;
  /** API channel limits and event topics. */
  api?: ApiChannelOptions;
  /** The session core, when the gateway shares it with batch jobs; else one of its own. */
  core?: SessionCore;
  /** Batch jobs, for `ssh … batch`. */
  batch?: BatchService;
  /** Host metrics, for `ssh … metrics HOST`. */
  metrics?: MetricsService;
  /** Access requests, for `ssh … request`. */
  requests?: RequestService;
  /** Login rules: checked at login (auth/login.ts) and on each live connection (its source, the clock). */
  loginRules?: LoginRules;
}

export interface SshServer {
  /** The listening socket: admits connections (admission.ts), then hands them to ssh2. */
  server: TcpServer;
  /** The session core running every target session (its registry lists the live ones). */
  core: SessionCore;
  liveSessions(): number;
  /** Live user work: shells and execs (not the API subsystem), and allowed port forwards. */
  liveWork(): number;
  /** Writes `text` into every interactive session's terminal. */
  notifyAll(text: string): void;
  /** Tells each live session of `user` why, ends it, then closes the user's connections. Returns how many connections. */
  endSessionsOf(user: string, reason: string): number;
  /**
   * Ends every connection and waits (up to `timeoutMs`) until they are closed and each port
   * forward's end is in the audit log.
   */
  endAll(timeoutMs?: number): Promise<void>;
}

interface Tracked {
  sessions: Set<LiveSession>;
  who?: Authenticated;
  ending?: boolean;
  unwatch?: () => void;
  /** Allowed local forwards (policy allow, a target in the user name). */
  forwards?: LocalForwards;
}

export function createSshServer(deps: SshServerDeps): SshServer {
  const connections = new Map<Connection, Tracked>();
  const closedWaiters = new Set<() => void>();
  /** Port forwards of every connection, kept until their ends are audited (after the connection is gone). */
  const forwardSets = new Set<LocalForwards>();

  /** Tells each live session of the connection why, ends it, then drops the connection. */
  const endConnection = (client: Connection, t: Tracked, reason: string, cause: EndCause): boolean => {
    if (t.ending) return false;
    t.ending = true;
    t.unwatch?.();
    for (const live of t.sessions) live.end(cause, reason);
    t.forwards?.end(reason);
    // Give the messages a moment to reach the client, then drop the connection.
    setTimeout(() => client.end(), 300).unref();
    return true;
  };

  const core = deps.core ?? createSessionCore(deps);
  const sessionDeps = { ...deps, core };
  const limits = deps.limits ?? DEFAULT_CONNECTION_LIMITS;
  const admission = createAdmission(limits, deps.logger, deps.repeats);
  const sshServer = new ssh2.Server({ hostKeys: [deps.hostKey.privateKey], ident: 'Portcullis' }, (client, info) => {
    const log = deps.logger.child({ remote: `${info.ip}:${info.port}` });
    const tracked: Tracked = { sessions: new Set() };
    const { sessions } = tracked;
    connections.set(client, tracked);
    // Keystrokes and their echo go out at once (no Nagle), like OpenSSH. Missing from ssh2's types.
    (client as unknown as { setNoDelay(noDelay: boolean): void }).setNoDelay(true);
    let attempts = 0;
    const login = createLoginFlow(deps, info.ip, (result) => (tracked.who = result));

    client.on('authentication', (ctx) => {
      if (++attempts > MAX_AUTH_ATTEMPTS) {
        ctx.reject();
        client.end();
        return;
      }
      login.handle(ctx);
    });
    client.on('ready', () => {
      if (!tracked.who) return client.end();
      admission.authenticated(socketOf(client));
      const user = tracked.who;
      if (user.refused) {
        log.info({ user: user.user.name, key: user.fingerprint }, 'login refused by a login rule');
        return serveLoginRefusal(client, user.refused);
      }
      log.info({ user: user.user.name, key: user.fingerprint }, 'user logged in');
      // The account must stay enabled and the login rules must keep allowing this source: a rule
      // window that closes is warned in each terminal of the connection (60 s before), then cut.
      const accountCheck = deps.access.accountCheck(user.user.name);
      tracked.unwatch = deps.liveness?.watch(
        {
          notify: (text) => {
            for (const live of sessions) live.notify?.(text);
          },
          end: (_text, reason, endedBy) => endConnection(client, tracked, `${reason}; the session ends now.`, { endedBy: endedBy ?? 'user-disabled', reason }),
        },
        deps.loginRules ? allOf(accountCheck, deps.loginRules.connectionCheck(user.user.name, info.ip)) : accountCheck,
        { what: 'the gateway' },
      );
      const notices = createNotices();
      const policy = deps.forwarding ?? 'deny';
      if (policy === 'allow' && user.target) {
        const forwards = createLocalForwards(client, user.user.name, user.target, deps);
        tracked.forwards = forwards;
        forwardSets.add(forwards);
      }
      refuseConnectionForwarding(
        client,
        {
          user: user.user.name,
          repeats: deps.repeats,
          onAuditError: (error) => log.error({ err: String(error) }, 'could not audit a forwarding refusal'),
          notices,
          policy,
        },
        tracked.forwards?.handle,
      );
      let openChannels = 0;
      client.on('session', (accept, reject) => {
        if (openChannels >= limits.maxSessionsPerConnection) {
          log.warn({ user: user.user.name, limit: limits.maxSessionsPerConnection }, 'refused a session channel: connections.maxSessionsPerConnection reached');
          return reject();
        }
        const session = accept();
        openChannels++;
        session.once('close', () => openChannels--);
        handleSession(session, user, sessionDeps, {
          notices,
          source: `${info.ip}:${info.port}`,
          address: info.ip,
          mayOpenApi: () => [...sessions].filter((live) => live.api).length < limits.maxApiChannelsPerConnection,
          started(live) {
            sessions.add(live);
            return () => sessions.delete(live);
          },
        });
      });
    });
    client.on('error', (error) => log.debug({ err: error.message }, 'connection error'));
    client.on('close', () => {
      tracked.unwatch?.();
      try {
        login.closed();
      } catch (error) {
        log.warn({ err: (error as Error).message }, 'could not record the failed login'); // e.g. the store closed at shutdown
      }
      for (const live of sessions) live.end({ endedBy: 'client' });
      sessions.clear();
      const forwards = tracked.forwards;
      if (forwards) {
        forwards.end('connection closed');
        void forwards.settled().then(() => forwardSets.delete(forwards));
      }
      connections.delete(client);
      if (connections.size === 0) for (const wake of closedWaiters) wake();
      log.debug('connection closed');
    });
  });

  const server = createServer((socket) => {
    if (admission.admit(socket)) sshServer.injectSocket(socket);
  });

  return {
    server,
    core,
    liveSessions: () => [...connections.values()].reduce((n, t) => n + t.sessions.size, 0),
    liveWork: () => [...connections.values()].reduce((n, t) => n + [...t.sessions].filter((live) => !live.api).length + (t.forwards?.live() ?? 0), 0),
    notifyAll(text) {
      for (const t of connections.values()) for (const live of t.sessions) live.notify?.(text);
    },
    endSessionsOf(user, reason) {
      let ended = 0;
      for (const [client, t] of connections) if (t.who?.user.name === user && endConnection(client, t, reason, { endedBy: 'terminated', reason })) ended++;
      return ended;
    },
    async endAll(timeoutMs = 5000) {
      const timer = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref());
      if (connections.size > 0) {
        const allClosed = new Promise<void>((resolve) => closedWaiters.add(resolve));
        for (const [client, t] of connections) {
          // Each session's row says the gateway ended it, before its connection goes.
          for (const live of t.sessions) live.end(SHUTDOWN);
          t.forwards?.end(SHUTDOWN.reason);
          client.end();
        }
        const clean = await Promise.race([allClosed.then(() => true), timer]);
        if (!clean) {
          // A peer that ignores our disconnect: drop its socket (ssh2 has no public way to do this).
          for (const client of connections.keys()) socketOf(client).destroy();
        }
      }
      // Each forward's close goes into the audit log before the gateway closes its database.
      await Promise.race([Promise.all([...forwardSets].map((f) => f.settled())), timer]);
    },
  };
}

/** The connection's TCP socket (ssh2 has no public accessor). */
function socketOf(client: Connection): Socket {
  return (client as unknown as { _sock: Socket })._sock;
}

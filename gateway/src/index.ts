// The gateway as a library: startGateway() serves SSH on a data dir; the admin functions change
// what it serves. The CLI (gateway/src/cli) and the lab are thin layers over these.
import { createCommandGuard } from './rules/command';
import type { AddressInfo } from 'node:net';
import { METRICS_LIMITS } from '../../shared/contract/gateway-api/metrics';
import { createAccess } from './access';
import { createBatchService } from './batch/service';
import { registerBatchTopic } from './batch/topic';
import { recoverInterruptedForwards } from './audit';
import { createAuditRepeats } from './audit/repeats';
import { startCheckpointing, type CheckpointOptions } from './tamper/checkpointing';
import { drain, type DrainOptions } from './drain';
import { DEFAULT_LOGIN_POLICY, type LoginPolicy } from './auth/policy';
import { createLoginDelays } from './auth/login-delays';
import { createTopicRegistry, type EventLimits } from './events';
import { createLiveness } from './liveness';
import { createLoginRules } from './rules/login';
import { createLogger, type Logger } from './logger';
import { createSshSampler } from './metrics/sampler';
import { createMetricsService, type MetricsSettings } from './metrics/service';
import { registerMetricsTopic } from './metrics/topic';
import { registerHealthTopic } from './metrics/health-topic';
import { createAccessFeed, runAccessFeed } from './requests/feed';
import { createRequestService, type RequestSettings } from './requests/service';
import { registerAccessTopics } from './requests/topic';
import { containProcessFailures } from './process-failures';
import type { ApiLimits } from './api/server';
import { createSessionCore } from './sessions/core';
import { createHandshakeSlots, defaultHandshakeSlots } from './sessions/core/handshake-slots';
import { createSessionLifecycle, type RecordingOptions } from './sessions/lifecycle';
import { createForwardRegistry } from './sessions/forward-registry';
import { createLiveFeed } from './sessions/live-feed';
import { registerLiveSessionsTopic } from './sessions/live-topic';
import { createLiveWatch } from './sessions/live-watch';
import { registerWatchTopic } from './sessions/watch-topic';
import { createTerminator } from './sessions/terminate';
import { startControlServer } from './control/server';
import type { ForwardingPolicy } from './ssh/forwarding';
import type { TransferPolicy } from './ssh/transfer';
import { DEFAULT_SFTP_LIMITS, type SftpLimits } from './transfer';
import { loadOrCreateHostKey } from './ssh/host-key';
import { DEFAULT_CONNECTION_LIMITS, type ConnectionLimits } from './ssh/limits';
import { createSshServer } from './ssh/server';
import { openStore } from './store';

export interface GatewayOptions {
  /** Holds the database, the gateway's host key and (later) recordings. Created if missing. */
  dataDir: string;
  /** Default 127.0.0.1:0 (a free port; read it back from `address`). */
  listen?: { host: string; port: number };
  /** pino logger; default JSON to stderr at PORTCULLIS_LOG_LEVEL (info). */
  logger?: Logger;
  /** Lockout and login delays; defaults: 5 failures lock 30 min; failing connections wait 0, 1, 2, 4 … s up to 30 s. */
  loginPolicy?: Partial<LoginPolicy>;
  /** Identical failed logins / refused forwards are counted into one audit row per window; default 60 s. */
  auditRepeatWindowMs?: number;
  /** The liveness loop's tick, ms (default 1000): how soon a database change or a deadline reaches live connections and sessions. */
  livenessIntervalMs?: number;
  /** Login rules read the wall clock through `now` (tests move it; default Date.now). */
  loginRules?: { now?: () => number };
  /** Where PORTCULLIS_MASTER_KEY is read; default process.env. */
  env?: Record<string, string | undefined>;
  /** The master key file (config `masterKey.file`); default DATA/master.key. */
  masterKeyFile?: string;
  /** Recording settings (strict: refuse/end sessions that cannot be recorded). */
  recording?: RecordingOptions;
  /**
   * Forwarding through the gateway (config `forwarding.policy`). Default deny: everything refused.
   * allow: local forwarding (-L) to the target named in the user name, audited, not recorded.
   */
  forwarding?: { policy: ForwardingPolicy };
  /**
   * File transfer (config `transfer.*`). Default deny: sftp and scp refused, audited. allow: SFTP
   * relayed to the target, each file audited (direction, path, size, SHA-256), not recorded.
   */
  transfer?: { policy: TransferPolicy } & Partial<SftpLimits>;
  /** Connection and channel limits (config `connections.*`); see DEFAULT_CONNECTION_LIMITS. */
  connections?: Partial<ConnectionLimits>;
  /** API channel limits (docs/GATEWAY.md, Limits): its reply buffer and its event subscriptions. */
  api?: { limits?: Partial<ApiLimits>; events?: Partial<EventLimits> };
  /**
   * Log and audit uncaught exceptions and unhandled rejections of the whole process and go on
   * serving (`serve` turns this on; a library user may have its own handlers). Default false.
   */
  containProcessFailures?: boolean;
  /** Signed checkpoints of the audit chain's head (interval, copies elsewhere). */
  checkpoints?: CheckpointOptions;
  /** Host metrics from Prometheus (config `metrics.*`); without a URL every host is source_down. */
  metrics?: MetricsSettings;
  /** Access requests (config `requests.*`, `grants.maxDays`): expiry 24 h, longest window 7 days by default. */
  requests?: Partial<RequestSettings>;
  /** Batch jobs (config `batch.*`): SSH handshakes to targets batch runs may have in progress at once, all jobs together; default 4 per CPU. */
  batch?: { handshakeSlots?: number };
  /** How long the gateway's handshake with a target may take once started; default 15 s (tests shorten it). */
  upstreamReadyTimeoutMs?: number;
}

export interface Gateway {
  address: { host: string; port: number };
  /** The gateway's host key, OpenSSH one-line form: what clients pin in known_hosts. */
  hostPublicKey: string;
  /** Session channels currently running: target shells/execs plus API subsystems. */
  liveSessions(): number;
  /** Ends the live sessions of `user` with `reason` shown to them; returns how many connections it ended. */
  endSessionsOf(user: string, reason: string): number;
  /** Stops accepting, ends live sessions (and their target connections), closes the database. */
  close(): Promise<void>;
  /** Graceful close (SIGTERM): stop accepting, warn live sessions, wait up to the grace period, close. */
  drain(options?: DrainOptions): Promise<void>;
}

export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const logger = options.logger ?? createLogger();
  const store = openStore(options.dataDir, { env: options.env, masterKeyFile: options.masterKeyFile });
  // One loop re-checks every live connection (account) and target session (grants), waking on
  // database changes, including the CLI's from another process (gateway/src/liveness).
  const liveness = createLiveness(store.db, logger, options.livenessIntervalMs);
  try {
    const hostKey = loadOrCreateHostKey(options.dataDir);
    const access = createAccess(store, (grant, error) => logger.warn({ grant: grant.id, err: String(error) }, 'ignoring a grant with an unreadable selector'));
    const checkpoints = startCheckpointing({ store, dataDir: options.dataDir, privateKey: hostKey.privateKey, logger, options: options.checkpoints });
    const feed = createLiveFeed((error) => logger.error({ err: String(error) }, 'a live session listener failed'));
    const watch = createLiveWatch();
    const lifecycle = createSessionLifecycle({ store, dataDir: options.dataDir, logger, options: options.recording, feed, watch });
    const topics = createTopicRegistry();
    const forwardRegistry = createForwardRegistry(feed);
    registerLiveSessionsTopic(topics, { db: store.db, feed, forwards: forwardRegistry });
    registerWatchTopic(topics, { watch, store });
    const interrupted = lifecycle.recoverInterrupted();
    if (interrupted > 0) logger.warn({ sessions: interrupted }, 'marked sessions left live by a previous run as interrupted');
    const forwardsLeft = recoverInterruptedForwards(store.audit);
    if (forwardsLeft > 0) logger.warn({ forwards: forwardsLeft }, 'closed, in the audit log, port forwards left open by a previous run');
    const policy: LoginPolicy = { ...DEFAULT_LOGIN_POLICY, ...options.loginPolicy };
    const forwarding = options.forwarding?.policy ?? 'deny';
    const { policy: transfer = 'deny', ...sftpLimits } = options.transfer ?? {};
    const sftp: SftpLimits = { ...DEFAULT_SFTP_LIMITS, ...sftpLimits };
    const repeats = createAuditRepeats(store.audit, {
      windowMs: options.auditRepeatWindowMs,
      onError: (error) => logger.error({ err: String(error) }, 'could not audit a count of repeated events'),
    });
    const limits: ConnectionLimits = { ...DEFAULT_CONNECTION_LIMITS, ...options.connections };
    // One session core for SSH channels and batch jobs alike (gateway/src/batch runs its hosts through it).
    const handshakes = createHandshakeSlots(options.batch?.handshakeSlots ?? defaultHandshakeSlots());
    const core = createSessionCore({ store, access, logger, liveness, lifecycle, sftp, commandGuard: createCommandGuard(store), handshakes, upstreamReadyTimeoutMs: options.upstreamReadyTimeoutMs });
    const terminator = createTerminator({ registry: core.registry, forwards: forwardRegistry, store, logger });
    const batch = createBatchService({ store, access, core, logger, dataDir: options.dataDir });
    registerBatchTopic(topics, batch);
    const metricsSettings = options.metrics ?? {};
    const intervalMs = metricsSettings.intervalMs ?? METRICS_LIMITS.liveIntervalMs;
    const sampler = metricsSettings.sampler?.enabled ? createSshSampler({ store, access, logger, liveness, lifecycle, settings: { ...metricsSettings.sampler, intervalMs } }) : undefined;
    const metrics = createMetricsService({ store, access, logger, settings: metricsSettings, sampler });
    registerMetricsTopic(topics, metrics);
    const stopHealth = registerHealthTopic(topics, { metrics, logger, settings: options.metrics ?? {} });
    // A change made through the API reaches live sessions and the access topics at once.
    const onAccessWrite = () => liveness.checkNow();
    const requests = createRequestService({ store, access, settings: options.requests, onWrite: onAccessWrite });
    const accessFeed = createAccessFeed(store.db, requests, (error) => logger.error({ err: String(error) }, 'an access topic failed'));
    registerAccessTopics(topics, { access, requests, feed: accessFeed });
    const stopAccessFeed = runAccessFeed(accessFeed, liveness);
    const loginRules = createLoginRules(store, options.loginRules?.now);
    const ssh = createSshServer({
      ...{ store, access, hostKey, logger, liveness, lifecycle, policy, delays: createLoginDelays(policy), repeats, forwarding, forwardRegistry, transfer, sftp, limits, core, batch, metrics, requests, loginRules },
      api: { limits: options.api?.limits, events: { topics, liveness, limits: options.api?.events }, terminator, batch, metrics, requests, onAccessWrite, review: { dataDir: options.dataDir, hostKey } },
    });
    const listen = options.listen ?? { host: '127.0.0.1', port: 0 };
    await new Promise<void>((resolve, reject) => {
      ssh.server.once('error', reject);
      ssh.server.listen(listen.port, listen.host, () => {
        ssh.server.off('error', reject);
        resolve();
      });
    });
    ssh.server.on('error', (error: Error) => logger.error({ err: error.message }, 'server error'));
    const bound = ssh.server.address() as AddressInfo;
    const address = { host: bound.address, port: bound.port };
    logger.info({ address: `${address.host}:${address.port}`, hostKey: hostKey.publicKey }, 'gateway listening');
    // The CLI's way in (`sessions terminate`); without it the gateway still serves, the CLI says so.
    const control = await startControlServer({ dataDir: options.dataDir, terminator, logger }).catch((error: unknown) => {
      logger.warn({ err: String(error) }, 'no control socket: `sessions terminate` on the CLI cannot reach this gateway');
      return undefined;
    });
    store.audit.record({ type: 'gateway.start', actor: 'gateway', data: { address: `${address.host}:${address.port}`, pid: process.pid, forwarding, transfer } });
    const uncontain = options.containProcessFailures ? containProcessFailures({ logger, audit: (event) => store.audit.record(event) }) : undefined;
    checkpoints.checkpoint();
    if (forwarding === 'allow') logger.warn('forwarding.policy is allow: local port forwards are audited but their traffic is not recorded');
    if (transfer === 'allow') logger.warn('transfer.policy is allow: sftp is relayed, each file audited with its SHA-256; file contents are not recorded');

    let closing: Promise<void> | undefined;
    const gateway: Gateway = {
      address,
      hostPublicKey: hostKey.publicKey,
      liveSessions: ssh.liveSessions,
      endSessionsOf: ssh.endSessionsOf,
      close() {
        closing ??= (async () => {
          const live = ssh.liveSessions();
          const stopped = new Promise<void>((resolve) => ssh.server.close(() => resolve()));
          const controlClosed = control?.close(); // awaited after endAll: a terminate in flight waits for its session to end
          await ssh.endAll();
          await batch.close(); // running jobs interrupted, their host runs ended
          metrics.close();
          stopHealth();
          await sampler?.close(); // its sessions end (drain) before the lifecycle closes their rows
          stopAccessFeed();
          liveness.stop();
          await stopped;
          await controlClosed;
          await lifecycle.drain(); // recordings flushed and closed, rows ended
          repeats.flush(); // counts of repeated failures and refusals, before the stop
          store.audit.record({ type: 'gateway.stop', actor: 'gateway', data: { liveSessions: live } });
          uncontain?.();
          checkpoints.stop();
          checkpoints.checkpoint();
          store.close();
          logger.info('gateway stopped');
        })();
        return closing;
      },
      drain: (drainOptions) => drain(ssh, () => gateway.close(), logger, drainOptions),
    };
    return gateway;
  } catch (error) {
    liveness.stop();
    store.close();
    throw error;
  }
}

export { createAdmin, openGatewayAdmin, AdminError, type GatewayAdmin } from './admin';
export { createLogger, silentLogger, type Logger } from './logger';

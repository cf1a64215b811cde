// PORTCULLIS_* environment overrides: one table, used to read them and to document them.
import type { ConfigLayer } from './schema';

type Kind = 'string' | 'int' | 'number' | 'boolean';

export interface EnvOverride {
  name: string;
  /** Dotted key in the config file. */
  key: string;
  kind: Kind;
  what: string;
}

export const ENV_OVERRIDES: readonly EnvOverride[] = [
  { name: 'PORTCULLIS_LISTEN', key: 'listen', kind: 'string', what: 'address:port to listen on' },
  { name: 'PORTCULLIS_LOG_LEVEL', key: 'logLevel', kind: 'string', what: 'fatal, error, warn, info, debug, trace or silent' },
  { name: 'PORTCULLIS_SHUTDOWN_GRACE_SECONDS', key: 'shutdown.graceSeconds', kind: 'number', what: 'how long SIGTERM waits for live sessions' },
  { name: 'PORTCULLIS_RECORDING_ENABLED', key: 'recording.enabled', kind: 'boolean', what: 'record sessions (on by default)' },
  { name: 'PORTCULLIS_RECORDING_STRICT', key: 'recording.strict', kind: 'boolean', what: 'refuse/end sessions that cannot be recorded' },
  { name: 'PORTCULLIS_RECORDING_DIRECT_IO', key: 'recording.directIo', kind: 'boolean', what: 'write large recording batches with O_DIRECT' },
  { name: 'PORTCULLIS_LOCKOUT_MAX_FAILURES', key: 'lockout.maxFailures', kind: 'int', what: 'failed logins before an account is locked' },
  { name: 'PORTCULLIS_LOCKOUT_MINUTES', key: 'lockout.minutes', kind: 'number', what: 'how long a locked account stays locked' },
  { name: 'PORTCULLIS_LOCKOUT_DELAY_INITIAL_MS', key: 'lockout.delay.initialMs', kind: 'int', what: 'first delay after a failure from an address' },
  { name: 'PORTCULLIS_LOCKOUT_DELAY_MAX_MS', key: 'lockout.delay.maxMs', kind: 'int', what: 'longest delay (it doubles per failure)' },
  { name: 'PORTCULLIS_MASTER_KEY_FILE', key: 'masterKey.file', kind: 'string', what: 'master key file (relative to the data dir)' },
  { name: 'PORTCULLIS_GRANTS_MAX_DAYS', key: 'grants.maxDays', kind: 'number', what: 'longest grant window, in days (no limit by default)' },
  { name: 'PORTCULLIS_REQUESTS_EXPIRY_HOURS', key: 'requests.expiryHours', kind: 'number', what: 'how long an access request waits for a decision' },
  { name: 'PORTCULLIS_REQUESTS_MAX_HOURS', key: 'requests.maxHours', kind: 'number', what: 'longest access an operator may request' },
  { name: 'PORTCULLIS_AUDIT_CHECKPOINT_MINUTES', key: 'audit.checkpointMinutes', kind: 'number', what: 'how often the audit chain\'s head is signed (also at start and stop)' },
  { name: 'PORTCULLIS_FORWARDING', key: 'forwarding.policy', kind: 'string', what: 'deny, or allow local forwarding (-L; audited, not recorded)' },
  { name: 'PORTCULLIS_TRANSFER_POLICY', key: 'transfer.policy', kind: 'string', what: 'deny (file transfer with sftp/scp refused) or allow (sftp relayed, each file audited)' },
  { name: 'PORTCULLIS_MAX_UNAUTHENTICATED', key: 'connections.maxUnauthenticated', kind: 'int', what: 'connections not logged in yet, in all' },
  { name: 'PORTCULLIS_MAX_UNAUTHENTICATED_PER_SOURCE', key: 'connections.maxUnauthenticatedPerSource', kind: 'int', what: 'connections not logged in yet, per source address' },
  { name: 'PORTCULLIS_LOGIN_TIMEOUT_SECONDS', key: 'connections.loginTimeoutSeconds', kind: 'number', what: 'from TCP accept to a completed login' },
  { name: 'PORTCULLIS_MAX_SESSIONS', key: 'connections.maxSessions', kind: 'int', what: 'open session channels per connection' },
  { name: 'PORTCULLIS_METRICS_PROMETHEUS_URL', key: 'metrics.prometheus.url', kind: 'string', what: 'the Prometheus HTTP API host metrics are read from (none: no metrics)' },
  { name: 'PORTCULLIS_METRICS_INSTANCE', key: 'metrics.instance', kind: 'string', what: "a host's Prometheus instance when it has no instance tag ({host}: its address without the port, {name}: its name)" },
  { name: 'PORTCULLIS_METRICS_HEALTH_CPU_WARN', key: 'metrics.health.cpu.warn', kind: 'number', what: 'tree health: CPU busy % from which a host is warn' },
  { name: 'PORTCULLIS_METRICS_HEALTH_CPU_CRITICAL', key: 'metrics.health.cpu.critical', kind: 'number', what: 'tree health: CPU busy % from which a host is critical' },
  { name: 'PORTCULLIS_METRICS_HEALTH_MEMORY_WARN', key: 'metrics.health.memory.warn', kind: 'number', what: 'tree health: memory used % from which a host is warn' },
  { name: 'PORTCULLIS_METRICS_HEALTH_MEMORY_CRITICAL', key: 'metrics.health.memory.critical', kind: 'number', what: 'tree health: memory used % from which a host is critical' },
  { name: 'PORTCULLIS_METRICS_HEALTH_DISK_WARN', key: 'metrics.health.disk.warn', kind: 'number', what: 'tree health: the fullest disk\'s used % from which a host is warn' },
  { name: 'PORTCULLIS_METRICS_HEALTH_DISK_CRITICAL', key: 'metrics.health.disk.critical', kind: 'number', what: 'tree health: the fullest disk\'s used % from which a host is critical' },
  { name: 'PORTCULLIS_METRICS_MATCH', key: 'metrics.match', kind: 'string', what: "how a host without an instance tag is found in Prometheus: instance (the template) or nodename (node_uname_info)" },
  { name: 'PORTCULLIS_METRICS_SAMPLER_ENABLED', key: 'metrics.sampler.enabled', kind: 'boolean', what: 'read hosts tagged metrics=ssh over SSH (one exec per watched host)' },
  { name: 'PORTCULLIS_METRICS_SAMPLER_LOGIN', key: 'metrics.sampler.login', kind: 'string', what: "the login the SSH sampler uses (none: the host's first login with a credential)" },
  { name: 'PORTCULLIS_MAX_API_CHANNELS', key: 'connections.maxApiChannels', kind: 'int', what: 'API channels per connection' },
  { name: 'PORTCULLIS_BATCH_HANDSHAKE_SLOTS', key: 'batch.handshakeSlots', kind: 'int', what: 'SSH handshakes to targets batch jobs may have in progress at once, all jobs together (default 4 per CPU)' },
];

/** Thrown for a value that cannot be read; names the variable or key. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

function convert(o: EnvOverride, raw: string): unknown {
  const text = raw.trim();
  switch (o.kind) {
    case 'string':
      return text;
    case 'boolean':
      if (/^(true|1|yes|on)$/i.test(text)) return true;
      if (/^(false|0|no|off)$/i.test(text)) return false;
      throw new ConfigError(`${o.name}: expected true or false, got ${JSON.stringify(raw)}`);
    case 'int':
    case 'number': {
      const n = Number(text);
      if (text === '' || !Number.isFinite(n)) throw new ConfigError(`${o.name}: expected a number, got ${JSON.stringify(raw)}`);
      return n;
    }
  }
}

/** The layer the environment gives (only the variables that are set and non-empty). */
export function envLayer(env: Record<string, string | undefined>): { layer: ConfigLayer; sources: Map<string, string> } {
  const layer: Record<string, unknown> = {};
  const sources = new Map<string, string>();
  for (const o of ENV_OVERRIDES) {
    const raw = env[o.name];
    if (raw === undefined || raw === '') continue;
    setPath(layer, o.key, convert(o, raw));
    sources.set(o.key, o.name);
  }
  return { layer: layer as ConfigLayer, sources };
}

export function setPath(target: Record<string, unknown>, dotted: string, value: unknown): void {
  const parts = dotted.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
  node[parts.at(-1)!] = value;
}

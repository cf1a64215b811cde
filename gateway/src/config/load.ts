// Resolves the gateway's configuration. Precedence: command-line flag > PORTCULLIS_* environment >
// config file > DEFAULTS. The file is `--config FILE` (or $PORTCULLIS_CONFIG), else
// DATA/gateway.yaml when it exists. Every error names the file/variable/flag and the key.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { parseAddress, type Address } from '../address';
import type { MetricsMatch } from '../metrics/instance';
import type { ConnectionLimits } from '../ssh/limits';
import { HealthThresholdsSchema, type HealthThresholds } from '../../../shared/contract/host-health';
import { ConfigError, envLayer } from './env';
import { configLayer, DEFAULTS, type ConfigLayer, type LOG_LEVELS, type FORWARDING_POLICIES, type TRANSFER_POLICIES } from './schema';

export const CONFIG_FILE_NAME = 'gateway.yaml';
export const DATA_ENV = 'PORTCULLIS_DATA';
export const CONFIG_ENV = 'PORTCULLIS_CONFIG';
/** Holds the master key itself (base64); wins over masterKey.file. Never copied into the config. */
export const MASTER_KEY_ENV = 'PORTCULLIS_MASTER_KEY';

export interface GatewayConfig {
  dataDir: string;
  /** The file that was read, if any. */
  configFile: string | undefined;
  listen: Address;
  logLevel: (typeof LOG_LEVELS)[number];
  shutdown: { graceMs: number };
  recording: { enabled: boolean; strict: boolean; directIo: boolean };
  lockout: { maxFailures: number; lockMs: number; delay: { initialMs: number; maxMs: number } };
  /** Where the credential master key comes from (the key itself is read by whoever needs it). */
  masterKey: { source: 'env'; variable: string } | { source: 'file'; path: string };
  forwarding: { policy: (typeof FORWARDING_POLICIES)[number] };
  transfer: { policy: (typeof TRANSFER_POLICIES)[number]; maxOpenHandles: number };
  connections: ConnectionLimits;
  /** Signed checkpoints of the audit chain: how often, and where else they go (absolute paths). */
  audit: { checkpointMs: number; checkpointCopies: string[]; checkpointCommand: string[] | undefined };
  /** Batch jobs (batch.*); handshakeSlots undefined: 4 per CPU. */
  batch: { handshakeSlots: number | undefined };
  /** Longest grant window, ms; undefined = no limit (grants.maxDays). */
  grants: { maxMs: number | undefined };
  /** Access requests: how long one waits for a decision, and the longest access one may ask for (requests.*). */
  requests: { expiryMs: number; maxDurationMs: number };
  /** Host metrics (metrics.*); no prometheusUrl: none. */
  metrics: {
    prometheusUrl: string | undefined;
    timeoutMs: number;
    instanceTemplate: string;
    intervalMs: number;
    rateWindowSec: number;
    match: MetricsMatch;
    sampler: { enabled: boolean; login: string | undefined; historyMinutes: number };
    healthThresholds: HealthThresholds;
  };
}

/** What the command line gave (undefined = not given). */
export interface CliSettings {
  data?: string;
  config?: string;
  listen?: string;
  logLevel?: string;
}

function describeIssues(error: z.ZodError, where: (path: string) => string): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.join('.');
      const keys = issue.code === 'unrecognized_keys' ? ` (${issue.keys.map((k) => (path ? `${path}.${k}` : k)).join(', ')})` : '';
      return `${where(path)}: ${issue.message}${keys}`;
    })
    .join('; ');
}

function validate(layer: unknown, where: (path: string) => string): ConfigLayer {
  const result = configLayer.safeParse(layer);
  if (!result.success) throw new ConfigError(describeIssues(result.error, where));
  return result.data;
}

function readFileLayer(file: string): ConfigLayer {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read config file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = parseYaml(text) ?? {};
  } catch (error) {
    throw new ConfigError(`${file}: not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  if (typeof parsed !== 'object' || Array.isArray(parsed)) throw new ConfigError(`${file}: expected a mapping of settings at the top level`);
  return validate(dropNulls(parsed), (path) => `${file}: ${path || '(top level)'}`);
}

/** A key with nothing after it (a section whose lines are all commented out) means "the default". */
function dropNulls(value: unknown): unknown {
  if (!isPlain(value)) return value;
  return Object.fromEntries(Object.entries(value).flatMap(([k, v]) => (v === null ? [] : [[k, dropNulls(v)]])));
}

const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Later layers win; nested sections merge key by key. */
export function mergeLayers(...layers: ConfigLayer[]): Record<string, unknown> {
  const merge = (base: Record<string, unknown>, over: Record<string, unknown>) => {
    const out: Record<string, unknown> = { ...base };
    for (const [k, v] of Object.entries(over)) {
      if (v === undefined) continue;
      out[k] = isPlain(v) && isPlain(out[k]) ? merge(out[k] as Record<string, unknown>, v) : v;
    }
    return out;
  };
  return layers.reduce<Record<string, unknown>>((acc, layer) => merge(acc, layer as Record<string, unknown>), {});
}

export function resolveConfig(cli: CliSettings, env: Record<string, string | undefined>): GatewayConfig {
  const explicitFile = cli.config ?? (env[CONFIG_ENV] || undefined);
  let fileLayer: ConfigLayer = {};
  let configFile: string | undefined;
  if (explicitFile) {
    configFile = resolve(explicitFile);
    fileLayer = readFileLayer(configFile);
  }
  const fileDataDir = fileLayer.dataDir && configFile ? resolve(dirname(configFile), fileLayer.dataDir) : undefined;
  const dataDirText = cli.data ?? (env[DATA_ENV] || undefined) ?? fileDataDir;
  if (!dataDirText) throw new ConfigError(`no data directory: pass --data DIR, set ${DATA_ENV}, or give dataDir in a --config file`);
  const dataDir = resolve(dataDirText);
  if (!configFile && existsSync(join(dataDir, CONFIG_FILE_NAME))) {
    configFile = join(dataDir, CONFIG_FILE_NAME);
    fileLayer = readFileLayer(configFile);
  }

  const fromEnv = envLayer(env);
  const envValues = validate(fromEnv.layer, (path) => fromEnv.sources.get(path) ?? path);
  const cliValues = validate(
    { listen: cli.listen, logLevel: cli.logLevel },
    (path) => ({ listen: '--listen', logLevel: '--log-level' })[path] ?? path,
  );
  const merged = configLayer.parse(mergeLayers(DEFAULTS, fileLayer, envValues, cliValues)) as Required<ConfigLayer> & typeof DEFAULTS;

  const delay = { initialMs: merged.lockout.delay!.initialMs!, maxMs: merged.lockout.delay!.maxMs! };
  if (delay.maxMs < delay.initialMs) throw new ConfigError(`lockout.delay.maxMs (${delay.maxMs}) is less than lockout.delay.initialMs (${delay.initialMs})`);
  const keyFile = merged.masterKey.file!;
  return {
    dataDir,
    configFile,
    listen: parseAddress(merged.listen, { allowPortZero: true })!,
    logLevel: merged.logLevel,
    shutdown: { graceMs: Math.round(merged.shutdown.graceSeconds! * 1000) },
    recording: { enabled: merged.recording.enabled!, strict: merged.recording.strict!, directIo: merged.recording.directIo! },
    lockout: { maxFailures: merged.lockout.maxFailures!, lockMs: Math.round(merged.lockout.minutes! * 60_000), delay },
    masterKey: env[MASTER_KEY_ENV] ? { source: 'env', variable: MASTER_KEY_ENV } : { source: 'file', path: isAbsolute(keyFile) ? keyFile : join(dataDir, keyFile) },
    forwarding: { policy: merged.forwarding.policy! },
    transfer: { policy: merged.transfer.policy!, maxOpenHandles: merged.transfer.maxOpenHandles! },
    connections: {
      maxUnauthenticated: merged.connections.maxUnauthenticated!,
      maxUnauthenticatedPerSource: merged.connections.maxUnauthenticatedPerSource!,
      loginTimeoutMs: Math.round(merged.connections.loginTimeoutSeconds! * 1000),
      maxSessionsPerConnection: merged.connections.maxSessions!,
      maxApiChannelsPerConnection: merged.connections.maxApiChannels!,
    },
    audit: {
      checkpointMs: Math.round(merged.audit.checkpointMinutes! * 60_000),
      checkpointCopies: merged.audit.checkpointCopies!.map((file) => resolve(dataDir, file)),
      checkpointCommand: merged.audit.checkpointCommand,
    },
    batch: { handshakeSlots: merged.batch?.handshakeSlots },
    grants: { maxMs: merged.grants?.maxDays === undefined ? undefined : Math.round(merged.grants.maxDays * 86_400_000) },
    requests: { expiryMs: Math.round(merged.requests.expiryHours! * 3_600_000), maxDurationMs: Math.round(merged.requests.maxHours! * 3_600_000) },
    metrics: {
      prometheusUrl: merged.metrics.prometheus?.url,
      timeoutMs: Math.round(merged.metrics.prometheus!.timeoutSeconds! * 1000),
      instanceTemplate: merged.metrics.instance!,
      intervalMs: Math.round(merged.metrics.intervalSeconds! * 1000),
      rateWindowSec: merged.metrics.rateWindowSeconds!,
      healthThresholds: healthThresholds(merged.metrics.health!),
      match: merged.metrics.match!,
      sampler: { enabled: merged.metrics.sampler!.enabled!, login: merged.metrics.sampler!.login, historyMinutes: merged.metrics.sampler!.historyMinutes! },
    },
  };
}

/** The merged `metrics.health` thresholds; warn above critical stops the start, naming the keys. */
function healthThresholds(merged: unknown): HealthThresholds {
  const checked = HealthThresholdsSchema.safeParse(merged);
  if (checked.success) return checked.data;
  const issue = checked.error.issues[0]!;
  throw new ConfigError(`metrics.health.${issue.path.join('.')}: ${issue.message}`);
}

// What the gateway's config file may say, and what it means when it says nothing. Every section is
// optional in a layer (file, environment, command line); layers are merged over DEFAULTS.
import { z } from 'zod';
import { parseAddress } from '../address';
import { DEFAULT_CONNECTION_LIMITS as LIMITS } from '../ssh/limits';
import { DEFAULT_SFTP_LIMITS } from '../transfer';
import { DEFAULT_INSTANCE_TEMPLATE, METRICS_MATCHES } from '../metrics/instance';
import { parsePrometheusUrl } from '../metrics/prometheus';
import { DEFAULT_HEALTH_THRESHOLDS } from '../../../shared/contract/host-health';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const FORWARDING_POLICIES = ['deny', 'allow'] as const;
/** `allow` (relaying SFTP with a record per file) is planned: accepted here so the gateway can refuse to start with a clear reason. */
export const TRANSFER_POLICIES = ['deny', 'allow'] as const;

const listen = z.string().refine((s) => parseAddress(s, { allowPortZero: true }) !== null, 'expected ADDRESS:PORT, e.g. 0.0.0.0:2222');
const ms = z.int().min(0);
const prometheusUrl = z.string().superRefine((text, ctx) => {
  try {
    parsePrometheusUrl(text);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message.replace(/^metrics\.prometheus\.url: /, '') });
  }
});

const percent = z.number().min(0).max(100);
/** warn ≤ critical is checked once the layers are merged (a layer may give one of the two). */
const healthThreshold = z.strictObject({ warn: percent, critical: percent }).partial();

/** One layer of configuration. Strict: a misspelt key is an error, not silently ignored. */
export const configLayer = z.strictObject({
  /** Only honoured in a file given with --config (DATA/gateway.yaml is found through the data dir). */
  dataDir: z.string().min(1).optional(),
  listen: listen.optional(),
  logLevel: z.enum(LOG_LEVELS).optional(),
  shutdown: z.strictObject({ graceSeconds: z.number().min(0).max(3600) }).partial().optional(),
  recording: z.strictObject({ enabled: z.boolean(), strict: z.boolean(), directIo: z.boolean() }).partial().optional(),
  lockout: z
    .strictObject({
      maxFailures: z.int().min(1),
      minutes: z.number().positive(),
      delay: z.strictObject({ initialMs: ms, maxMs: ms }).partial(),
    })
    .partial()
    .optional(),
  masterKey: z.strictObject({ file: z.string().min(1) }).partial().optional(),
  forwarding: z.strictObject({ policy: z.enum(FORWARDING_POLICIES) }).partial().optional(),
  transfer: z.strictObject({ policy: z.enum(TRANSFER_POLICIES), maxOpenHandles: z.int().min(1).max(10_000) }).partial().optional(),
  connections: z
    .strictObject({
      maxUnauthenticated: z.int().min(1).max(100_000),
      maxUnauthenticatedPerSource: z.int().min(1).max(100_000),
      loginTimeoutSeconds: z.number().min(1).max(3600),
      maxSessions: z.int().min(1).max(10_000),
      maxApiChannels: z.int().min(1).max(10_000),
    })
    .partial()
    .optional(),
  grants: z.strictObject({ maxDays: z.number().positive() }).partial().optional(),
  /** No default here: it depends on the machine (4 per CPU, sessions/core/handshake-slots.ts). */
  batch: z.strictObject({ handshakeSlots: z.int().min(1).max(10_000) }).partial().optional(),
  requests: z.strictObject({ expiryHours: z.number().positive().max(720), maxHours: z.number().positive().max(8760) }).partial().optional(),
  metrics: z
    .strictObject({
      prometheus: z.strictObject({ url: prometheusUrl, timeoutSeconds: z.number().min(0.1).max(60) }).partial(),
      instance: z.string().min(1).max(255),
      intervalSeconds: z.number().min(1).max(300),
      rateWindowSeconds: z.int().min(1).max(3600),
      health: z.strictObject({ cpu: healthThreshold, memory: healthThreshold, disk: healthThreshold }).partial(),
      match: z.enum(METRICS_MATCHES),
      sampler: z.strictObject({ enabled: z.boolean(), login: z.string().min(1).max(255), historyMinutes: z.number().min(1).max(24 * 60) }).partial(),
    })
    .partial()
    .optional(),
  audit: z
    .strictObject({
      checkpointMinutes: z.number().min(0.1).max(24 * 60),
      checkpointCopies: z.array(z.string().min(1)).max(16),
      checkpointCommand: z.array(z.string().min(1)).min(1).max(64),
    })
    .partial()
    .optional(),
});

export type ConfigLayer = z.infer<typeof configLayer>;

/** Every setting with its value when no layer gives one. */
export const DEFAULTS = {
  listen: '127.0.0.1:2222',
  logLevel: 'info',
  shutdown: { graceSeconds: 10 },
  recording: { enabled: true, strict: false, directIo: true },
  lockout: { maxFailures: 5, minutes: 30, delay: { initialMs: 1000, maxMs: 30_000 } },
  masterKey: { file: 'master.key' },
  forwarding: { policy: 'deny' },
  transfer: { policy: 'deny', maxOpenHandles: DEFAULT_SFTP_LIMITS.maxOpenHandles },
  audit: { checkpointMinutes: 5, checkpointCopies: [] },
  requests: { expiryHours: 24, maxHours: 168 },
  metrics: { prometheus: { timeoutSeconds: 4 }, instance: DEFAULT_INSTANCE_TEMPLATE, intervalSeconds: 5, rateWindowSeconds: 60, health: DEFAULT_HEALTH_THRESHOLDS, match: 'instance', sampler: { enabled: false, historyMinutes: 60 } },
  connections: {
    maxUnauthenticated: LIMITS.maxUnauthenticated,
    maxUnauthenticatedPerSource: LIMITS.maxUnauthenticatedPerSource,
    loginTimeoutSeconds: LIMITS.loginTimeoutMs / 1000,
    maxSessions: LIMITS.maxSessionsPerConnection,
    maxApiChannels: LIMITS.maxApiChannelsPerConnection,
  },
} as const satisfies ConfigLayer;

// Gateway API section "metrics": a host's CPU, memory, load, disk and network, read by the
// gateway from the monitoring system (Prometheus + node_exporter) for hosts the caller may reach
// (the same access decision as a session). States travel as codes; the renderer words them.
import { z } from 'zod';
import type { EventTable } from '../../rpc/protocol';
import { topicEvents } from './events';
import type { GatewayApiSection, GatewayMethodTable } from './policy';

export const METRICS_RANGES = ['15m', '1h', '6h', '24h'] as const;
export const MetricsRangeSchema = z.enum(METRICS_RANGES);
export type MetricsRange = z.infer<typeof MetricsRangeSchema>;

export const METRICS_LIMITS = {
  /** Points per series a range answer holds at most (the step is chosen to stay within it). */
  maxPoints: 600,
  /** Series per metric (mounts, disks, interfaces); the rest are left out. */
  maxSeriesPerMetric: 16,
  /** How often a watched host is read, ms. */
  liveIntervalMs: 5000,
  /** The longest past window `metrics.range { from, to }` answers (7 days). */
  maxWindowMs: 7 * 24 * 3600 * 1000,
  /** Hosts one `metrics.batch` answer holds values for (a job's first hosts that ran). */
  maxBatchHosts: 5000,
} as const;

/**
 * ok: values came. no_data: the source answered but has nothing for this host (no exporter, or
 * a wrong `instance`). source_down: the source did not answer (or answered with an error).
 * not_permitted: the caller may not reach this host (or it does not exist: the same answer).
 */
export const METRICS_STATES = ['ok', 'no_data', 'source_down', 'not_permitted'] as const;
export const MetricsStateSchema = z.enum(METRICS_STATES);
export type MetricsState = z.infer<typeof MetricsStateSchema>;

/**
 * cpu, memory, disk_used: percent (0–100). load1/5/15: run-queue length (divide by `cores` for per
 * core). disk_read, disk_write, net_rx, net_tx: bytes per second. `label`: the mount point, disk
 * device or network interface (absent for the host-wide metrics).
 */
export const METRIC_NAMES = ['cpu', 'memory', 'load1', 'load5', 'load15', 'cores', 'disk_used', 'disk_read', 'disk_write', 'net_rx', 'net_tx'] as const;
export const MetricNameSchema = z.enum(METRIC_NAMES);
export type MetricName = z.infer<typeof MetricNameSchema>;

export const MetricValueSchema = z.object({ metric: MetricNameSchema, label: z.string().max(256).optional(), value: z.number() });
export type MetricValue = z.infer<typeof MetricValueSchema>;

/** `[ms since epoch, value]` pairs, oldest first. */
export const MetricSeriesSchema = z.object({
  metric: MetricNameSchema,
  label: z.string().max(256).optional(),
  points: z.array(z.tuple([z.number(), z.number()])).max(METRICS_LIMITS.maxPoints + 1),
});
export type MetricSeries = z.infer<typeof MetricSeriesSchema>;

/** One reading of a host: its state and, when ok, the values at `at`. */
export const MetricsSampleSchema = z.object({
  host: z.string(),
  state: MetricsStateSchema,
  /** When it was read, ms since epoch. */
  at: z.number(),
  values: z.array(MetricValueSchema),
});
export type MetricsSample = z.infer<typeof MetricsSampleSchema>;

export const MetricsRangeResultSchema = z.object({
  host: z.string(),
  state: MetricsStateSchema,
  start: z.number(),
  end: z.number(),
  stepMs: z.number().int().positive(),
  series: z.array(MetricSeriesSchema),
});
export type MetricsRangeResult = z.infer<typeof MetricsRangeResultSchema>;

const HostName = z.string().min(1).max(255);
const EpochMs = z.number().int().min(0);

/** Either the last `range`, or a past window `from`–`to` (ms since the epoch, at most 7 days long). */
export const MetricsRangeParamsSchema = z
  .object({ host: HostName, range: MetricsRangeSchema.optional(), from: EpochMs.optional(), to: EpochMs.optional() })
  .strict()
  .superRefine((p, ctx) => {
    const window = p.from !== undefined || p.to !== undefined;
    if ((p.range !== undefined) === window) ctx.addIssue({ code: 'custom', message: 'give either range, or from and to' });
    else if (window && (p.from === undefined || p.to === undefined)) ctx.addIssue({ code: 'custom', message: 'give both from and to' });
    else if (window && !(p.to! > p.from!)) ctx.addIssue({ code: 'custom', path: ['to'], message: 'to must be after from' });
    else if (window && p.to! - p.from! > METRICS_LIMITS.maxWindowMs) ctx.addIssue({ code: 'custom', path: ['to'], message: 'a window is at most 7 days long' });
  });
export type MetricsRangeParams = z.infer<typeof MetricsRangeParamsSchema>;

/** CPU and memory (%) of each host of a batch job at the end of its run; absent when unknown. */
export const BatchHostMetricsSchema = z.object({ host: z.string(), at: z.number().int(), cpu: z.number().optional(), memory: z.number().optional() });
export type BatchHostMetrics = z.infer<typeof BatchHostMetricsSchema>;

export const MetricsBatchResultSchema = z.object({
  job: z.string(),
  /** The source's state for the whole job: ok, no_data (none of its hosts known), source_down. */
  state: MetricsStateSchema,
  /** Only the hosts whose run ended and whose host the source knows. */
  hosts: z.array(BatchHostMetricsSchema).max(METRICS_LIMITS.maxBatchHosts),
});
export type MetricsBatchResult = z.infer<typeof MetricsBatchResultSchema>;

export const metricsMethods = {
  /** The host's series over the last `range` or a past window; refused (`denied`) for a host the caller may not reach. */
  'metrics.range': {
    params: MetricsRangeParamsSchema,
    result: MetricsRangeResultSchema,
    policy: 'own-data',
  },
  /** CPU and memory of a batch job's hosts at the end of each host's run, in one query; the job as batch.get scopes it. */
  'metrics.batch': {
    params: z.object({ job: z.string().min(1).max(64) }).strict(),
    result: MetricsBatchResultSchema,
    policy: { roles: ['operator', 'security', 'admin'] },
  },
} satisfies GatewayMethodTable;

export const metricsTopics = {
  /** The host's values every 5 s (the first at once), shared by every subscriber of the host. */
  'metrics.live': { params: z.object({ host: HostName }).strict(), data: MetricsSampleSchema },
};

export const metricsSection = { methods: metricsMethods, events: topicEvents(metricsTopics) satisfies EventTable, topics: metricsTopics } satisfies GatewayApiSection;

// Gateway API section "metrics health": the tree's health indicators. One subscription names up
// to MAX_HEALTH_HOSTS hosts (the rows on screen) and gets, every metrics interval, each host's
// level (ok / warn / critical / unknown) with the figures behind it, judged at the gateway against
// its thresholds (`metrics.health.*`). Hosts the caller may not reach (or that do not exist) are
// `not_permitted`, with no figures.
import { z } from 'zod';
import type { EventTable } from '../../rpc/protocol';
import { HealthLevelSchema, HealthThresholdsSchema } from '../host-health';
import { MAX_HEALTH_HOSTS } from '../host-health-levels';
import { topicEvents } from './events';
import type { GatewayApiSection } from './policy';
import { MetricsStateSchema } from './metrics';

export { MAX_HEALTH_HOSTS } from '../host-health-levels';

const HostName = z.string().min(1).max(255);

export const HostHealthSchema = z.object({
  host: z.string(),
  level: HealthLevelSchema,
  /** Why the level is unknown (no_data, source_down, not_permitted), or ok. */
  state: MetricsStateSchema,
  /** Percent used (CPU busy, memory used, the fullest mount), when known. */
  cpu: z.number().optional(),
  memory: z.number().optional(),
  disk: z.number().optional(),
});
export type HostHealth = z.infer<typeof HostHealthSchema>;

export const HealthReportSchema = z.object({
  /** When the figures were read, ms since epoch. */
  at: z.number(),
  thresholds: HealthThresholdsSchema,
  /** Every host of the subscription, in its order. */
  hosts: z.array(HostHealthSchema).max(MAX_HEALTH_HOSTS),
});
export type HealthReport = z.infer<typeof HealthReportSchema>;

export const HealthParamsSchema = z
  .object({ hosts: z.array(HostName).min(1).max(MAX_HEALTH_HOSTS) })
  .strict()
  .refine((p) => new Set(p.hosts).size === p.hosts.length, { message: 'a host is named twice', path: ['hosts'] });

export const metricsHealthTopics = {
  /** The named hosts' health every metrics interval (the first at once), one Prometheus query for every watched host. */
  'metrics.health': { params: HealthParamsSchema, data: HealthReportSchema },
};

export const metricsHealthSection = { methods: {}, events: topicEvents(metricsHealthTopics) satisfies EventTable, topics: metricsHealthTopics } satisfies GatewayApiSection;

// The gateway's metrics: who may see which host (the session's access decision), what a host's
// Prometheus target is, and one reader per watched target however many watch it. A watched
// target is read once per interval; a new watcher gets the last reading at once and waits for
// the next turn, and `current` reuses a reading younger than the interval. Hosts read by the SSH
// sampler (./sampler) instead are routed to it by their key; with `metrics.match: nodename` an
// untagged host's key is resolved to its target when read (./nodename.ts).
import { randomBytes } from 'node:crypto';
import { METRICS_LIMITS, type MetricsRange, type MetricsRangeResult, type MetricsState } from '../../../shared/contract/gateway-api/metrics';
import { valueNearest } from '../../../shared/contract/metrics-units';
import type { HealthThresholds } from '../../../shared/contract/host-health';
import type { Access } from '../access';
import type { Logger } from '../logger';
import type { HostRecord, Store } from '../store';
import { INSTANCE_TAG, instanceOf, type MetricsMatch } from './instance';
import { createNodenameIndex, nodenamesOf } from './nodename';
import { createPrometheusClient, SourceDown, type PrometheusClient, type PromSeries } from './prometheus';
import { cpuMemoryQuery, hostMetricsQuery, rangeWindow, spanWindow, type RangeWindow } from './queries';
import type { SamplerPool, SamplerSettings } from './sampler/pool';
import { toSeries, toValues, type Reading } from './shape';

export interface MetricsSettings {
  /** The Prometheus HTTP API (`metrics.prometheus.url`); none: the gateway serves no metrics. */
  prometheusUrl?: string;
  /** Host → `instance` when the host has no `instance` tag (./instance.ts). */
  instanceTemplate?: string;
  /** `metrics.match`: by the template (default) or by `node_uname_info`'s nodename (./nodename.ts). */
  match?: MetricsMatch;
  /** How often a watched host is read, ms (default 5000). */
  intervalMs?: number;
  /** Rate window of counters, s (default 60: four scrapes at Prometheus's default 15 s). */
  rateWindowSec?: number;
  /** One query's time limit, ms (default 4000). */
  timeoutMs?: number;
  /** The tree's health levels (`metrics.health.*`; default 80 / 90 % each). */
  healthThresholds?: HealthThresholds;
  /** The SSH sampler for hosts tagged `metrics=ssh` (`metrics.sampler.*`); off unless enabled. */
  sampler?: Omit<SamplerSettings, 'intervalMs'>;
}

export type { Reading } from './shape';

/** The last `range`, or a past window (ms since the epoch; one ending later than now ends now). */
export type MetricsWindow = MetricsRange | { from: number; to: number };

/** CPU and memory (%) of several targets, each at its own time (`valuesAt`). */
export interface ValuesAt {
  state: MetricsState;
  /** In the targets' order; undefined for a target the source knows nothing of then. */
  values: Array<{ cpu?: number; memory?: number } | undefined>;
}

/** Points a `valuesAt` answer holds at most, over all its series: its step grows with the hosts. */
const VALUES_AT_MAX_POINTS = 200_000;

export interface MetricsService {
  /** The host's target if `user` may reach it now; undefined for an unknown host too (the same answer). */
  permitted(user: string, host: string): { host: HostRecord; instance: string } | undefined;
  /** The host's target whoever asks (the caller decides who may see it); undefined for an unknown host. */
  targetOf(host: string): { host: HostRecord; instance: string } | undefined;
  /** Whether a source with history is configured (Prometheus): past windows can be answered. */
  readonly keepsHistory: boolean;
  range(instance: string, window: MetricsWindow): Promise<Omit<MetricsRangeResult, 'host'>>;
  /** CPU and memory of each target at its `at` (ms), in one range query over all of them. */
  valuesAt(targets: ReadonlyArray<{ instance: string; at: number }>): Promise<ValuesAt>;
  current(instance: string): Promise<Reading>;
  /** Calls `listener` with the last reading (if any) and then every reading of `instance`; returns the stop. */
  watch(instance: string, listener: (reading: Reading) => void): () => void;
  close(): void;
}

interface Reader {
  listeners: Set<(reading: Reading) => void>;
  last?: Reading;
  timer: NodeJS.Timeout;
  busy: boolean;
}

export function createMetricsService(deps: { store: Store; access: Access; logger: Logger; settings: MetricsSettings; sampler?: SamplerPool }): MetricsService {
  const { settings, logger, sampler } = deps;
  // A sampled host's key: a prefix no `instance` tag can carry (it is random per start), so a tag
  // never routes a caller to another host's sampler.
  const samplerPrefix = `ssh-sampler-${randomBytes(12).toString('hex')}:`;
  const sampled = (key: string) => (sampler && key.startsWith(samplerPrefix) ? key.slice(samplerPrefix.length) : undefined);
  // `metrics.match: nodename`: an untagged host's key names the nodenames it may go by, looked up when read.
  const byNodenamePrefix = `nodename-${randomBytes(12).toString('hex')}:`;
  const intervalMs = settings.intervalMs ?? METRICS_LIMITS.liveIntervalMs;
  const rateWindowSec = settings.rateWindowSec ?? 60;
  const client: PrometheusClient | undefined = settings.prometheusUrl ? createPrometheusClient(settings.prometheusUrl, settings.timeoutMs ?? 4000) : undefined;
  const readers = new Map<string, Reader>();
  const wentDown = new Set<string>(); // log a source going down once per target, not every turn
  const nodenames = client && settings.match === 'nodename' ? createNodenameIndex(client, logger) : undefined;

  /** The Prometheus instance of a key: the key itself, or the target whose nodename the host goes by (undefined: none). */
  async function instanceFor(key: string): Promise<string | undefined> {
    if (!nodenames || !key.startsWith(byNodenamePrefix)) return key;
    return nodenames.instanceOf(JSON.parse(key.slice(byNodenamePrefix.length)) as string[]);
  }

  /** Runs a query; a source that is down (or none configured) is a state, not an error. */
  async function ask(instance: string, run: (c: PrometheusClient, instance: string) => Promise<PromSeries[]>): Promise<{ state: MetricsState; series: PromSeries[] }> {
    if (!client) return { state: 'source_down', series: [] };
    try {
      const resolved = await instanceFor(instance);
      if (resolved === undefined) return { state: 'no_data', series: [] }; // no target reports the host's nodename
      const series = await run(client, resolved);
      if (wentDown.delete(instance)) logger.info({ instance }, 'the metrics source answers again');
      return { state: series.some((s) => s.points.length > 0) ? 'ok' : 'no_data', series };
    } catch (error) {
      if (!(error instanceof SourceDown)) throw error;
      if (!wentDown.has(instance)) logger.warn({ instance, err: error.message }, 'the metrics source is down');
      wentDown.add(instance);
      return { state: 'source_down', series: [] };
    }
  }

  async function read(instance: string): Promise<Reading> {
    const at = Date.now();
    const { state, series } = await ask(instance, (c, target) => c.instant(hostMetricsQuery(target, rateWindowSec)));
    return { state, at, values: toValues(series) };
  }

  async function turn(instance: string, reader: Reader): Promise<void> {
    if (reader.busy) return; // the last query still runs: never two at once for one target
    reader.busy = true;
    try {
      const reading = await read(instance);
      reader.last = reading;
      for (const listener of reader.listeners) listener(reading);
    } catch (error) {
      logger.error({ instance, err: String(error) }, 'could not read a host\'s metrics');
    } finally {
      reader.busy = false;
    }
  }

  function targetOf(name: string): { host: HostRecord; instance: string } | undefined {
    const host = deps.store.hosts.find(name);
    if (!host) return undefined;
    if (sampler?.samples(host)) return { host, instance: samplerPrefix + host.name };
    if (nodenames && !host.tags[INSTANCE_TAG]) return { host, instance: byNodenamePrefix + JSON.stringify(nodenamesOf(host)) };
    return { host, instance: instanceOf(host, settings.instanceTemplate) };
  }

  function windowOf(asked: MetricsWindow, now: number): RangeWindow {
    return typeof asked === 'string' ? rangeWindow(asked, now) : spanWindow(Math.min(asked.from, now), Math.min(asked.to, now));
  }

  return {
    permitted(user, name) {
      if (deps.access.loginsFor(user, name).length === 0) return undefined;
      return targetOf(name);
    },
    targetOf,
    keepsHistory: client !== undefined,
    async range(instance, asked) {
      const host = sampled(instance);
      // The sampler keeps only what it read since watching began: no past windows.
      if (host !== undefined && typeof asked === 'string') return sampler!.range(host, asked);
      const window = windowOf(asked, Date.now());
      if (host !== undefined) return { state: 'no_data', start: window.startSec * 1000, end: window.endSec * 1000, stepMs: window.stepSec * 1000, series: [] };
      const { state, series } = await ask(instance, (c, target) => c.range(hostMetricsQuery(target, Math.max(rateWindowSec, window.stepSec)), window));
      return { state, start: window.startSec * 1000, end: window.endSec * 1000, stepMs: window.stepSec * 1000, series: toSeries(series) };
    },
    async valuesAt(targets) {
      // Each key as Prometheus names it (sampled hosts have no history there: left out).
      const resolved = await Promise.all(targets.map(async (t) => (sampled(t.instance) !== undefined ? undefined : instanceFor(t.instance).catch(() => undefined))));
      const instances = [...new Set(resolved.filter((i): i is string => i !== undefined))];
      if (instances.length === 0) return { state: 'no_data', values: targets.map(() => undefined) };
      const times = targets.map((t) => Math.min(t.at, Date.now()));
      const window = spanWindow(Math.min(...times), Math.max(...times), Math.max(2, Math.floor(VALUES_AT_MAX_POINTS / (2 * instances.length))));
      const query = cpuMemoryQuery(instances, Math.max(rateWindowSec, window.stepSec));
      const { state, series } = await ask(`${instances.length} batch hosts`, (c) => c.range(query, window));
      const values = targets.map((target, i) => {
        const figures: { cpu?: number; memory?: number } = {};
        for (const s of series) {
          const metric = s.labels.metric;
          if (resolved[i] === undefined || s.labels.instance !== resolved[i] || (metric !== 'cpu' && metric !== 'memory')) continue;
          const value = valueNearest(s.points, target.at);
          if (value !== undefined) figures[metric] = value;
        }
        return figures.cpu === undefined && figures.memory === undefined ? undefined : figures;
      });
      return { state, values };
    },
    async current(instance) {
      const host = sampled(instance);
      if (host !== undefined) return sampler!.current(host);
      const last = readers.get(instance)?.last;
      if (last && Date.now() - last.at < intervalMs) return last;
      return read(instance);
    },
    watch(instance, listener) {
      const host = sampled(instance);
      if (host !== undefined) return sampler!.watch(host, listener);
      let reader = readers.get(instance);
      if (!reader) {
        const created: Reader = { listeners: new Set(), busy: false, timer: setInterval(() => void turn(instance, created), intervalMs) };
        readers.set(instance, created);
        reader = created;
        void turn(instance, created);
      } else if (reader.last) listener(reader.last);
      reader.listeners.add(listener);
      const own = reader;
      return () => {
        own.listeners.delete(listener);
        if (own.listeners.size > 0 || readers.get(instance) !== own) return;
        clearInterval(own.timer);
        readers.delete(instance);
      };
    },
    close() {
      for (const reader of readers.values()) clearInterval(reader.timer);
      readers.clear();
    },
  };
}

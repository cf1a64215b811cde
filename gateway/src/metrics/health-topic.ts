// The `metrics.health` topic: the tree's health indicators for the hosts a client shows. Any
// signed-in user may subscribe; each host is decided on its own, on every read: one the caller
// may not reach now (or that does not exist: the same answer) is `not_permitted`, with no figures
// and no query for it. Levels are judged here, against the gateway's thresholds.
import type { HealthReport, HostHealth } from '../../../shared/contract/gateway-api/metrics-health';
import { DEFAULT_HEALTH_THRESHOLDS, healthLevel, type HealthThresholds } from '../../../shared/contract/host-health';
import { METRICS_LIMITS } from '../../../shared/contract/gateway-api/metrics';
import type { TopicRegistry } from '../events';
import type { Logger } from '../logger';
import { createHealthReader, type HealthRead } from './health';
import { createPrometheusClient } from './prometheus';
import type { MetricsService, MetricsSettings } from './service';

type Target = { host: string; instance: string | undefined };

/** One host's entry of a report, from a read. */
export function hostHealth(target: Target, read: HealthRead, thresholds: HealthThresholds): HostHealth {
  const { host, instance } = target;
  if (instance === undefined) return { host, level: 'unknown', state: 'not_permitted' };
  if (!read.covered.has(instance)) return { host, level: 'unknown', state: 'no_data' }; // newly granted: the next read has it
  if (read.state === 'source_down') return { host, level: 'unknown', state: 'source_down' };
  const figures = read.figures.get(instance);
  if (!figures) return { host, level: 'unknown', state: 'no_data' };
  return { host, level: healthLevel(figures, thresholds), state: 'ok', ...figures };
}

/** Registers the topic with its one shared reader; returns what stops the reader. */
export function registerHealthTopic(topics: TopicRegistry, deps: { metrics: MetricsService; logger: Logger; settings: MetricsSettings }): () => void {
  const { metrics, settings } = deps;
  const thresholds = settings.healthThresholds ?? DEFAULT_HEALTH_THRESHOLDS;
  const health = createHealthReader({
    client: settings.prometheusUrl ? createPrometheusClient(settings.prometheusUrl, settings.timeoutMs ?? 4000) : undefined,
    logger: deps.logger,
    intervalMs: settings.intervalMs ?? METRICS_LIMITS.liveIntervalMs,
    rateWindowSec: settings.rateWindowSec ?? 60,
  });
  topics.register('metrics.health', {
    authorize: () => ({ ok: true, scope: 'hosts' }),
    start(caller, params, _scope, emit) {
      const resolve = (): Target[] => params.hosts.map((host) => ({ host, instance: metrics.permitted(caller.name, host)?.instance }));
      const instancesOf = (targets: Target[]) => new Set(targets.flatMap((t) => (t.instance === undefined ? [] : [t.instance])));
      let targets = resolve();
      let watched = instancesOf(targets);
      const report = (read: HealthRead): HealthReport => ({ at: read.at, thresholds, hosts: targets.map((t) => hostHealth(t, read, thresholds)) });

      let started = false;
      let first: HealthRead | undefined;
      const onRead = (read: HealthRead) => {
        if (!started) return void (first = read); // the last read, handed over inside watch()
        // The permission, re-checked on every read: a revoked or new grant shows at the next one.
        targets = resolve();
        const now = instancesOf(targets);
        if (now.size !== watched.size || [...now].some((i) => !watched.has(i))) handle.update((watched = now));
        emit(report(read));
      };
      const handle = health.watch(watched, onRead);
      started = true;
      if (first) emit(report(first));
      return () => handle.stop();
    },
  });
  return () => health.close();
}

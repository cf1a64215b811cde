// The `metrics.live` topic: a host's readings every interval, the first at once. Every
// subscriber of one host shares the service's one reader of it. The permission (the caller may
// reach the host) is re-checked on every liveness tick: a revoked grant ends the subscription.
import type { TopicRegistry } from '../events';
import { notPermitted } from './api';
import type { MetricsService } from './service';

export function registerMetricsTopic(topics: TopicRegistry, metrics: MetricsService): void {
  topics.register('metrics.live', {
    authorize(caller, params) {
      const target = metrics.permitted(caller.name, params.host);
      return target ? { ok: true, scope: target.instance } : { ok: false, reason: notPermitted(params.host) };
    },
    start(_caller, params, instance, emit) {
      return metrics.watch(instance, (reading) => emit({ host: params.host, ...reading }));
    },
  });
}

// A batch job's hosts' CPU and memory at the end of each host's run (the batch results' metric
// columns): the run's end is its recorded session's end, and every host is read in one query.
import { METRICS_LIMITS, type BatchHostMetrics, type MetricsState } from '../../../shared/contract/gateway-api/metrics';
import { createSessionRepo } from '../sessions/repo';
import type { Store } from '../store';
import type { MetricsService } from './service';

export async function batchEndValues(
  metrics: MetricsService,
  store: Store,
  hosts: ReadonlyArray<{ host: string; sessionId: string | null }>,
): Promise<{ state: MetricsState; hosts: BatchHostMetrics[] }> {
  const sessions = createSessionRepo(store.db);
  const runs = hosts.flatMap(({ host, sessionId }) => {
    const endedAt = sessionId === null ? null : (sessions.get(sessionId)?.endedAt ?? null);
    const target = endedAt === null ? undefined : metrics.targetOf(host);
    return target && endedAt !== null ? [{ host, at: endedAt, instance: target.instance }] : [];
  }).slice(0, METRICS_LIMITS.maxBatchHosts);
  const { state, values } = await metrics.valuesAt(runs);
  return { state, hosts: runs.flatMap((run, i) => (values[i] ? [{ host: run.host, at: run.at, ...values[i] }] : [])) };
}

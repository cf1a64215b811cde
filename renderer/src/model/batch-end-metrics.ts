// The batch results' optional CPU and memory columns: each host's value at the end of its run
// (metrics.batch), or a blank cell with the reason as its title. Pure wording keys, no React.
import type { MetricsBatchResult } from '../../../shared/contract/gateway-api/metrics';
import { formatValue } from './metrics-panel';

export type EndMetric = 'cpu' | 'memory';

/** What the columns know: nothing asked yet, the answer, or why there is none. */
export type EndMetrics = { kind: 'off' } | { kind: 'loading' } | { kind: 'failed'; why: 'not_permitted' | 'unavailable' | 'error' } | { kind: 'loaded'; result: MetricsBatchResult; byHost: ReadonlyMap<string, MetricsBatchResult['hosts'][number]> };

export function loadedEndMetrics(result: MetricsBatchResult): EndMetrics {
  return { kind: 'loaded', result, byHost: new Map(result.hosts.map((h) => [h.host, h])) };
}

/** A cell: the value, or blank with the catalog key (batch namespace) of why it is unknown. */
export function endMetricCell(metrics: EndMetrics, host: string, metric: EndMetric): { text: string; whyKey?: string } {
  if (metrics.kind === 'off') return { text: '' };
  if (metrics.kind === 'loading') return { text: '', whyKey: 'results.metrics.loading' };
  if (metrics.kind === 'failed') return { text: '', whyKey: `results.metrics.${metrics.why}` };
  if (metrics.result.state !== 'ok' && metrics.result.state !== 'no_data') return { text: '', whyKey: `results.metrics.${metrics.result.state}` };
  const value = metrics.byHost.get(host)?.[metric];
  return value === undefined ? { text: '', whyKey: 'results.metrics.unknown' } : { text: formatValue('percent', value) };
}

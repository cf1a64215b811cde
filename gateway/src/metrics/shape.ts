// From Prometheus series (tagged by ./queries.ts) to the contract's values and series: only the
// known metrics, at most METRICS_LIMITS.maxSeriesPerMetric labels each (in label order), sorted
// so two reads of the same host compare equal.
import { METRIC_NAMES, METRICS_LIMITS, type MetricName, type MetricSeries, type MetricsSample, type MetricValue } from '../../../shared/contract/gateway-api/metrics';
import type { PromSeries } from './prometheus';

/** A reading without the host's name (one target may stand for several host names). */
export type Reading = Omit<MetricsSample, 'host'>;

const KNOWN = new Set<string>(METRIC_NAMES);

function keep(series: PromSeries[]): Array<PromSeries & { metric: MetricName; label?: string }> {
  const perMetric = new Map<string, number>();
  return series
    .filter((s) => KNOWN.has(s.labels.metric ?? '') && s.points.length > 0)
    .map((s) => ({ ...s, metric: s.labels.metric as MetricName, label: s.labels.label || undefined }))
    .sort((a, b) => METRIC_NAMES.indexOf(a.metric) - METRIC_NAMES.indexOf(b.metric) || (a.label ?? '').localeCompare(b.label ?? ''))
    .filter((s) => {
      const seen = perMetric.get(s.metric) ?? 0;
      perMetric.set(s.metric, seen + 1);
      return seen < METRICS_LIMITS.maxSeriesPerMetric;
    });
}

const labelOf = (label: string | undefined) => (label === undefined ? {} : { label });

export function toValues(series: PromSeries[]): MetricValue[] {
  return keep(series).map((s) => ({ metric: s.metric, ...labelOf(s.label), value: s.points.at(-1)![1] }));
}

export function toSeries(series: PromSeries[]): MetricSeries[] {
  return keep(series).map((s) => ({ metric: s.metric, ...labelOf(s.label), points: s.points }));
}

// A host's current values as `ssh … metrics HOST` prints them: one metric a line, units a person
// reads at a glance (%, load per core, B/s with decimal prefixes).
import type { MetricName, MetricsSample, MetricValue } from '../../../shared/contract/gateway-api/metrics';
import { bytesPerSecond } from '../../../shared/contract/metrics-units';

const STATE_TEXT = {
  no_data: 'no data: the monitoring system has nothing for this host (no node_exporter, or a wrong instance)',
  source_down: 'source down: the monitoring system does not answer',
  not_permitted: 'not permitted',
} as const;

const one = (values: MetricValue[], metric: MetricName) => values.find((v) => v.metric === metric)?.value;
const labels = (values: MetricValue[], metric: MetricName) => values.filter((v) => v.metric === metric);

/** The lines for one reading; `clean` makes host data (mount points, devices) safe for a terminal. */
export function metricsLines(sample: MetricsSample, clean: (text: string) => string): string[] {
  const head = `${clean(sample.host)}: ${sample.state === 'ok' ? 'ok' : STATE_TEXT[sample.state]}  (${new Date(sample.at).toISOString()})`;
  if (sample.state !== 'ok') return [head];
  const v = sample.values;
  const lines = [head];
  const percent = (name: string, value: number | undefined) => value !== undefined && lines.push(`${name.padEnd(16)}${value.toFixed(1)} %`);
  percent('cpu', one(v, 'cpu'));
  percent('memory used', one(v, 'memory'));
  const loads = [one(v, 'load1'), one(v, 'load5'), one(v, 'load15')];
  const cores = one(v, 'cores');
  if (loads.every((l) => l !== undefined)) {
    const perCore = cores ? `  (per core ${loads.map((l) => (l! / cores).toFixed(2)).join(' ')}, ${cores} cores)` : '';
    lines.push(`${'load 1/5/15'.padEnd(16)}${loads.map((l) => l!.toFixed(2)).join(' ')}${perCore}`);
  }
  for (const d of labels(v, 'disk_used')) lines.push(`${`disk ${clean(d.label ?? '')}`.padEnd(16)}${d.value.toFixed(1)} % used`);
  const pairs = (title: string, a: MetricName, b: MetricName, aText: string, bText: string) => {
    for (const x of labels(v, a)) {
      const y = v.find((w) => w.metric === b && w.label === x.label)?.value ?? 0;
      lines.push(`${`${title} ${clean(x.label ?? '')}`.padEnd(16)}${aText} ${bytesPerSecond(x.value)}  ${bText} ${bytesPerSecond(y)}`);
    }
  };
  pairs('io', 'disk_read', 'disk_write', 'read', 'write');
  pairs('net', 'net_rx', 'net_tx', 'rx', 'tx');
  return lines;
}

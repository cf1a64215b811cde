// PromQL for one host's metrics, from node_exporter's metric names. Every metric of the panel is
// one part of a single expression joined with `or`, each part tagged with a `metric` label (and a
// `label` for the mount, disk or interface), so one HTTP request reads them all: an instant query
// for the live values, a range query for the charts.
import type { MetricName, MetricsRange } from '../../../shared/contract/gateway-api/metrics';
import { RANGE_SECONDS, rangeStepSeconds } from '../../../shared/contract/metrics-units';
import { NOT_DISK_FS_TYPES } from './node-filters';

/** NOT_DISK_FS_TYPES inside a PromQL string literal (its backslashes doubled). */
const NOT_DISKS = NOT_DISK_FS_TYPES.replace(/\\/g, '\\\\');

/** A PromQL string literal (label values are user data: the instance comes from a host tag). */
export function promString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

function tagged(metric: MetricName, expression: string, labelFrom?: string): string {
  const named = `label_replace(${expression}, "metric", "${metric}", "", "")`;
  return labelFrom ? `label_replace(${named}, "label", "$1", "${labelFrom}", "(.*)")` : named;
}

/**
 * Every metric of one host (`instance` as Prometheus labels its targets). `windowSec` is the rate
 * window of the counters (CPU, disk and network): at least four scrapes, and in a range query at
 * least one step, so no sample falls between two points.
 */
export function hostMetricsQuery(instance: string, windowSec: number): string {
  const sel = `instance=${promString(instance)}`;
  const w = `[${Math.max(1, Math.round(windowSec))}s]`;
  const fs = `${sel}, fstype!~"${NOT_DISKS}"`;
  return [
    // Idle time over all CPU time, not over wall time: `rate` extrapolates a series younger than
    // the window (a new exporter, a restarted Prometheus) only half a scrape past its first sample,
    // so idle's rate then reads low and `1 - avg(idle rate)` read a quiet host as busy (28 % for 6 %).
    // Every mode of one scrape shares that shortfall, so the ratio is exact, at any age.
    tagged('cpu', `100 * (1 - sum(rate(node_cpu_seconds_total{${sel}, mode="idle"}${w})) / sum(rate(node_cpu_seconds_total{${sel}}${w})))`),
    tagged('memory', `100 * (1 - sum(node_memory_MemAvailable_bytes{${sel}}) / sum(node_memory_MemTotal_bytes{${sel}}))`),
    tagged('load1', `sum(node_load1{${sel}})`),
    tagged('load5', `sum(node_load5{${sel}})`),
    tagged('load15', `sum(node_load15{${sel}})`),
    tagged('cores', `count(node_cpu_seconds_total{${sel}, mode="idle"})`),
    tagged('disk_used', `100 * (1 - max by (mountpoint) (node_filesystem_avail_bytes{${fs}}) / max by (mountpoint) (node_filesystem_size_bytes{${fs}} > 0))`, 'mountpoint'),
    tagged('disk_read', `sum by (device) (rate(node_disk_read_bytes_total{${sel}}${w}))`, 'device'),
    tagged('disk_write', `sum by (device) (rate(node_disk_written_bytes_total{${sel}}${w}))`, 'device'),
    tagged('net_rx', `sum by (device) (rate(node_network_receive_bytes_total{${sel}, device!="lo"}${w}))`, 'device'),
    tagged('net_tx', `sum by (device) (rate(node_network_transmit_bytes_total{${sel}, device!="lo"}${w}))`, 'device'),
  ].join(' or ');
}

export interface RangeWindow {
  startSec: number;
  endSec: number;
  stepSec: number;
}

/** The last `range` up to `nowMs`, with the smallest whole-second step that keeps each series within the point limit. */
export function rangeWindow(range: MetricsRange, nowMs: number): RangeWindow {
  const seconds = RANGE_SECONDS[range];
  const stepSec = rangeStepSeconds(range);
  const endSec = Math.floor(nowMs / 1000 / stepSec) * stepSec; // aligned: two viewers of one range get the same points
  return { startSec: endSec - seconds, endSec, stepSec };
}

// PromQL for one host's metrics, from node_exporter's metric names. Every metric of the panel is
// one part of a single expression joined with `or`, each part tagged with a `metric` label (and a
// `label` for the mount, disk or interface), so one HTTP request reads them all: an instant query
// for the live values, a range query for the charts.
import { METRICS_LIMITS, type MetricName, type MetricsRange } from '../../../shared/contract/gateway-api/metrics';
import { RANGE_SECONDS, rangeStepSeconds } from '../../../shared/contract/metrics-units';
import { NOT_DISK_FS_TYPES } from './node-filters';

/** NOT_DISK_FS_TYPES inside a PromQL string literal (its backslashes doubled). */
export const NOT_DISKS = NOT_DISK_FS_TYPES.replace(/\\/g, '\\\\');

/** A PromQL string literal (label values are user data: the instance comes from a host tag). */
export function promString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

function tagged(metric: MetricName, expression: string, labelFrom?: string): string {
  const named = `label_replace(${expression}, "metric", "${metric}", "", "")`;
  return labelFrom ? `label_replace(${named}, "label", "$1", "${labelFrom}", "(.*)")` : named;
}

/**
 * CPU busy % of the series `sel` selects (summed `by` a label, or over all).
 * Idle time over all CPU time, not over wall time: `rate` extrapolates a series younger than the
 * window (a new exporter, a restarted Prometheus) only half a scrape past its first sample, so
 * idle's rate then reads low and `1 - avg(idle rate)` read a quiet host as busy (28 % for 6 %).
 * Every mode of one scrape shares that shortfall, so the ratio is exact, at any age.
 */
function cpuBusy(sel: string, w: string, by = ''): string {
  return `100 * (1 - sum${by}(rate(node_cpu_seconds_total{${sel}, mode="idle"}${w})) / sum${by}(rate(node_cpu_seconds_total{${sel}}${w})))`;
}

/** Memory used % (from MemAvailable) of the series `sel` selects. */
function memoryUsed(sel: string, by = ''): string {
  return `100 * (1 - sum${by}(node_memory_MemAvailable_bytes{${sel}}) / sum${by}(node_memory_MemTotal_bytes{${sel}}))`;
}

/** A regular expression matching exactly these strings (RE2, as PromQL's =~ reads it). */
function exactlyOneOf(texts: readonly string[]): string {
  return texts.map((t) => t.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&')).join('|');
}

/** CPU and memory of several hosts in one query, each series labelled with its `instance`. */
export function cpuMemoryQuery(instances: readonly string[], windowSec: number): string {
  const sel = `instance=~${promString(exactlyOneOf(instances))}`;
  const w = `[${Math.max(1, Math.round(windowSec))}s]`;
  return [tagged('cpu', cpuBusy(sel, w, ' by (instance) ')), tagged('memory', memoryUsed(sel, ' by (instance) '))].join(' or ');
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
    tagged('cpu', cpuBusy(sel, w)),
    tagged('memory', memoryUsed(sel)),
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

/**
 * A past window `fromMs`–`toMs` (ms) in whole seconds, with the smallest step that keeps each
 * series within `maxPoints` (Prometheus returns span / step + 1 points).
 */
export function spanWindow(fromMs: number, toMs: number, maxPoints: number = METRICS_LIMITS.maxPoints): RangeWindow {
  const startSec = Math.floor(fromMs / 1000);
  const endSec = Math.max(startSec, Math.ceil(toMs / 1000));
  const stepSec = Math.max(1, Math.ceil((endSec - startSec) / Math.max(1, maxPoints - 1)));
  return { startSec, endSec, stepSec };
}

/** The last `range` up to `nowMs`, with the smallest whole-second step that keeps each series within the point limit. */
export function rangeWindow(range: MetricsRange, nowMs: number): RangeWindow {
  const seconds = RANGE_SECONDS[range];
  const stepSec = rangeStepSeconds(range);
  const endSec = Math.floor(nowMs / 1000 / stepSec) * stepSec; // aligned: two viewers of one range get the same points
  return { startSec: endSec - seconds, endSec, stepSec };
}

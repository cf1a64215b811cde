// The metrics panel's pure parts: which charts it draws from a host's series (and which lines each
// holds), how a live reading extends them, how numbers and times read, and which catalog key words a
// state. No React, no echarts: the panel (metrics/) only draws what this shapes.
import type { MetricName, MetricSeries, MetricsRange, MetricsSample, MetricsState } from '../../../shared/contract/gateway-api/metrics';
import { bytesPerSecond, RANGE_SECONDS } from '../../../shared/contract/metrics-units';

export type ChartId = 'cpu' | 'memory' | 'load' | 'disk_used' | 'disk_io' | 'net';
export type ChartUnit = 'percent' | 'load' | 'bytes';
export type Point = readonly [number, number];

/** One line of a chart: its catalog key (`metrics:line.*`, with `label` as a variable) and points, oldest first. */
export interface ChartLine {
  key: string;
  nameKey: string;
  label?: string;
  points: readonly Point[];
}

export interface ChartModel {
  id: ChartId;
  unit: ChartUnit;
  lines: ChartLine[];
  /** Load only: the host's cores (the lines are load ÷ cores). */
  cores?: number;
}

const CHARTS: ReadonlyArray<{ id: ChartId; unit: ChartUnit; metrics: readonly MetricName[] }> = [
  { id: 'cpu', unit: 'percent', metrics: ['cpu'] },
  { id: 'memory', unit: 'percent', metrics: ['memory'] },
  { id: 'load', unit: 'load', metrics: ['load1', 'load5', 'load15'] },
  { id: 'disk_used', unit: 'percent', metrics: ['disk_used'] },
  { id: 'disk_io', unit: 'bytes', metrics: ['disk_read', 'disk_write'] },
  { id: 'net', unit: 'bytes', metrics: ['net_rx', 'net_tx'] },
];

export const CHART_IDS: readonly ChartId[] = CHARTS.map((c) => c.id);

const seriesKey = (metric: MetricName, label: string | undefined) => (label === undefined ? metric : `${metric}:${label}`);

/** The panel's charts from a host's series: every chart, in order, each with its lines (none when the host has none). */
export function shapeCharts(series: readonly MetricSeries[]): ChartModel[] {
  const coresPoints = series.find((s) => s.metric === 'cores')?.points;
  const cores = coresPoints?.at(-1)?.[1];
  return CHARTS.map(({ id, unit, metrics }) => {
    // Lines of one label together (a disk's read beside its write), labels in the order they came.
    const mine = series.filter((s) => metrics.includes(s.metric));
    const labels = [...new Set(mine.map((s) => s.label))];
    const lines = labels.flatMap((label) =>
      metrics.flatMap((metric): ChartLine[] => {
        const s = mine.find((x) => x.metric === metric && x.label === label);
        if (!s) return [];
        const perCore = id === 'load' && cores ? s.points.map(([t, v]): Point => [t, v / cores]) : s.points;
        return [{ key: seriesKey(metric, label), nameKey: `metrics:line.${metric}`, ...(label === undefined ? {} : { label }), points: perCore }];
      }),
    );
    return { id, unit, lines, ...(id === 'load' && cores ? { cores } : {}) };
  });
}

/**
 * The series with a live reading added at its end: points older than the range drop off the front,
 * a reading not newer than a series' last point is left out (the range answer may already hold it).
 */
export function appendLive(series: readonly MetricSeries[], sample: MetricsSample, range: MetricsRange): MetricSeries[] {
  if (sample.state !== 'ok') return [...series];
  const from = sample.at - RANGE_SECONDS[range] * 1000;
  const next = series.map((s) => ({ ...s, points: s.points.filter(([t]) => t >= from) }));
  for (const v of sample.values) {
    const found = next.find((s) => s.metric === v.metric && s.label === v.label);
    if (!found) next.push({ metric: v.metric, ...(v.label === undefined ? {} : { label: v.label }), points: [[sample.at, v.value]] });
    else if ((found.points.at(-1)?.[0] ?? -Infinity) < sample.at) found.points = [...found.points, [sample.at, v.value]];
  }
  return next;
}

/** A value as a person reads it: `42.5 %`, `0.37`, `1.5 MB/s`. */
export function formatValue(unit: ChartUnit, value: number): string {
  if (unit === 'percent') return `${value.toFixed(Math.abs(value) < 10 ? 1 : 0)} %`;
  if (unit === 'load') return value.toFixed(2);
  return bytesPerSecond(value);
}

/** A value as a chart's header and tooltip read it; for load over cores, `perCore` beside the host's load. */
export interface Reading {
  value: string;
  perCore?: string;
}

/**
 * A chart's value as read: load's lines are per core (one scale across hosts), so a load value
 * reads as the host's own load (what `uptime` says) with the per-core value beside it.
 */
export function readingOf(chart: Pick<ChartModel, 'unit' | 'cores'>, value: number): Reading {
  if (chart.unit === 'load' && chart.cores) return { value: formatValue('load', value * chart.cores), perCore: formatValue('load', value) };
  return { value: formatValue(chart.unit, value) };
}

/** The latest reading of each line that has points (`line`: its index in the chart), for the chart's header. */
export function latestReadings(chart: ChartModel): Array<Reading & { line: number }> {
  return chart.lines.flatMap((line, i) => {
    const last = line.points.at(-1);
    return last ? [{ line: i, ...readingOf(chart, last[1]) }] : [];
  });
}

/** An axis tick: shorter than a value (`50 %`, `1.5 MB/s`, `0.5`). */
export function formatAxis(unit: ChartUnit, value: number): string {
  if (unit === 'percent') return `${Math.round(value)} %`;
  if (unit === 'load') return String(Math.round(value * 100) / 100);
  return bytesPerSecond(value);
}

/** Time of day, 24-hour: hours and minutes (the axis), with seconds where a point is read (the tooltip, "updated"). */
export function formatTime(at: number, language: string, withSeconds = false): string {
  const seconds = withSeconds ? { second: '2-digit' as const } : {};
  return new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', ...seconds }).format(at);
}

/** The catalog key that words a state other than ok (`metrics:state.no_data`, …). */
export const stateKey = (state: Exclude<MetricsState, 'ok'>): string => `metrics:state.${state}`;

/** A failed `metrics.range` that is a state: the gateway refuses a host the user may not reach as `denied` (else null: show the error). */
export function stateOfRangeError(error: unknown): 'not_permitted' | null {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return code === 'denied' ? 'not_permitted' : null;
}

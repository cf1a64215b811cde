// Past host metrics for a freshly started Prometheus: OpenMetrics text, node_exporter-shaped, for
// `promtool tsdb create-blocks-from openmetrics` (./metrics-backfill.ts). The series are the ones a
// real exporter serves now (its label sets read from one scrape), for exactly the families the
// gateway's queries read (gateway/src/metrics/queries.ts), so the history and the live scrapes
// that follow are the same series. Counters end at the exporter's current value where they can
// (no reset where history meets live data) and only ever grow; gauges move slowly around a level.
// Values are made up but deterministic (a hash of the series and the time), so tests can rely on them.

/** One sample of an exporter's text exposition. */
export interface ScrapedSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface HistoryTarget {
  /** The target's `instance` and `job` labels, as Prometheus adds them when it scrapes. */
  instance: string;
  job: string;
  samples: ScrapedSample[];
}

export interface HistoryOptions {
  targets: HistoryTarget[];
  /** The last point's time, whole seconds since the epoch. */
  endSec: number;
  /** How far back the history reaches, seconds. */
  spanSec: number;
  /** Seconds between points (the scrape interval it stands for). */
  stepSec: number;
}

type Kind = 'counter' | 'gauge';

/** The families the gateway reads (and a few memory gauges beside them), with their OpenMetrics type. */
export const HISTORY_FAMILIES: ReadonlyMap<string, Kind> = new Map<string, Kind>([
  ['node_cpu_seconds_total', 'counter'],
  ['node_memory_MemTotal_bytes', 'gauge'],
  ['node_memory_MemAvailable_bytes', 'gauge'],
  ['node_memory_MemFree_bytes', 'gauge'],
  ['node_memory_Buffers_bytes', 'gauge'],
  ['node_memory_Cached_bytes', 'gauge'],
  ['node_load1', 'gauge'],
  ['node_load5', 'gauge'],
  ['node_load15', 'gauge'],
  ['node_filesystem_size_bytes', 'gauge'],
  ['node_filesystem_avail_bytes', 'gauge'],
  ['node_filesystem_free_bytes', 'gauge'],
  ['node_disk_read_bytes_total', 'counter'],
  ['node_disk_written_bytes_total', 'counter'],
  ['node_network_receive_bytes_total', 'counter'],
  ['node_network_transmit_bytes_total', 'counter'],
]);

/** The samples of HISTORY_FAMILIES in a Prometheus text exposition (other lines are skipped). */
export function parseExposition(text: string): ScrapedSample[] {
  const samples: ScrapedSample[] = [];
  for (const m of text.matchAll(/^(\w+)(?:\{(.*)\})? (\S+)$/gm)) {
    if (!HISTORY_FAMILIES.has(m[1]!)) continue;
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]!] = l[2]!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    samples.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return samples;
}

/** A number in [0, 1) from a seed and a point index (an integer hash: the same inputs, the same value). */
function hash01(seed: number, i: number): number {
  let x = (seed ^ Math.imul(i + 1, 0x9e3779b1)) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b) >>> 0;
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35) >>> 0;
  return ((x ^ (x >>> 16)) >>> 0) / 2 ** 32;
}

function seedOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return h;
}

/** A level in [0, 1] that drifts over hours, with a little noise per point. */
function drift(seed: number, i: number, atSec: number): number {
  const slow = Math.sin((2 * Math.PI * atSec) / (3600 * (2 + (seed % 5))) + (seed % 628) / 100);
  return Math.min(1, Math.max(0, 0.5 + 0.35 * slow + 0.3 * (hash01(seed, i) - 0.5)));
}

/** Share of a busy CPU's time per mode (idle takes the rest). */
const BUSY_MODES: Record<string, number> = { user: 0.62, system: 0.25, iowait: 0.04, softirq: 0.03, nice: 0.06 };

/** Typical bytes per second of a busy device, by counter. */
const BYTE_RATES: Record<string, number> = {
  node_disk_read_bytes_total: 400e3,
  node_disk_written_bytes_total: 900e3,
  node_network_receive_bytes_total: 120e3,
  node_network_transmit_bytes_total: 60e3,
};

const escapeLabel = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

/** How much a counter grows over each step (the first point's entry is 0). */
function increments(sample: ScrapedSample, instance: string, times: number[], stepSec: number): Float64Array {
  const out = new Float64Array(times.length);
  if (sample.name === 'node_cpu_seconds_total') {
    const mode = sample.labels.mode ?? '';
    const seed = seedOf(`${instance}/cpu/${sample.labels.cpu ?? ''}`); // every mode of one CPU shares its load
    for (let i = 1; i < times.length; i++) {
      const busy = 0.05 + 0.6 * drift(seed, i, times[i]!);
      out[i] = stepSec * (mode === 'idle' ? 1 - busy : busy * (BUSY_MODES[mode] ?? 0));
    }
    return out;
  }
  if (sample.value === 0) return out; // a device that never moved (zram, ifb) stays at 0
  const seed = seedOf(`${instance}/${sample.name}/${JSON.stringify(sample.labels)}`);
  for (let i = 1; i < times.length; i++) out[i] = stepSec * (BYTE_RATES[sample.name] ?? 1) * 2 * drift(seed, i, times[i]!);
  return out;
}

/** A gauge's value at each point, around its current value (sizes and totals stay as they are). */
function gaugeValues(sample: ScrapedSample, target: HistoryTarget, times: number[]): number[] {
  const seed = seedOf(`${target.instance}/${sample.name}/${JSON.stringify(sample.labels)}`);
  const labelled = (name: string) => target.samples.find((s) => s.name === name && JSON.stringify(s.labels) === JSON.stringify(sample.labels))?.value;
  const memTotal = target.samples.find((s) => s.name === 'node_memory_MemTotal_bytes')?.value ?? 0;
  switch (sample.name) {
    case 'node_load1':
    case 'node_load5':
    case 'node_load15':
      return times.map((t, i) => Number((0.2 + 2.5 * drift(seedOf(`${target.instance}/load`), i, t)).toFixed(2)));
    case 'node_memory_MemAvailable_bytes':
    case 'node_memory_MemFree_bytes':
      return times.map((t, i) => Math.round(memTotal * (sample.name === 'node_memory_MemFree_bytes' ? 0.1 : 0.25) * (1 + drift(seed, i, t))));
    case 'node_filesystem_avail_bytes':
    case 'node_filesystem_free_bytes': {
      const size = labelled('node_filesystem_size_bytes') ?? sample.value;
      const extra = sample.name === 'node_filesystem_free_bytes' ? 0.05 : 0;
      return times.map((t) => Math.round(size * (0.35 + extra + 0.05 * Math.sin((2 * Math.PI * t) / 86_400))));
    }
    default:
      return times.map(() => sample.value);
  }
}

/** One series of the history, its values at the history's times. */
export interface HistorySeries {
  /** The sample name (a counter's with `_total`). */
  name: string;
  /** The label set as OpenMetrics writes it, without braces. */
  labels: string;
  values: Float64Array;
}

export interface History {
  /** The points' times, seconds since the epoch, oldest first. */
  times: number[];
  /** Grouped by family, in HISTORY_FAMILIES' order. */
  series: HistorySeries[];
}

/** Every target's series over the span, computed once (a 24 h history of a few hosts is tens of MB). */
export function buildHistory(opts: HistoryOptions): History {
  const { endSec, stepSec } = opts;
  if (!(stepSec >= 1) || !(opts.spanSec >= stepSec)) throw new Error(`history: a span (${opts.spanSec} s) of at least one step (${stepSec} s) is needed`);
  const count = Math.floor(opts.spanSec / stepSec) + 1;
  const times = Array.from({ length: count }, (_, i) => endSec - (count - 1 - i) * stepSec);
  const series: HistorySeries[] = [];
  for (const [name, kind] of HISTORY_FAMILIES) {
    for (const target of opts.targets) {
      for (const sample of target.samples.filter((s) => s.name === name)) {
        const labels = Object.entries({ ...sample.labels, instance: target.instance, job: target.job })
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([k, v]) => `${k}="${escapeLabel(v)}"`)
          .join(',');
        let values: Float64Array;
        if (kind === 'counter') {
          const steps = increments(sample, target.instance, times, stepSec);
          let value = Math.max(0, sample.value - steps.reduce((a, b) => a + b, 0)); // ends at today's value unless the history outgrows it
          values = steps.map((step) => (value += step));
        } else values = Float64Array.from(gaugeValues(sample, target, times));
        series.push({ name, labels, values });
      }
    }
  }
  return { times, series };
}

/**
 * The OpenMetrics text of a history (or of its points within `slice`: one block's), in chunks of
 * one series each: every family once with its TYPE line, each series' points in time order, `# EOF`.
 */
export function* historyText(history: History, slice?: { fromSec: number; toSec: number }): Generator<string> {
  const { times } = history;
  let first = 0;
  let end = times.length;
  if (slice) {
    while (first < times.length && times[first]! < slice.fromSec) first++;
    end = first;
    while (end < times.length && times[end]! < slice.toSec) end++;
  }
  let family = '';
  for (const s of history.series) {
    if (s.name !== family) {
      family = s.name;
      const kind = HISTORY_FAMILIES.get(s.name)!;
      yield `# TYPE ${kind === 'counter' ? s.name.replace(/_total$/, '') : s.name} ${kind}\n`;
    }
    const lines: string[] = [];
    for (let i = first; i < end; i++) lines.push(`${s.name}{${s.labels}} ${Math.round(s.values[i]! * 100) / 100} ${times[i]}\n`);
    yield lines.join('');
  }
  yield '# EOF\n';
}

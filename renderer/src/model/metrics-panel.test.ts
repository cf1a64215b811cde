import { describe, expect, it } from 'vitest';
import type { MetricSeries, MetricsSample } from '../../../shared/contract/gateway-api/metrics';
import { appendLive, CHART_IDS, formatAxis, formatTime, formatValue, latestReadings, readingOf, shapeCharts, stateKey, stateOfRangeError } from './metrics-panel';

const T = Date.UTC(2026, 11, 6, 14, 5, 9);
const series: MetricSeries[] = [
  { metric: 'cpu', points: [[T, 12.5]] },
  { metric: 'load1', points: [[T, 3]] },
  { metric: 'load5', points: [[T, 2]] },
  { metric: 'load15', points: [[T, 1]] },
  { metric: 'cores', points: [[T, 4]] },
  { metric: 'disk_read', label: 'sda', points: [[T, 100]] },
  { metric: 'disk_write', label: 'sda', points: [[T, 200]] },
  { metric: 'disk_read', label: 'sdb', points: [[T, 300]] },
  { metric: 'disk_write', label: 'sdb', points: [[T, 400]] },
  { metric: 'net_rx', label: 'eth0', points: [[T, 5]] },
];

describe('metrics panel charts', () => {
  it('draws every chart in order, load per core, and a device\'s read beside its write', () => {
    const charts = shapeCharts(series);
    expect(charts.map((c) => c.id)).toEqual(CHART_IDS);
    expect(charts.map((c) => c.id)).toEqual(['cpu', 'memory', 'load', 'disk_used', 'disk_io', 'net']);
    const byId = Object.fromEntries(charts.map((c) => [c.id, c]));
    expect(byId.cpu!.lines).toEqual([{ key: 'cpu', nameKey: 'metrics:line.cpu', points: [[T, 12.5]] }]);
    expect(byId.memory!.lines).toEqual([]);
    expect(byId.load).toMatchObject({ unit: 'load', cores: 4 });
    expect(byId.load!.lines.map((l) => [l.nameKey, l.points[0]![1]])).toEqual([['metrics:line.load1', 0.75], ['metrics:line.load5', 0.5], ['metrics:line.load15', 0.25]]);
    expect(byId.disk_io!.lines.map((l) => l.key)).toEqual(['disk_read:sda', 'disk_write:sda', 'disk_read:sdb', 'disk_write:sdb']);
    expect(byId.net!.lines).toEqual([{ key: 'net_rx:eth0', nameKey: 'metrics:line.net_rx', label: 'eth0', points: [[T, 5]] }]);
  });

  it('keeps load as it is when the host does not say its cores', () => {
    const load = shapeCharts(series.filter((s) => s.metric !== 'cores')).find((c) => c.id === 'load')!;
    expect(load.cores).toBeUndefined();
    expect(load.lines[0]!.points[0]![1]).toBe(3);
  });

  it('adds a live reading at the end, drops what left the range, and skips a reading it already has', () => {
    const old: MetricSeries[] = [{ metric: 'cpu', points: [[T - 20 * 60_000, 1], [T - 60_000, 2], [T, 3]] }];
    const sample: MetricsSample = { host: 'web-01', state: 'ok', at: T + 5000, values: [{ metric: 'cpu', value: 4 }, { metric: 'net_rx', label: 'eth1', value: 9 }] };
    const next = appendLive(old, sample, '15m');
    expect(next).toEqual([
      { metric: 'cpu', points: [[T - 60_000, 2], [T, 3], [T + 5000, 4]] },
      { metric: 'net_rx', label: 'eth1', points: [[T + 5000, 9]] },
    ]);
    expect(old[0]!.points).toHaveLength(3); // the input is left as it was
    expect(appendLive(next, { ...sample, at: T }, '15m')[0]!.points.at(-1)).toEqual([T + 5000, 4]);
    expect(appendLive(next, { ...sample, state: 'source_down', values: [] }, '15m')).toEqual(next);
  });
});

describe('metrics panel wording', () => {
  it('reads percent, load and byte rates at a glance', () => {
    expect([formatValue('percent', 6.04), formatValue('percent', 42.49), formatValue('load', 0.375), formatValue('bytes', 1_500_000)]).toEqual(['6.0 %', '42 %', '0.38', '1.5 MB/s']);
    expect([formatAxis('percent', 50), formatAxis('load', 0.333), formatAxis('bytes', 2000)]).toEqual(['50 %', '0.33', '2.0 kB/s']);
  });

  it('reads load as the host has it (1, 5, 15 min), with the per-core value its line draws beside it', () => {
    const host: MetricSeries[] = [
      { metric: 'load1', points: [[T - 5000, 9], [T, 1.84]] },
      { metric: 'load5', points: [[T, 1.6]] },
      { metric: 'load15', points: [[T, 1.4]] },
      { metric: 'cores', points: [[T, 2]] },
    ];
    const load = shapeCharts(host).find((c) => c.id === 'load')!;
    expect(latestReadings(load)).toEqual([
      { line: 0, value: '1.84', perCore: '0.92' },
      { line: 1, value: '1.60', perCore: '0.80' },
      { line: 2, value: '1.40', perCore: '0.70' },
    ]);
    // The tooltip reads a point of a per-core line the same way.
    expect(readingOf(load, 0.92)).toEqual({ value: '1.84', perCore: '0.92' });
    // Cores unknown: the lines are the load itself, read as it is.
    const noCores = shapeCharts(host.filter((s) => s.metric !== 'cores')).find((c) => c.id === 'load')!;
    expect(latestReadings(noCores)[0]).toEqual({ line: 0, value: '1.84' });
    // Other charts read their value alone; a line with no points reads nothing.
    expect(readingOf({ unit: 'percent', cores: 2 }, 42.49)).toEqual({ value: '42 %' });
    expect(latestReadings({ id: 'net', unit: 'bytes', lines: [{ key: 'a', nameKey: 'x', points: [] }, { key: 'b', nameKey: 'x', points: [[T, 2000]] }] })).toEqual([{ line: 1, value: '2.0 kB/s' }]);
  });

  it('writes the time of day, with seconds only where asked', () => {
    const local = new Date(T);
    const hh = String(local.getHours()).padStart(2, '0');
    const mm = String(local.getMinutes()).padStart(2, '0');
    expect(formatTime(T, 'en')).toBe(`${hh}:${mm}`);
    expect(formatTime(T, 'en', true)).toBe(`${hh}:${mm}:09`);
  });

  it('words a state from the catalog, and a refusal as not permitted', () => {
    expect(['no_data', 'source_down', 'not_permitted'].map((s) => stateKey(s as 'no_data'))).toEqual(['metrics:state.no_data', 'metrics:state.source_down', 'metrics:state.not_permitted']);
    expect(stateOfRangeError({ code: 'denied', message: 'not_permitted: web-09' })).toBe('not_permitted');
    expect(stateOfRangeError({ code: 'not_connected' })).toBeNull();
    expect(stateOfRangeError(new Error('x'))).toBeNull();
  });
});

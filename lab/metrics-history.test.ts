import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hostMetricsQuery } from '../gateway/src/metrics/queries';
import { PROMTOOL_BIN } from './metrics-backfill';
import { buildHistory, historyText, parseExposition, HISTORY_FAMILIES } from './metrics-history';
import { metricsInstalled, startMetricsStack, type MetricsStack } from './metrics-stack';

// A node_exporter page as Debian's serves it (trimmed): the label sets the history copies.
const SCRAPE = `# HELP node_cpu_seconds_total Seconds the CPUs spent in each mode.
# TYPE node_cpu_seconds_total counter
node_cpu_seconds_total{cpu="0",mode="idle"} 8293.7
node_cpu_seconds_total{cpu="0",mode="user"} 27330.16
node_cpu_seconds_total{cpu="1",mode="idle"} 91234.5
node_cpu_seconds_total{cpu="1",mode="user"} 2.5
node_disk_read_bytes_total{device="vda"} 1.1619714048e+10
node_disk_read_bytes_total{device="zram0"} 0
node_filesystem_avail_bytes{device="/dev/vda",fstype="ext4",mountpoint="/"} 1.9e+11
node_filesystem_size_bytes{device="/dev/vda",fstype="ext4",mountpoint="/"} 2.70553174016e+11
node_load1 1.32
node_memory_MemAvailable_bytes 1.2e+10
node_memory_MemTotal_bytes 2.5276157952e+10
node_memory_Active_bytes 1e9
node_network_receive_bytes_total{device="eth0"} 3.479186064e+09
node_network_receive_bytes_total{device="lo"} 123456
go_goroutines 8
`;

const END = 1_765_000_000;
const history = () => buildHistory({ targets: [{ instance: '127.0.0.1:9100', job: 'node', samples: parseExposition(SCRAPE) }], endSec: END, spanSec: 3 * 3600, stepSec: 5 });

describe('past metrics for Prometheus', () => {
  it('copies the label sets of the families the gateway reads, and nothing else', () => {
    const samples = parseExposition(SCRAPE);
    expect(samples.every((s) => HISTORY_FAMILIES.has(s.name))).toBe(true);
    expect(samples.map((s) => s.name)).not.toContain('node_memory_Active_bytes');
    expect(samples.find((s) => s.name === 'node_filesystem_size_bytes')).toEqual({ name: 'node_filesystem_size_bytes', labels: { device: '/dev/vda', fstype: 'ext4', mountpoint: '/' }, value: 270553174016 });
  });

  it('counters only grow, and end at the exporter\'s value unless the history outgrew it', () => {
    const h = history();
    expect(h.times).toHaveLength(3 * 720 + 1);
    expect(h.times.at(-1)).toBe(END);
    const counters = h.series.filter((s) => s.name.endsWith('_total'));
    expect(counters).toHaveLength(8);
    for (const s of counters) for (let i = 1; i < s.values.length; i++) expect(s.values[i]!).toBeGreaterThanOrEqual(s.values[i - 1]!);
    const cpu = (cpu: string, mode: string) => h.series.find((s) => s.labels === `cpu="${cpu}",instance="127.0.0.1:9100",job="node",mode="${mode}"`)!;
    expect(cpu('1', 'idle').values.at(-1)).toBeCloseTo(91234.5, 6);
    expect(cpu('1', 'user').values[0]).toBe(0); // 3 h of user time is more than its 2.5 s: it starts at 0
    expect(cpu('1', 'user').values.at(-1)).toBeGreaterThan(2.5);
    // A CPU's modes add up to the wall time between two points.
    expect(cpu('1', 'idle').values[1]! - cpu('1', 'idle').values[0]! + cpu('1', 'user').values[1]! - cpu('1', 'user').values[0]!).toBeLessThanOrEqual(5);
    expect(h.series.find((s) => s.labels.includes('zram0'))!.values.every((v) => v === 0)).toBe(true);
  });

  it.skipIf(!metricsInstalled())('is OpenMetrics promtool turns into blocks, every point kept', () => {
    const dir = mkdtempSync(join(tmpdir(), 'portcullis-history-'));
    try {
      const h = history();
      writeFileSync(join(dir, 'history.txt'), [...historyText(h)].join(''));
      execFileSync(PROMTOOL_BIN, ['tsdb', 'create-blocks-from', 'openmetrics', '--quiet', join(dir, 'history.txt'), join(dir, 'tsdb')], { stdio: 'pipe' });
      const metas = readdirSync(join(dir, 'tsdb')).map((b) => JSON.parse(readFileSync(join(dir, 'tsdb', b, 'meta.json'), 'utf8')) as { stats: { numSamples: number; numSeries: number } });
      expect(metas.length).toBeGreaterThanOrEqual(2); // 3 h spans two or three 2 h blocks
      expect(metas.reduce((n, m) => n + m.stats.numSamples, 0)).toBe(h.series.length * h.times.length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!metricsInstalled())('a Prometheus started on past metrics', () => {
  let stack: MetricsStack | undefined;
  afterAll(() => stack?.stop());

  it("answers the gateway's range query with points all the way back", async () => {
    stack = await startMetricsStack({ dir: mkdtempSync(join(tmpdir(), 'portcullis-history-stack-')), names: ['web-01'], scrapeSeconds: 5, history: { spanSec: 3 * 3600, stepSec: 5 } });
    expect(stack.backfilled).toMatchObject({ points: 2161 });
    const end = Math.floor(Date.now() / 1000);
    const params = new URLSearchParams({ query: hostMetricsQuery(stack.exporters[0]!.instance, 20), start: String(end - 2.5 * 3600), end: String(end), step: '15' });
    const answer = (await (await fetch(`${stack.url}/api/v1/query_range?${params}`)).json()) as { data: { result: Array<{ metric: { metric: string }; values: unknown[] }> } };
    const points = (metric: string) => Math.max(0, ...answer.data.result.filter((r) => r.metric.metric === metric).map((r) => r.values.length));
    for (const metric of ['cpu', 'memory', 'load1', 'disk_used', 'net_rx']) expect(points(metric), metric).toBeGreaterThanOrEqual(595);
  }, 120_000);
});

// metrics: what the gateway asks of Prometheus while many clients watch (issue 18: however many
// clients watch one host, the gateway queries the source once per interval for it). A real gateway
// (`serve`, `metrics.prometheus.url`) in front of a real Prometheus scraping `--hosts` (10) Debian
// node_exporters on loopback, one per host; `--clients` (50) API connections of the desktop client
// (electron/core, answers validated) each subscribe to `metrics.live` for every host, and the
// requests Prometheus answered (its own `prometheus_http_requests_total`, read from /metrics, which
// is not a query) are counted over `--intervals` (6) live intervals. Also the gateway's CPU and RSS.
// Printed, not asserted.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGatewayConnection, type GatewayConnection } from '../electron/core/connection/gateway-connection';
import { openGatewayAdmin } from '../gateway/src/admin';
import { METRICS_LIMITS } from '../shared/contract/gateway-api/metrics';
import { metricsInstalled, METRICS_INSTALL_HINT, startMetricsStack, type MetricsStack } from '../lab/metrics-stack';
import { generateEd25519KeyPair, parsePublicKey } from '../shared/node/ssh-keys';
import { RANGE_SECONDS, rangeStepSeconds } from '../shared/contract/metrics-units';
import { measurePanelPaint, type RangePaint } from './metrics-panel';
import { cpuMsOf, spawnGateway, stopGateway, type GatewayProcess } from './lab';
import { registerBenchmark, type BenchContext, type BenchReport } from './registry';

/** Issue 18: the panel's first paint with 1 h of data from Prometheus, and from the SSH sampler. */
const TARGET_PROMETHEUS_PAINT_MS = 1000;
const TARGET_SAMPLER_PAINT_MS = 3000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Requests Prometheus answered on its query API, by handler (its own counter; reading it is no query). */
export async function prometheusApiRequests(url: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const counts: Record<string, number> = {};
  for (const m of text.matchAll(/^prometheus_http_requests_total\{code="\d+",handler="(\/api\/v1\/query(?:_range)?)"\} (\S+)$/gm)) counts[m[1]!] = (counts[m[1]!] ?? 0) + Number(m[2]);
  return counts;
}

const rssMiB = (pid: number) => Number(/^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;

function intOption(extra: Record<string, string>, key: string, fallback: number): number {
  const v = extra[key];
  const n = v === undefined ? fallback : Number.parseInt(v, 10);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${key} takes a whole number ≥ 1, not ${JSON.stringify(v)}`);
  return n;
}

/** The desktop client's own API connection to the gateway, pinned to the key the gateway printed. */
export async function connectClient(gateway: GatewayProcess, user: string, privateKey: string): Promise<GatewayConnection> {
  const expected = parsePublicKey(gateway.hostPublicKey).key.getPublicSSH();
  const api = createGatewayConnection({
    name: 'bench',
    host: '127.0.0.1',
    port: gateway.port,
    user,
    auth: { privateKey },
    verifyHostKey: (blob) => (expected.equals(blob) ? { accept: true } : { accept: false, hostKey: { status: 'changed', keyType: 'ssh-ed25519', fingerprint: 'not the one the gateway printed' } }),
  });
  await api.connect();
  return api;
}

async function queriesReport(ctx: BenchContext): Promise<BenchReport> {
  const hosts = intOption(ctx.options.extra, 'hosts', 10);
  const clients = intOption(ctx.options.extra, 'clients', 50);
  const intervals = intOption(ctx.options.extra, 'intervals', 6);
  const intervalMs = METRICS_LIMITS.liveIntervalMs;
  const dir = mkdtempSync(join(tmpdir(), 'bench-metrics-'));
  const names = Array.from({ length: hosts }, (_, i) => `node-${String(i + 1).padStart(2, '0')}`);
  let stack: MetricsStack | undefined;
  let gateway: GatewayProcess | undefined;
  const apis: GatewayConnection[] = [];
  try {
    ctx.progress(`metrics: Prometheus and ${hosts} node_exporters`);
    stack = await startMetricsStack({ dir: join(dir, 'prometheus'), names, scrapeSeconds: intervalMs / 1000 });
    const watcher = generateEd25519KeyPair();
    const data = join(dir, 'data');
    const admin = openGatewayAdmin(data);
    admin.addUser({ name: 'watcher', roles: ['operator'], publicKeys: [watcher.public] });
    for (const e of stack.exporters) admin.addHost({ name: e.name, address: '127.0.0.1:22', tags: { instance: e.instance } });
    admin.addGrant({ user: 'watcher', hosts: names.join(','), login: 'root' });
    admin.close();
    gateway = await spawnGateway(data, { cwd: dir, recording: true, env: { PORTCULLIS_METRICS_PROMETHEUS_URL: stack.url } });
    const pid = gateway.process.pid!;
    const idle = { cpu: cpuMsOf(pid), rss: rssMiB(pid) };
    ctx.progress(`metrics: ${clients} client connections`);
    for (let i = 0; i < clients; i++) apis.push(await connectClient(gateway, 'watcher', watcher.private));
    const rssConnected = rssMiB(pid);
    const readings = { count: 0 };
    for (const api of apis) api.onEvent((event) => void (event === 'metrics.live' && readings.count++));
    ctx.progress(`metrics: ${clients} × ${hosts} subscriptions to metrics.live`);
    await Promise.all(apis.map(async (api) => {
      for (const host of names) await api.request('events.subscribe', { topic: 'metrics.live', params: { host } });
    }));
    await sleep(intervalMs); // every host's reader started and its first reading sent
    ctx.progress(`metrics: counting Prometheus requests over ${intervals} intervals of ${intervalMs / 1000} s`);
    const before = { asked: await prometheusApiRequests(stack.url), cpu: cpuMsOf(pid), readings: readings.count, at: Date.now() };
    await sleep(intervals * intervalMs);
    const after = { asked: await prometheusApiRequests(stack.url), cpu: cpuMsOf(pid), readings: readings.count, at: Date.now(), rss: rssMiB(pid) };
    const seconds = (after.at - before.at) / 1000;
    const delta = (handler: string) => (after.asked[handler] ?? 0) - (before.asked[handler] ?? 0);
    const instant = delta('/api/v1/query');
    const range = delta('/api/v1/query_range');
    const expected = hosts / (intervalMs / 1000);
    return {
      title: `Gateway → Prometheus with ${clients} clients each watching the same ${hosts} hosts (metrics.live, ${intervalMs / 1000} s interval, over ${seconds.toFixed(1)} s)`,
      columns: ['measure', 'value', 'expected'],
      rows: [
        ['Prometheus queries / s (instant + range)', ((instant + range) / seconds).toFixed(2), `${expected.toFixed(2)} (${hosts} hosts / ${intervalMs / 1000} s)`],
        ['  of which instant (/api/v1/query)', `${instant} in ${seconds.toFixed(1)} s`, `${Math.round(expected * seconds)}`],
        ['  of which range (/api/v1/query_range)', range, '0'],
        ['readings delivered to the clients / s', ((after.readings - before.readings) / seconds).toFixed(1), `${((clients * hosts) / (intervalMs / 1000)).toFixed(1)}`],
        ['gateway CPU, % of one core', ((100 * (after.cpu - before.cpu)) / (after.at - before.at)).toFixed(1), '(reported)'],
        ['gateway RSS, MiB: idle / connected / watching', `${idle.rss.toFixed(0)} / ${rssConnected.toFixed(0)} / ${after.rss.toFixed(0)}`, '(reported)'],
      ],
      notes: [
        `Counted by Prometheus itself (prometheus_http_requests_total on its /metrics page); Prometheus scrapes every ${intervalMs / 1000} s. Every exporter reads this machine's /proc.`,
        `${clients} connections of the desktop client's API client (electron/core) as one user; ${clients * hosts} subscriptions.`,
      ],
    };
  } finally {
    await Promise.all(apis.map((api) => api.disconnect().catch(() => {})));
    if (gateway) await stopGateway(gateway.process);
    await stack?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function run(ctx: BenchContext): Promise<BenchReport[]> {
  if (!metricsInstalled()) throw new Error(`metrics bench: Prometheus or node_exporter is not installed: ${METRICS_INSTALL_HINT}`);
  const queries = await queriesReport(ctx);
  const historyHours = intOption(ctx.options.extra, 'history-hours', 24);
  const paint = await measurePanelPaint(ctx.progress, historyHours);
  const held = (r: RangePaint) => Math.min(RANGE_SECONDS[r.range], historyHours * 3600 + paint.liveMinutes * 60) / 60;
  return [
    queries,
    {
      title: `Metrics panel first paint in Chromium (lab: real Prometheus with ${historyHours} h of past metrics + node_exporters, gateway, browser shell, built renderer)`,
      columns: ['action', 'ms to every chart drawn', 'points per series (CPU / most)', 'step s', 'target'],
      rows: [
        ...paint.ranges.map((r) => [
          r.range === '15m' ? 'show the panel (Ctrl+Shift+U; lazy chunk + echarts; range 15 m)' : `range ${r.range} (${held(r).toFixed(0)} min of data)`,
          r.ms,
          `${r.cpuPoints} / ${r.maxPoints}`,
          rangeStepSeconds(r.range),
          r.range === '1h' ? `< ${TARGET_PROMETHEUS_PAINT_MS}` : '(reported)',
        ]),
        [`SSH sampler (${paint.sampler.host}): show the panel → every chart has its first live point`, paint.sampler.ms, '-', '-', `< ${TARGET_SAMPLER_PAINT_MS}`],
      ],
      notes: [
        `${paint.charts} charts; timed in the page from the action to the last chart's echarts 'finished'. Prometheus started on ${historyHours} h of node_exporter-shaped history at the lab's 5 s scrape interval (lab --metrics-history: promtool blocks, the live exporters' own series), then scraped live for ${paint.liveMinutes} min.`,
        `Points per series: the gateway's step (range / ${METRICS_LIMITS.maxPoints - 1}, whole seconds) keeps each at most ${METRICS_LIMITS.maxPoints}; "most" is the largest first line of any chart.`,
        `The sampler has no past: its figure is to the first live points (the panel's chunk already loaded; the gateway opens its SSH exec on the host when the panel subscribes, the loop prints a second frame 1 s after the first, so CPU and rates have a point).`,
        `Load average at the end: ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${availableParallelism()} cores.`,
      ],
    },
  ];
}

registerBenchmark({
  name: 'metrics',
  description: 'host metrics: Prometheus queries per second with 50 clients watching the same 10 hosts, gateway CPU and RSS (--clients 50 --hosts 10 --intervals 6); the panel\'s first paint in Chromium on 24 h of backfilled history (--history-hours 24) and from the SSH sampler (needs npm run build:renderer)',
  run,
});

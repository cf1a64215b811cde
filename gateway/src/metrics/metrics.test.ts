// Host metrics end to end against the real thing: Debian's prometheus scraping three
// prometheus-node-exporters on loopback every second (lab/metrics-stack.ts), a real gateway, the
// API over the ssh2 client and `ssh … metrics` from the real OpenSSH client. Every exporter reads
// this machine's /proc, so their values are this machine's.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MetricsRangeResultSchema, MetricsSampleSchema, type MetricsSample } from '../../../shared/contract/gateway-api/metrics';
import { generateEd25519KeyPair } from '../../../shared/node/ssh-keys';
import { instantQueriesAnswered, startMetricsStack, type MetricsStack } from '../../../lab/metrics-stack';
import { openGatewayAdmin, silentLogger, startGateway, type Gateway } from '..';
import { openApiClient, openSshClientOptions, runProcess, waitFor, writeKnownHosts, type ApiMessage } from '../testing';

const USERS = ['alice', 'bob', 'carol'] as const;
type User = (typeof USERS)[number];
const keys = Object.fromEntries(USERS.map((u) => [u, generateEd25519KeyPair()])) as Record<User, ReturnType<typeof generateEd25519KeyPair>>;
/** Counters are rates over this window; the CPU comparison reads node_exporter over the same span. */
const RATE_WINDOW_SEC = 10;
const INTERVAL_MS = 1000;
let dir: string;
let stack: MetricsStack;
let gw: Gateway;
let carolGrant: number;
/** A host whose CPUs are exactly 25 % busy: its counters are scripted, not read from /proc. */
let steady: { server: Server; instance: string };
/** Its own gateway, with a rate window far longer than the series has lived: a young series, as after any exporter or Prometheus start. */
let youngGw: Gateway;
const STEADY_BUSY = 25;

/** node_exporter's CPU counters for two CPUs that advance `busy` % in `user` and the rest in `idle`. */
async function startSteadyExporter(busy: number) {
  const started = Date.now();
  const server = createServer((_req, res) => {
    const seconds = (Date.now() - started) / 1000;
    const lines = ['# TYPE node_cpu_seconds_total counter'];
    for (const cpu of [0, 1]) {
      lines.push(`node_cpu_seconds_total{cpu="${cpu}",mode="idle"} ${50_000 + (seconds * (100 - busy)) / 100}`);
      lines.push(`node_cpu_seconds_total{cpu="${cpu}",mode="user"} ${20_000 + (seconds * busy) / 100}`);
    }
    res.setHeader('content-type', 'text/plain; version=0.0.4');
    res.end(`${lines.join('\n')}\n`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { server, instance: `127.0.0.1:${port}` };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gw-metrics-'));
  steady = await startSteadyExporter(STEADY_BUSY);
  stack = await startMetricsStack({ dir: join(dir, 'prometheus'), names: ['web-01', 'web-02', 'web-03'], extraTargets: [steady.instance] });
  const [web1, web2, web3] = stack.exporters;
  const admin = openGatewayAdmin(join(dir, 'data'));
  for (const name of USERS) admin.addUser({ name, roles: ['operator'], publicKeys: [keys[name].public] });
  admin.addHost({ name: 'web-01', address: '127.0.0.1:22', tags: { instance: web1!.instance } });
  admin.addHost({ name: 'web-02', address: '127.0.0.1:22', tags: { instance: web2!.instance } });
  // No tag: the instance comes from the template (the address's host and web-03's exporter port).
  admin.addHost({ name: 'web-03', address: '127.0.0.1:22' });
  admin.addHost({ name: 'ghost-01', address: '127.0.0.1:22', tags: { instance: '127.0.0.1:1' } });
  admin.addHost({ name: 'secret-01', address: '127.0.0.1:22', tags: { instance: web1!.instance } });
  admin.addHost({ name: 'steady-01', address: '127.0.0.1:22', tags: { instance: steady.instance } });
  admin.addGrant({ user: 'alice', hosts: 'web-01,web-02,web-03,ghost-01,steady-01', login: 'root' });
  carolGrant = admin.addGrant({ user: 'carol', hosts: 'web-02', login: 'root' }).id;
  admin.close();
  const youngAdmin = openGatewayAdmin(join(dir, 'young'));
  youngAdmin.addUser({ name: 'alice', roles: ['operator'], publicKeys: [keys.alice.public] });
  youngAdmin.addHost({ name: 'steady-01', address: '127.0.0.1:22', tags: { instance: steady.instance } });
  youngAdmin.addGrant({ user: 'alice', hosts: 'steady-01', login: 'root' });
  youngAdmin.close();
  youngGw = await startGateway({ dataDir: join(dir, 'young'), logger: silentLogger, loginPolicy: { sourceDelayBaseMs: 0 }, metrics: { prometheusUrl: stack.url, intervalMs: INTERVAL_MS, rateWindowSec: 3600 } });
  gw = await startGateway({
    dataDir: join(dir, 'data'),
    logger: silentLogger,
    loginPolicy: { sourceDelayBaseMs: 0 },
    metrics: { prometheusUrl: stack.url, instanceTemplate: `{host}:${web3!.port}`, intervalMs: INTERVAL_MS, rateWindowSec: RATE_WINDOW_SEC },
  });
});

afterAll(async () => {
  await gw?.close();
  await youngGw?.close();
  steady?.server.close();
  await stack?.stop();
  if (dir && !process.env.KEEP) rmSync(dir, { recursive: true, force: true });
});

const api = (user: User) => openApiClient({ port: gw.address.port, username: user, privateKey: keys[user].private, hostPublicKey: gw.hostPublicKey });

/** `ssh -p PORT USER@127.0.0.1 metrics ARGS…` with the real OpenSSH client. */
function sshMetrics(user: User, ...args: string[]) {
  const keyFile = join(dir, `${user}_key`);
  writeFileSync(keyFile, keys[user].private, { mode: 0o600 });
  return runProcess('ssh', [...openSshClientOptions(keyFile, writeKnownHosts(dir, gw)), '-p', String(gw.address.port), `${user}@127.0.0.1`, 'metrics', ...args]);
}

/** node_exporter's own numbers, from its /metrics text. */
async function exporterFigures(port: number) {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const sum = (pattern: RegExp) => [...text.matchAll(pattern)].reduce((total, m) => total + Number(m[1]), 0);
  return {
    idle: sum(/^node_cpu_seconds_total\{cpu="\d+",mode="idle"\} (\S+)$/gm),
    total: sum(/^node_cpu_seconds_total\{cpu="\d+",mode="[a-z]+"\} (\S+)$/gm),
    memAvailable: sum(/^node_memory_MemAvailable_bytes (\S+)$/gm),
    memTotal: sum(/^node_memory_MemTotal_bytes (\S+)$/gm),
  };
}

const samples = (events: ApiMessage[], subscription: number) =>
  events.filter((e) => e.event === 'metrics.live' && e.payload?.subscription === subscription).map((e) => MetricsSampleSchema.parse(e.payload!.data));
const value = (s: MetricsSample, metric: string) => s.values.find((v) => v.metric === metric)?.value;

describe('host metrics from Prometheus', () => {
  it('reads CPU right from a series younger than the rate window (it read a quiet host as busy)', async () => {
    const alice = await openApiClient({ port: youngGw.address.port, username: 'alice', privateKey: keys.alice.private, hostPublicKey: youngGw.hostPublicKey });
    try {
      const { subscription } = await alice.call<{ subscription: number }>('events.subscribe', { topic: 'metrics.live', params: { host: 'steady-01' } });
      // Two scrapes at least: a rate needs two samples.
      const cpus = () => samples(alice.events, subscription).flatMap((s) => value(s, 'cpu') ?? []);
      expect(await waitFor(() => cpus().length >= 3, 20_000)).toBe(true);
      // The series is seconds old in an hour's window: `1 - avg(rate(idle))` read ~99 % here.
      for (const cpu of cpus()) expect(cpu).toBeCloseTo(STEADY_BUSY, 0);
      const range = MetricsRangeResultSchema.parse(await alice.call('metrics.range', { host: 'steady-01', range: '15m' }));
      const points = range.series.find((s) => s.metric === 'cpu')!.points;
      expect(points.length).toBeGreaterThan(0);
      for (const [, cpu] of points) expect(cpu).toBeCloseTo(STEADY_BUSY, 0);
    } finally {
      alice.close();
    }
  }, 30_000);

  it('agree with node_exporter on CPU within 2 points and on memory within 1 point, and give every figure', async () => {
    // Prometheus needs a whole rate window of scrapes before its CPU rate covers the same span.
    await new Promise((r) => setTimeout(r, 2000));
    // Prometheus's rate window ends at its last scrape before the query, which the test cannot
    // pin to the second: node_exporter's CPU is taken over two windows that bracket it (one ending
    // before the query, one a second later, ending after it) and the gateway's figure must agree
    // with one of them, or lie between, within 2 points.
    const before = await exporterFigures(stack.exporters[0]!.port);
    await new Promise((r) => setTimeout(r, 1000));
    const beforeLater = await exporterFigures(stack.exporters[0]!.port);
    await new Promise((r) => setTimeout(r, RATE_WINDOW_SEC * 1000 - 1000));
    const after = await exporterFigures(stack.exporters[0]!.port);
    const result = await sshMetrics('alice', 'web-01', '--json');
    const later = await exporterFigures(stack.exporters[0]!.port);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const sample = MetricsSampleSchema.parse(JSON.parse(result.stdout));
    expect(sample).toMatchObject({ host: 'web-01', state: 'ok' });
    const cpuOver = (a: typeof before, b: typeof before) => 100 * (1 - (b.idle - a.idle) / (b.total - a.total));
    const cpus = [cpuOver(before, after), cpuOver(beforeLater, later)];
    expect(value(sample, 'cpu')!).toBeGreaterThanOrEqual(Math.min(...cpus) - 2);
    expect(value(sample, 'cpu')!).toBeLessThanOrEqual(Math.max(...cpus) + 2);
    // Memory moves on a busy machine: Prometheus's last scrape lies between the two reads around the query.
    const memory = [after, later].map((f) => 100 * (1 - f.memAvailable / f.memTotal));
    expect(value(sample, 'memory')!).toBeGreaterThanOrEqual(Math.min(...memory) - 1);
    expect(value(sample, 'memory')!).toBeLessThanOrEqual(Math.max(...memory) + 1);
    for (const metric of ['load1', 'load5', 'load15', 'cores', 'disk_used', 'net_rx', 'net_tx']) expect(value(sample, metric), metric).toBeDefined();
  }, 60_000);

  it('prints the current values for a person, and refuses a host the user may not reach as not permitted', async () => {
    const shown = await sshMetrics('alice', 'web-03');
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/^web-03: ok/);
    expect(shown.stdout).toMatch(/^cpu +\d+\.\d %$/m);
    expect(shown.stdout).toMatch(/^memory used +\d+\.\d %$/m);
    expect(shown.stdout).toMatch(/^load 1\/5\/15 +[\d.]+ [\d.]+ [\d.]+ +\(per core [\d. ]+, \d+ cores\)$/m);
    expect(shown.stdout).toMatch(/^net \S+ +rx [\d.]+ [kMG]?B\/s +tx [\d.]+ [kMG]?B\/s$/m);

    for (const host of ['secret-01', 'no-such-host']) {
      const refused = await sshMetrics('alice', host, '--json');
      expect(refused.code).toBe(1);
      expect(JSON.parse(refused.stdout)).toMatchObject({ host, state: 'not_permitted', values: [] });
    }
    const usage = await sshMetrics('alice');
    expect(usage).toMatchObject({ code: 2, stderr: expect.stringContaining('usage: metrics HOST [--json]') });
  }, 60_000);

  it('answers a range with at most 600 points a series, and no_data for a host Prometheus does not know', async () => {
    const alice = await api('alice');
    try {
      const quarter = MetricsRangeResultSchema.parse(await alice.call('metrics.range', { host: 'web-02', range: '15m' }));
      expect(quarter).toMatchObject({ host: 'web-02', state: 'ok', stepMs: 2000 });
      expect(quarter.end - quarter.start).toBe(15 * 60_000);
      const metrics = new Set(quarter.series.map((s) => s.metric));
      for (const m of ['cpu', 'memory', 'load1', 'load5', 'load15', 'cores', 'disk_used', 'disk_read', 'net_rx', 'net_tx']) expect(metrics.has(m as never), m).toBe(true);
      for (const s of quarter.series) expect(s.points.length).toBeLessThanOrEqual(600);
      const day = MetricsRangeResultSchema.parse(await alice.call('metrics.range', { host: 'web-02', range: '24h' }));
      expect(day.stepMs).toBe(145_000);
      expect(await alice.call('metrics.range', { host: 'ghost-01', range: '1h' })).toMatchObject({ state: 'no_data', series: [] });
    } finally {
      alice.close();
    }
  }, 30_000);

  it('refuses hosts the caller may not reach, and ends a live subscription when the grant goes', async () => {
    const [alice, bob, carol] = await Promise.all([api('alice'), api('bob'), api('carol')]);
    try {
      for (const host of ['secret-01', 'no-such-host']) {
        await expect(alice.call('metrics.range', { host, range: '1h' })).rejects.toMatchObject({ code: 'denied', message: expect.stringContaining('not_permitted') });
      }
      await expect(bob.call('events.subscribe', { topic: 'metrics.live', params: { host: 'web-01' } })).rejects.toMatchObject({ code: 'denied' });

      const { subscription } = await carol.call<{ subscription: number }>('events.subscribe', { topic: 'metrics.live', params: { host: 'web-02' } });
      expect(await waitFor(() => samples(carol.events, subscription).length > 0, 10_000)).toBe(true);
      const admin = openGatewayAdmin(join(dir, 'data'));
      admin.revokeGrant(carolGrant);
      admin.close();
      const ended = () => carol.events.find((e) => e.event === 'subscription.ended' && e.payload?.subscription === subscription);
      expect(await waitFor(() => ended() !== undefined, 15_000)).toBe(true);
      expect(ended()!.payload!.reason).toBe('permission');
    } finally {
      for (const c of [alice, bob, carol]) c.close();
    }
  }, 30_000);

  it('reads each watched host once per interval however many watch it', async () => {
    const clients = await Promise.all([api('alice'), api('alice'), api('alice')]);
    try {
      const subscriptions = await Promise.all([
        ...clients.map((c) => c.call<{ subscription: number }>('events.subscribe', { topic: 'metrics.live', params: { host: 'web-01' } })),
        clients[0]!.call<{ subscription: number }>('events.subscribe', { topic: 'metrics.live', params: { host: 'web-03' } }),
      ]);
      // Past the first turn (a new reader's first read is at once); then count over whole intervals.
      await new Promise((r) => setTimeout(r, INTERVAL_MS));
      const startedAt = Date.now();
      const before = await instantQueriesAnswered(stack.url);
      await new Promise((r) => setTimeout(r, 5 * INTERVAL_MS));
      const queries = (await instantQueriesAnswered(stack.url)) - before;
      const turns = (Date.now() - startedAt) / INTERVAL_MS;
      // Two hosts watched: two queries a turn (four subscriptions would make four without sharing).
      expect(queries).toBeGreaterThanOrEqual(2 * Math.floor(turns) - 2);
      expect(queries).toBeLessThanOrEqual(2 * Math.ceil(turns) + 2);
      // The three watchers of web-01 got the same readings.
      const readings = clients.map((c, i) => samples(c.events, subscriptions[i]!.subscription).map((s) => s.at));
      expect(readings[0]!.length).toBeGreaterThanOrEqual(4);
      expect(readings[1]!.slice(-3)).toEqual(readings[0]!.slice(-3));
      expect(readings[2]!.slice(-3)).toEqual(readings[0]!.slice(-3));
    } finally {
      for (const c of clients) c.close();
    }
  }, 30_000);

  it('reports source_down while Prometheus is down and recovers by itself', async () => {
    const alice = await api('alice');
    try {
      const { subscription } = await alice.call<{ subscription: number }>('events.subscribe', { topic: 'metrics.live', params: { host: 'web-02' } });
      const states = () => samples(alice.events, subscription).map((s) => s.state);
      expect(await waitFor(() => states().includes('ok'), 10_000)).toBe(true);
      await stack.stopPrometheus();
      expect(await waitFor(() => states().at(-1) === 'source_down', 10_000)).toBe(true);
      await expect(alice.call('metrics.range', { host: 'web-02', range: '1h' })).resolves.toMatchObject({ state: 'source_down', series: [] });
      await stack.startPrometheus();
      expect(await waitFor(() => states().at(-1) === 'ok', 30_000)).toBe(true);
      expect(alice.events.some((e) => e.event === 'subscription.ended')).toBe(false);
    } finally {
      alice.close();
    }
  }, 60_000);
});

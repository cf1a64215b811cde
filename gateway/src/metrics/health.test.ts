// Tree health end to end: Debian's prometheus scraping two real node_exporters and three scripted
// exporters (CPU, memory and disk set to known figures) on loopback, a real gateway, and the
// `metrics.health` topic over the ssh2 client.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HealthReportSchema, type HealthReport } from '../../../shared/contract/gateway-api/metrics-health';
import { healthLevel } from '../../../shared/contract/host-health';
import { generateEd25519KeyPair } from '../../../shared/node/ssh-keys';
import { instantQueriesAnswered, startMetricsStack, type MetricsStack } from '../../../lab/metrics-stack';
import { openGatewayAdmin, silentLogger, startGateway, type Gateway } from '..';
import { openApiClient, waitFor, type ApiMessage } from '../testing';

const USERS = ['alice', 'carol'] as const;
type User = (typeof USERS)[number];
const keys = Object.fromEntries(USERS.map((u) => [u, generateEd25519KeyPair()])) as Record<User, ReturnType<typeof generateEd25519KeyPair>>;
const INTERVAL_MS = 1000;
const THRESHOLDS = { cpu: { warn: 70, critical: 90 }, memory: { warn: 70, critical: 90 }, disk: { warn: 70, critical: 90 } };
let dir: string;
let stack: MetricsStack;
let gw: Gateway;
let carolGrant: number;
const scripted: Server[] = [];

/** An exporter whose host is `cpu` % busy (two CPUs), `memory` % used and whose one disk is `disk` % full. */
async function scriptedExporter(figures: { cpu: number; memory: number; disk: number }): Promise<string> {
  const started = Date.now();
  const server = createServer((_req, res) => {
    const seconds = (Date.now() - started) / 1000;
    const lines: string[] = [];
    for (const cpu of [0, 1]) {
      lines.push(`node_cpu_seconds_total{cpu="${cpu}",mode="idle"} ${50_000 + (seconds * (100 - figures.cpu)) / 100}`);
      lines.push(`node_cpu_seconds_total{cpu="${cpu}",mode="user"} ${20_000 + (seconds * figures.cpu) / 100}`);
    }
    lines.push(`node_memory_MemTotal_bytes 1000000000`, `node_memory_MemAvailable_bytes ${1e9 * (1 - figures.memory / 100)}`);
    lines.push(`node_filesystem_size_bytes{mountpoint="/",fstype="ext4",device="/dev/sda1"} 1000000000`);
    lines.push(`node_filesystem_avail_bytes{mountpoint="/",fstype="ext4",device="/dev/sda1"} ${1e9 * (1 - figures.disk / 100)}`);
    // A memory-backed file system, full: not a disk a person fills, so it must not count.
    lines.push(`node_filesystem_size_bytes{mountpoint="/run",fstype="tmpfs",device="tmpfs"} 1000`, `node_filesystem_avail_bytes{mountpoint="/run",fstype="tmpfs",device="tmpfs"} 0`);
    res.setHeader('content-type', 'text/plain; version=0.0.4');
    res.end(`${lines.join('\n')}\n`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  scripted.push(server);
  return `127.0.0.1:${(server.address() as { port: number }).port}`;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gw-health-'));
  const calm = await scriptedExporter({ cpu: 20, memory: 50, disk: 40 });
  const busy = await scriptedExporter({ cpu: 80, memory: 50, disk: 40 });
  const full = await scriptedExporter({ cpu: 10, memory: 30, disk: 95 });
  stack = await startMetricsStack({ dir: join(dir, 'prometheus'), names: ['web-01', 'web-02'], extraTargets: [calm, busy, full] });
  const admin = openGatewayAdmin(join(dir, 'data'));
  for (const name of USERS) admin.addUser({ name, roles: ['operator'], publicKeys: [keys[name].public] });
  const hosts = { 'web-01': stack.exporters[0]!.instance, 'web-02': stack.exporters[1]!.instance, 'calm-01': calm, 'busy-01': busy, 'full-01': full, 'ghost-01': '127.0.0.1:1', 'secret-01': calm };
  for (const [name, instance] of Object.entries(hosts)) admin.addHost({ name, address: '127.0.0.1:22', tags: { instance } });
  admin.addGrant({ user: 'alice', hosts: 'web-01,web-02,calm-01,busy-01,full-01,ghost-01', login: 'root' });
  carolGrant = admin.addGrant({ user: 'carol', hosts: 'busy-01', login: 'root' }).id;
  admin.close();
  gw = await startGateway({
    dataDir: join(dir, 'data'),
    logger: silentLogger,
    loginPolicy: { sourceDelayBaseMs: 0 },
    metrics: { prometheusUrl: stack.url, intervalMs: INTERVAL_MS, rateWindowSec: 10, healthThresholds: THRESHOLDS },
  });
}, 60_000);

afterAll(async () => {
  await gw?.close();
  for (const server of scripted) server.close();
  await stack?.stop();
  if (dir && !process.env.KEEP) rmSync(dir, { recursive: true, force: true });
});

const api = (user: User) => openApiClient({ port: gw.address.port, username: user, privateKey: keys[user].private, hostPublicKey: gw.hostPublicKey });
const reports = (events: ApiMessage[], subscription: number): HealthReport[] =>
  events.filter((e) => e.event === 'metrics.health' && e.payload?.subscription === subscription).map((e) => HealthReportSchema.parse(e.payload!.data));
const entry = (report: HealthReport | undefined, host: string) => report?.hosts.find((h) => h.host === host);
const subscribe = (client: Awaited<ReturnType<typeof api>>, hosts: string[]) =>
  client.call<{ subscription: number }>('events.subscribe', { topic: 'metrics.health', params: { hosts } }).then((r) => r.subscription);

describe('tree health (metrics.health)', () => {
  it('gives each host its level and figures: scripted ones at known levels, the real exporters judged on their own figures', async () => {
    const alice = await api('alice');
    try {
      const hosts = ['calm-01', 'busy-01', 'full-01', 'web-01', 'web-02', 'ghost-01'];
      const sub = await subscribe(alice, hosts);
      const last = () => reports(alice.events, sub).at(-1);
      // Two scrapes at least before a rate has a value.
      // Every exporter's: they are scraped at different moments, so one may have its rate later.
      expect(await waitFor(() => hosts.filter((h) => h !== 'ghost-01').every((h) => entry(last(), h)?.cpu !== undefined), 20_000)).toBe(true);
      const report = last()!;
      expect(report.hosts.map((h) => h.host)).toEqual(hosts);
      expect(report.thresholds).toEqual(THRESHOLDS);
      expect(entry(report, 'calm-01')).toMatchObject({ level: 'ok', state: 'ok', memory: 50, disk: 40 });
      expect(entry(report, 'calm-01')!.cpu).toBeCloseTo(20, 0);
      expect(entry(report, 'busy-01')).toMatchObject({ level: 'warn', state: 'ok' });
      expect(entry(report, 'busy-01')!.cpu).toBeCloseTo(80, 0);
      // 95 % on / is critical; the full tmpfs at /run does not count (it would read 100).
      expect(entry(report, 'full-01')).toMatchObject({ level: 'critical', state: 'ok', disk: 95 });
      for (const host of ['web-01', 'web-02']) {
        const real = entry(report, host)!;
        expect(real.state).toBe('ok');
        for (const figure of [real.cpu, real.memory, real.disk]) expect(figure).toBeGreaterThanOrEqual(0);
        expect(real.level).toBe(healthLevel(real, THRESHOLDS));
      }
      expect(entry(report, 'ghost-01')).toEqual({ host: 'ghost-01', level: 'unknown', state: 'no_data' });
    } finally {
      alice.close();
    }
  }, 40_000);

  it('answers not_permitted, with no figures, for a host the caller may not reach or that does not exist, and after a revoke', async () => {
    const carol = await api('carol');
    try {
      const sub = await subscribe(carol, ['busy-01', 'secret-01', 'no-such-host']);
      const last = () => reports(carol.events, sub).at(-1);
      expect(await waitFor(() => entry(last(), 'busy-01')?.level === 'warn', 20_000)).toBe(true);
      expect(entry(last(), 'secret-01')).toEqual({ host: 'secret-01', level: 'unknown', state: 'not_permitted' });
      expect(entry(last(), 'no-such-host')).toEqual({ host: 'no-such-host', level: 'unknown', state: 'not_permitted' });
      const admin = openGatewayAdmin(join(dir, 'data'));
      admin.revokeGrant(carolGrant);
      admin.close();
      expect(await waitFor(() => entry(last(), 'busy-01')?.state === 'not_permitted', 10_000)).toBe(true);
      expect(entry(last(), 'busy-01')).toEqual({ host: 'busy-01', level: 'unknown', state: 'not_permitted' });
    } finally {
      carol.close();
    }
  }, 40_000);

  it('reads every watched host with one query per interval, however many subscriptions watch which hosts', async () => {
    const clients = await Promise.all([api('alice'), api('alice'), api('alice')]);
    try {
      const lists = [['calm-01', 'busy-01'], ['busy-01', 'full-01', 'web-01'], ['web-02', 'ghost-01', 'calm-01']];
      const subs = await Promise.all(clients.map((c, i) => subscribe(c, lists[i]!)));
      expect(await waitFor(() => clients.every((c, i) => reports(c.events, subs[i]!).length > 0), 10_000)).toBe(true);
      await new Promise((r) => setTimeout(r, INTERVAL_MS)); // past the reads brought forward for the new hosts
      const startedAt = Date.now();
      const before = await instantQueriesAnswered(stack.url);
      await new Promise((r) => setTimeout(r, 5 * INTERVAL_MS));
      const queries = (await instantQueriesAnswered(stack.url)) - before;
      const turns = (Date.now() - startedAt) / INTERVAL_MS;
      // Six hosts in three subscriptions: one query a turn (a query per host would be six).
      expect(queries).toBeGreaterThanOrEqual(Math.floor(turns) - 1);
      expect(queries).toBeLessThanOrEqual(Math.ceil(turns) + 1);
      // Every subscription got each read: the same `at`s.
      const ats = clients.map((c, i) => reports(c.events, subs[i]!).map((r) => r.at).slice(-3));
      expect(ats[1]).toEqual(ats[0]);
      expect(ats[2]).toEqual(ats[0]);
    } finally {
      for (const c of clients) c.close();
    }
  }, 40_000);

  it('refuses a list over 500 hosts, an empty one and one naming a host twice, with the reason', async () => {
    const alice = await api('alice');
    try {
      const many = Array.from({ length: 501 }, (_, i) => `h-${i}`);
      await expect(subscribe(alice, many)).rejects.toMatchObject({ code: 'bad_request', message: expect.stringMatching(/hosts.*500/) });
      await expect(subscribe(alice, [])).rejects.toMatchObject({ code: 'bad_request' });
      await expect(subscribe(alice, ['calm-01', 'calm-01'])).rejects.toMatchObject({ code: 'bad_request', message: expect.stringContaining('a host is named twice') });
      // 500 is fine: unknown names are simply not permitted.
      const sub = await subscribe(alice, many.slice(0, 500));
      expect(await waitFor(() => reports(alice.events, sub).length > 0, 5000)).toBe(true);
      expect(reports(alice.events, sub)[0]!.hosts.every((h) => h.state === 'not_permitted')).toBe(true);
    } finally {
      alice.close();
    }
  }, 30_000);
});

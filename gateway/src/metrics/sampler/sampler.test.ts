// The SSH sampler against the real thing: a real OpenSSH sshd on loopback (a host with no
// exporter, tagged metrics=ssh), a real gateway, the API over the ssh2 client and `ssh … metrics`
// from the real OpenSSH client. The target is this machine, so its readings are this machine's
// /proc, read here by the test itself to compare.
import { existsSync, mkdtempSync, readFileSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MetricsRangeResultSchema, MetricsSampleSchema, type MetricsSample } from '../../../../shared/contract/gateway-api/metrics';
import { generateEd25519KeyPair } from '../../../../shared/node/ssh-keys';
import { startSshdHosts, type SshdHosts } from '../../../../lab/sshd-hosts';
import { openGatewayAdmin, silentLogger, startGateway, type Gateway } from '../..';
import { createSessionRepo } from '../../sessions/repo';
import { openStore } from '../../store';
import { auditEntries, openApiClient, openSshClientOptions, runProcess, waitFor, writeKnownHosts, type ApiMessage } from '../../testing';
import { SAMPLER_USER } from '.';

const keys = { alice: generateEd25519KeyPair(), bob: generateEd25519KeyPair() };
const credential = generateEd25519KeyPair();
const GRACE_MS = 1500;
let dir: string;
let lab: SshdHosts;
let gw: Gateway;
/** sshd's own log: a "Starting session: command" line per exec it runs (LogLevel VERBOSE). */
const sshdLog: string[] = [];
const execsStarted = () => sshdLog.filter((l) => /Starting session: command/.test(l)).length;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gw-sampler-'));
  lab = await startSshdHosts({ dir: join(dir, 'hosts'), names: ['box-01'], authorizedKeys: [credential.public], extraConfig: ['LogLevel VERBOSE'], onLog: (_h, line) => sshdLog.push(line) });
  const box = lab.hosts[0]!;
  const admin = openGatewayAdmin(join(dir, 'data'));
  admin.addUser({ name: 'alice', roles: ['operator'], publicKeys: [keys.alice.public] });
  admin.addUser({ name: 'bob', roles: ['operator'], publicKeys: [keys.bob.public] });
  admin.addHost({ name: 'box-01', address: box.address, tags: { metrics: 'ssh' } });
  admin.setCredential({ host: 'box-01', login: box.login, privateKey: credential.private });
  admin.pinHostKey('box-01', box.hostPublicKey);
  admin.addGrant({ user: 'alice', hosts: 'box-01', login: box.login });
  admin.close();
  gw = await startGateway({
    dataDir: join(dir, 'data'),
    logger: silentLogger,
    loginPolicy: { sourceDelayBaseMs: 0 },
    // No Prometheus at all: the sampled host needs none.
    metrics: { intervalMs: 1000, sampler: { enabled: true, graceMs: GRACE_MS, retryMs: { initial: 200, max: 1000 } } },
  });
}, 60_000);

afterAll(async () => {
  await gw?.close();
  await lab?.stop();
  if (dir && !process.env.KEEP) rmSync(dir, { recursive: true, force: true });
});

const api = (user: 'alice' | 'bob') => openApiClient({ port: gw.address.port, username: user, privateKey: keys[user].private, hostPublicKey: gw.hostPublicKey });
const samples = (events: ApiMessage[], subscription: number) =>
  events.filter((e) => e.event === 'metrics.live' && e.payload?.subscription === subscription).map((e) => MetricsSampleSchema.parse(e.payload!.data));
const value = (s: MetricsSample, metric: string, label?: string) => s.values.find((v) => v.metric === metric && v.label === label)?.value;

function samplerSessions() {
  const store = openStore(join(dir, 'data'));
  try {
    return createSessionRepo(store.db).list({ user: SAMPLER_USER });
  } finally {
    store.close();
  }
}

/** The remote loop's process id, from the session's recording (the loop prints it first; the recording is written within a second or so). */
async function loopPid(recording: string): Promise<number> {
  const read = () => /@pid (\d+)/.exec(readFileSync(join(dir, 'data', recording), 'utf8'))?.[1];
  expect(await waitFor(() => read() !== undefined, 5000)).toBe(true);
  return Number(read());
}

/** This machine's CPU jiffies (idle, all of node_exporter's modes) and memory, read here. */
function procNow() {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
  const mem = readFileSync('/proc/meminfo', 'utf8');
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(mem)![1]);
  return { idle: cpu[3]!, total: cpu.reduce((a, b) => a + b, 0), memory: 100 * (1 - kb('MemAvailable') / kb('MemTotal')) };
}

describe('the SSH sampler (hosts tagged metrics=ssh)', () => {
  it('gives several watchers one exec on the host, with readings that agree with its /proc; audited as gateway:metrics; closed after the last leaves', async () => {
    const clients = [await api('alice'), await api('alice'), await api('alice')];
    const before = execsStarted();
    try {
      const subs: number[] = [];
      const around: Array<{ at: number; proc: ReturnType<typeof procNow> }> = [];
      const first = await clients[0]!.call<{ subscription: number }>('events.subscribe', { topic: 'metrics.live', params: { host: 'box-01' } });
      subs.push(first.subscription);
      for (const c of clients.slice(1)) subs.push((await c.call<{ subscription: number }>('events.subscribe', { topic: 'metrics.live', params: { host: 'box-01' } })).subscription);
      // Sample /proc here every 100 ms, to compare a reading with the host's figures over the same span.
      const ticker = setInterval(() => around.push({ at: Date.now(), proc: procNow() }), 100);
      const full = (i: number) => samples(clients[i]!.events, subs[i]!).filter((s) => s.state === 'ok' && value(s, 'cpu') !== undefined);
      expect(await waitFor(() => clients.every((_, i) => full(i).length >= 3), 20_000)).toBe(true);
      clearInterval(ticker);

      // ONE exec on the host for three watchers, one sessions row as gateway:metrics.
      expect(execsStarted() - before).toBe(1);
      const rows = samplerSessions();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ user: SAMPLER_USER, host: 'box-01', login: lab.hosts[0]!.login, kind: 'exec', status: 'live' });
      expect(rows[0]!.command).toMatch(/^exec sh -c '.*\/proc\/stat/);

      // The readings are this machine's: memory within 1 point, CPU within 5 of /proc over about the same second.
      const sample = full(0).at(-1)!;
      const near = (t: number) => around.reduce((best, a) => (Math.abs(a.at - t) < Math.abs(best.at - t) ? a : best));
      const [a, b] = [near(sample.at - 1000).proc, near(sample.at).proc];
      expect(value(sample, 'cpu')!).toBeGreaterThanOrEqual(100 * (1 - (b.idle - a.idle) / (b.total - a.total)) - 5);
      expect(value(sample, 'cpu')!).toBeLessThanOrEqual(100 * (1 - (b.idle - a.idle) / (b.total - a.total)) + 5);
      expect(Math.abs(value(sample, 'memory')! - b.memory)).toBeLessThan(1);
      expect(value(sample, 'cores')).toBe(cpus().length);
      const root = statfsSync('/');
      expect(value(sample, 'disk_used', '/')!).toBeCloseTo(100 * (1 - root.bavail / root.blocks), 0);
      for (const metric of ['load1', 'load5', 'load15']) expect(value(sample, metric), metric).toBeGreaterThanOrEqual(0);
      expect(sample.values.some((v) => v.metric === 'net_rx' && v.label !== 'lo')).toBe(true);
      expect(sample.values.some((v) => v.label === 'lo')).toBe(false);

      // History since watching began, for metrics.range.
      const range = MetricsRangeResultSchema.parse(await clients[0]!.call('metrics.range', { host: 'box-01', range: '15m' }));
      expect(range).toMatchObject({ host: 'box-01', state: 'ok', stepMs: 2000 });
      expect(range.series.find((s) => s.metric === 'memory')!.points.length).toBeGreaterThanOrEqual(1);

      // Audited as a gateway-initiated session.
      const started = auditEntries(join(dir, 'data'), 'session.start').filter((e) => e.actor === SAMPLER_USER);
      expect(started).toHaveLength(1);
      expect(started[0]!.data).toMatchObject({ session: rows[0]!.id, host: 'box-01', kind: 'exec' });
      const pid = await loopPid(rows[0]!.recording!);
      expect(existsSync(`/proc/${pid}`)).toBe(true);

      // Two leave: it goes on; the last leaves: closed after the grace period, the loop gone from the host.
      clients[0]!.close();
      clients[1]!.close();
      await new Promise((r) => setTimeout(r, GRACE_MS + 500));
      expect(samplerSessions()[0]!.status).toBe('live');
      clients[2]!.close();
      expect(await waitFor(() => samplerSessions()[0]!.status === 'ended', GRACE_MS + 5000)).toBe(true);
      expect(samplerSessions()[0]).toMatchObject({ endedBy: 'client' });
      expect(await waitFor(() => !existsSync(`/proc/${pid}`), 5000)).toBe(true);
      const ended = auditEntries(join(dir, 'data'), 'session.end').filter((e) => e.actor === SAMPLER_USER);
      expect(ended.map((e) => e.data.session)).toEqual([rows[0]!.id]);
    } finally {
      for (const c of clients) c.close();
    }
  }, 60_000);

  it('reopens the exec when it dies while watched', async () => {
    const alice = await api('alice');
    try {
      const { subscription } = await alice.call<{ subscription: number }>('events.subscribe', { topic: 'metrics.live', params: { host: 'box-01' } });
      const oks = () => samples(alice.events, subscription).filter((s) => s.state === 'ok');
      expect(await waitFor(() => oks().length >= 1, 20_000)).toBe(true);
      const live = samplerSessions().find((s) => s.status === 'live')!;
      process.kill(await loopPid(live.recording!), 'SIGKILL'); // the loop dies on the host
      expect(await waitFor(() => samples(alice.events, subscription).some((s) => s.state === 'source_down'), 10_000)).toBe(true);
      const seen = oks().length;
      expect(await waitFor(() => oks().length >= seen + 2, 20_000)).toBe(true);
      const rows = samplerSessions();
      expect(rows.find((s) => s.id === live.id)).toMatchObject({ status: 'ended', endedBy: 'target' });
      expect(rows.filter((s) => s.status === 'live')).toHaveLength(1);
    } finally {
      alice.close();
    }
  }, 60_000);

  it('ends the sampler session (revocation) and the subscription when the host loses its metrics=ssh tag', async () => {
    const alice = await api('alice');
    const retag = (change: { setTags?: Record<string, string>; removeTags?: string[] }) => {
      const store = openStore(join(dir, 'data'));
      try {
        store.hosts.update(store.hosts.find('box-01')!.id, change);
      } finally {
        store.close();
      }
    };
    try {
      const { subscription } = await alice.call<{ subscription: number }>('events.subscribe', { topic: 'metrics.live', params: { host: 'box-01' } });
      expect(await waitFor(() => samples(alice.events, subscription).some((s) => s.state === 'ok'), 20_000)).toBe(true);
      const live = samplerSessions().find((s) => s.status === 'live')!;
      retag({ removeTags: ['metrics'] });
      expect(await waitFor(() => samplerSessions().find((s) => s.id === live.id)?.status === 'ended', 10_000)).toBe(true);
      expect(samplerSessions().find((s) => s.id === live.id)).toMatchObject({ endedBy: 'revocation' });
      expect(await waitFor(() => alice.events.some((e) => e.event === 'subscription.ended' && e.payload?.subscription === subscription), 10_000)).toBe(true);
    } finally {
      retag({ setTags: { metrics: 'ssh' } });
      alice.close();
    }
  }, 60_000);

  it('serves `ssh … metrics` for a sampled host, and nothing to a user who may not reach it', async () => {
    const run = (user: 'alice' | 'bob') => {
      const keyFile = join(dir, `${user}_key`);
      writeFileSync(keyFile, keys[user].private, { mode: 0o600 });
      return runProcess('ssh', [...openSshClientOptions(keyFile, writeKnownHosts(dir, gw)), '-p', String(gw.address.port), `${user}@127.0.0.1`, 'metrics', 'box-01', '--json']);
    };
    const shown = await run('alice');
    expect(shown.code).toBe(0);
    const sample = MetricsSampleSchema.parse(JSON.parse(shown.stdout));
    expect(sample.state).toBe('ok');
    expect(value(sample, 'cpu')).toBeDefined();
    const refused = await run('bob');
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout)).toMatchObject({ state: 'not_permitted', values: [] });
    const bob = await api('bob');
    try {
      await expect(bob.call('metrics.range', { host: 'box-01', range: '15m' })).rejects.toMatchObject({ code: 'denied' });
    } finally {
      bob.close();
    }
  }, 60_000);
});

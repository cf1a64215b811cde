// Past metrics against the real thing: Debian's prometheus scraping a real node_exporter
// (lab/metrics-stack.ts), a real gateway and a real sshd target. A session alice really ran
// through the gateway is what review.session.metrics reads the host and time range of; a batch
// job she really ran is what metrics.batch reads the hosts' run ends of.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MetricsBatchResultSchema, MetricsRangeResultSchema } from '../../../shared/contract/gateway-api/metrics';
import { SessionMetricsSchema } from '../../../shared/contract/gateway-api/review';
import type { BatchJob } from '../../../shared/contract/gateway-api/batch';
import { generateEd25519KeyPair } from '../../../shared/node/ssh-keys';
import { setUpFixture, type Fixture } from '../../../lab/gateway-fixture';
import { startMetricsStack, type MetricsStack } from '../../../lab/metrics-stack';
import { openGatewayAdmin, type Gateway } from '..';
import { exec, openApiClient } from '../testing';

let fx: Fixture;
let stack: MetricsStack;
let gw: Gateway;
/** rita: security, no grant at all; bob: an operator granted every host. */
const extra = { rita: generateEd25519KeyPair(), bob: generateEd25519KeyPair() };
let sessionId: string;
let session: { startedAt: number; endedAt: number };

type Caller = 'alice' | 'sam' | 'rita' | 'bob';
const keyOf = (user: Caller) => (user === 'alice' || user === 'sam' ? fx.keys[user] : extra[user]).private;
const api = (user: Caller) => openApiClient({ port: gw.address.port, username: user, privateKey: keyOf(user), hostPublicKey: gw.hostPublicKey });

async function call<T>(user: Caller, method: string, params: unknown): Promise<T> {
  const client = await api(user);
  try {
    return await client.call<T>(method, params);
  } finally {
    client.close();
  }
}

beforeAll(async () => {
  fx = await setUpFixture('gw-metrics-history-');
  stack = await startMetricsStack({ dir: join(fx.dir, 'prometheus'), names: ['web-01'] });
  const admin = openGatewayAdmin(fx.dataDir);
  admin.addUser({ name: 'rita', roles: ['security'], publicKeys: [extra.rita.public] });
  admin.addUser({ name: 'bob', roles: ['operator'], publicKeys: [extra.bob.public] });
  admin.addGrant({ user: 'bob', hosts: '*', login: fx.login });
  admin.close();
  // web-01 has no instance tag: the template names its exporter on the host's address.
  gw = await fx.start({ metrics: { prometheusUrl: stack.url, instanceTemplate: `{host}:${stack.exporters[0]!.port}`, intervalMs: 1000, rateWindowSec: 4 } });
  // Prometheus's first scrapes, so the session's range has samples.
  await new Promise((r) => setTimeout(r, 3000));
  const conn = await fx.connect(gw, 'alice');
  expect((await exec(conn, 'sleep 4; echo ran')).code).toBe(0);
  conn.end();
  const page = await call<{ sessions: Array<{ id: string; startedAt: number; endedAt: number }> }>('alice', 'review.sessions.search', {});
  [{ id: sessionId, ...session }] = page.sessions as [{ id: string; startedAt: number; endedAt: number }];
  // Prometheus scrapes every second: let it scrape past the session's end.
  await new Promise((r) => setTimeout(r, 2000));
}, 60_000);

afterAll(async () => {
  await gw?.close();
  await stack?.stop();
  await fx?.lab.stop();
  if (fx && !process.env.KEEP) rmSync(fx.dir, { recursive: true, force: true });
});

describe('host metrics over a past window', () => {
  it('answers a host over from–to with a step keeping ≤ 600 points, and refuses a bad window', async () => {
    const to = Date.now();
    const minutes = MetricsRangeResultSchema.parse(await call('alice', 'metrics.range', { host: 'web-01', from: to - 120_000, to }));
    expect(minutes).toMatchObject({ host: 'web-01', state: 'ok', stepMs: 1000 });
    expect(minutes.start).toBe(Math.floor((to - 120_000) / 1000) * 1000);
    expect(minutes.end).toBe(Math.ceil(to / 1000) * 1000);
    const cpu = minutes.series.find((s) => s.metric === 'cpu')!;
    expect(cpu.points.length).toBeGreaterThan(2);
    for (const [t, value] of cpu.points) {
      expect(t).toBeGreaterThanOrEqual(minutes.start);
      expect(t).toBeLessThanOrEqual(minutes.end);
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(100);
    }
    const week = MetricsRangeResultSchema.parse(await call('alice', 'metrics.range', { host: 'web-01', from: to - 7 * 86_400_000, to }));
    expect(week.stepMs).toBe(Math.ceil((7 * 86_400 + 1) / 599) * 1000);
    for (const s of week.series) expect(s.points.length).toBeLessThanOrEqual(600);

    for (const bad of [
      { from: to - 7 * 86_400_000 - 1, to },
      { from: to, to: to - 1000 },
      { from: to - 1000 },
      { range: '1h', from: to - 1000, to },
    ]) await expect(call('alice', 'metrics.range', { host: 'web-01', ...bad }), JSON.stringify(bad)).rejects.toMatchObject({ code: 'bad_request' });
    // A past window is decided as the live values are: a host the caller may not reach is refused.
    await expect(call('rita', 'metrics.range', { host: 'web-01', from: to - 60_000, to })).rejects.toMatchObject({ code: 'denied', message: expect.stringContaining('not_permitted') });
  }, 30_000);
});

describe('a session\'s host metrics under the player', () => {
  it('gives a security reviewer with no grant the metrics of the session\'s host over its time range', async () => {
    const shown = SessionMetricsSchema.parse(await call('rita', 'review.session.metrics', { sessionId }));
    expect(shown).toMatchObject({ sessionId, host: 'web-01', state: 'ok', startedAt: session.startedAt, endedAt: session.endedAt, stepMs: 1000 });
    expect(shown.start).toBe(Math.floor(session.startedAt / 1000) * 1000);
    expect(shown.end).toBe(Math.ceil(session.endedAt / 1000) * 1000);
    for (const metric of ['cpu', 'memory'] as const) {
      const points = shown.series.find((s) => s.metric === metric)?.points ?? [];
      // The session lasted 4 s or more, at a 1 s step (a loaded machine's scrapes may come late).
      expect(points.length, metric).toBeGreaterThanOrEqual(2);
      for (const [t] of points) expect(t >= shown.start && t <= shown.end, metric).toBe(true);
    }
  }, 30_000);

  it('gives an operator only their own sessions, and only while they may still reach the host', async () => {
    await expect(call('bob', 'review.session.metrics', { sessionId })).rejects.toMatchObject({ code: 'not_found' });
    await expect(call('alice', 'review.session.metrics', { sessionId: 'no-such-session' })).rejects.toMatchObject({ code: 'not_found' });
    expect(await call('alice', 'review.session.metrics', { sessionId })).toMatchObject({ sessionId, state: 'ok' });

    const admin = openGatewayAdmin(fx.dataDir);
    for (const grant of admin.listGrants({ user: 'alice' })) admin.revokeGrant(grant.id);
    admin.close();
    await expect(call('alice', 'review.session.metrics', { sessionId })).rejects.toMatchObject({ code: 'denied', message: expect.stringContaining('not_permitted') });
    // The reviewer's view does not hang on anyone's grant.
    expect(await call('sam', 'review.session.metrics', { sessionId })).toMatchObject({ sessionId, state: 'ok' });
  }, 30_000);
});

describe('a batch job\'s hosts at the end of their run', () => {
  it('gives CPU and memory at each host\'s run end, to the submitter and reviewers only', async () => {
    const job = await call<BatchJob>('bob', 'batch.start', { selector: 'web-01', command: 'sleep 2; echo done' });
    const done = async () => (await call<{ job: BatchJob }>('bob', 'batch.get', { job: job.id })).job.state;
    let state = await done();
    for (let tries = 0; state !== 'done' && tries < 40; tries++) {
      await new Promise((r) => setTimeout(r, 500));
      state = await done();
    }
    expect(state).toBe('done');
    await new Promise((r) => setTimeout(r, 2000)); // a scrape past the run's end

    const result = MetricsBatchResultSchema.parse(await call('bob', 'metrics.batch', { job: job.id }));
    expect(result).toMatchObject({ job: job.id, state: 'ok' });
    expect(result.hosts).toHaveLength(1);
    const [host] = result.hosts;
    expect(host).toMatchObject({ host: 'web-01' });
    expect(host!.cpu).toBeGreaterThanOrEqual(0);
    expect(host!.cpu).toBeLessThanOrEqual(100);
    expect(host!.memory).toBeGreaterThan(0);
    expect(host!.memory).toBeLessThan(100);
    expect(Date.now() - host!.at).toBeLessThan(30_000);

    expect(await call('rita', 'metrics.batch', { job: job.id })).toMatchObject({ job: job.id, state: 'ok' });
    await expect(call('alice', 'metrics.batch', { job: job.id })).rejects.toMatchObject({ code: 'not_found' });
  }, 60_000);
});

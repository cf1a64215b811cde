// Host metrics through the client's main side, in plain Node against the REAL gateway, a real sshd
// and real prometheus + node_exporter (lab/metrics-stack.ts): a range for a host the user may
// reach, `denied` for one it may not, and the live topic forwarded to the renderer session.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { setUpFixture, type Fixture } from '../../../lab/gateway-fixture';
import { startMetricsStack, type MetricsStack } from '../../../lab/metrics-stack';
import type { Gateway } from '../../../gateway/src/index';
import { MetricsRangeResultSchema, MetricsSampleSchema } from '../../../shared/contract/gateway-api/metrics';
import type { ClientService } from '../client-service';
import type { ClientStore } from '../store/client-store';
import { clientServiceFor, FakeRenderer } from '../testing';

let fx: Fixture;
let stack: MetricsStack;
let gw: Gateway;
let store: ClientStore;
let service: ClientService;

beforeAll(async () => {
  fx = await setUpFixture('client-metrics-');
  stack = await startMetricsStack({ dir: join(fx.dir, 'prometheus'), names: ['web-01'] });
  // web-01 has no instance tag: the template names its exporter.
  gw = await fx.start({ metrics: { prometheusUrl: stack.url, instanceTemplate: `{host}:${stack.exporters[0]!.port}`, intervalMs: 1000, rateWindowSec: 4 } });
  ({ store, service } = clientServiceFor(fx.dir, gw, 'alice', fx.keys.alice.private));
}, 60_000);
afterAll(async () => {
  await service?.close();
  store?.close();
  await gw?.close();
  await stack?.stop();
  await fx?.lab.stop();
  if (fx) rmSync(fx.dir, { recursive: true, force: true });
});

it('passes a range on from the gateway, refuses a host the user may not reach, and forwards metrics.live', async () => {
  const r = new FakeRenderer(service.openSession());
  const live: unknown[] = [];
  r.session.onEvent((m) => {
    if (m.event === 'gateway.event') live.push((m.payload as { data: unknown }).data);
  });
  await r.call('gateway.connect');
  let range = MetricsRangeResultSchema.parse(await r.call('metrics.range', { host: 'web-01', range: '1h' }));
  for (let tries = 0; range.state !== 'ok' && tries < 90; tries++) {
    await new Promise((done) => setTimeout(done, 500)); // Prometheus's first scrapes
    range = MetricsRangeResultSchema.parse(await r.call('metrics.range', { host: 'web-01', range: '1h' }));
  }
  expect(range).toMatchObject({ host: 'web-01', state: 'ok', stepMs: 7000 });
  expect(range.series.some((s) => s.metric === 'memory' && s.points.length > 0)).toBe(true);
  await expect(r.call('metrics.range', { host: 'db-99', range: '1h' })).rejects.toMatchObject({ code: 'denied' });
  await expect(r.call('metrics.range', { host: 'web-01', range: '2d' })).rejects.toMatchObject({ code: 'bad_request' });

  await r.call('gateway.subscribe', { topic: 'metrics.live', params: { host: 'web-01' } });
  await r.until(() => live.some((d) => MetricsSampleSchema.parse(d).state === 'ok'), 'a live reading');
  expect(MetricsSampleSchema.parse(live.at(-1))).toMatchObject({ host: 'web-01', state: 'ok' });
  await r.session.close();
}, 90_000);

// `metrics.match: nodename` against the real thing: Debian's prometheus scraping two
// prometheus-node-exporters on loopback (lab/metrics-stack.ts). Both run on this machine, so both
// report its hostname as node_uname_info's nodename; hosts are found by that, not by an instance.
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MetricsRangeResultSchema } from '../../../shared/contract/gateway-api/metrics';
import { generateEd25519KeyPair } from '../../../shared/node/ssh-keys';
import { startMetricsStack, type MetricsStack } from '../../../lab/metrics-stack';
import { openGatewayAdmin, silentLogger, startGateway, type Gateway } from '..';
import { openApiClient } from '../testing';
import { createNodenameIndex } from './nodename';
import { createPrometheusClient } from './prometheus';

const key = generateEd25519KeyPair();
const NODENAME = hostname(); // node_exporter's uname collector reports the kernel's nodename: this machine's
let dir: string;
let stack: MetricsStack;
let gw: Gateway;

/** Prometheus's own count of instant queries answered (its /metrics page: reading it adds none). */
async function instantQueries(): Promise<number> {
  const text = await (await fetch(`${stack.url}/metrics`)).text();
  return Number(/^prometheus_http_requests_total\{code="200",handler="\/api\/v1\/query"\} (\S+)$/m.exec(text)?.[1] ?? 0);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gw-nodename-'));
  stack = await startMetricsStack({ dir: join(dir, 'prometheus'), names: ['one', 'two'] });
  const client = createPrometheusClient(stack.url, 4000);
  // Both exporters scraped once at least, before anything looks nodenames up.
  for (let i = 0; i < 100 && (await client.instant('node_uname_info')).length < 2; i++) await new Promise((r) => setTimeout(r, 100));
  const admin = openGatewayAdmin(join(dir, 'data'));
  admin.addUser({ name: 'alice', roles: ['operator'], publicKeys: [key.public] });
  admin.addHost({ name: NODENAME, address: '10.9.9.9:22' }); // found by its name
  admin.addHost({ name: 'db-01', address: `${NODENAME}:22` }); // found by its address
  admin.addHost({ name: 'nowhere-01', address: '10.9.9.8:22' }); // no target reports it
  admin.addHost({ name: 'tagged-01', address: '10.9.9.7:22', tags: { instance: stack.exporters[1]!.instance } }); // a tag still wins
  admin.addGrant({ user: 'alice', hosts: '*', login: 'root' });
  admin.close();
  gw = await startGateway({ dataDir: join(dir, 'data'), logger: silentLogger, loginPolicy: { sourceDelayBaseMs: 0 }, metrics: { prometheusUrl: stack.url, match: 'nodename', intervalMs: 1000, rateWindowSec: 10 } });
}, 60_000);

afterAll(async () => {
  await gw?.close();
  await stack?.stop();
  if (dir && !process.env.KEEP) rmSync(dir, { recursive: true, force: true });
});

describe('metrics.match: nodename', () => {
  it('maps a nodename to its target: the first instance by name when several report it', async () => {
    const index = createNodenameIndex(createPrometheusClient(stack.url, 4000), silentLogger);
    const first = stack.exporters.map((e) => e.instance).sort()[0];
    expect(await index.instanceOf(['no-such-node', NODENAME])).toBe(first);
    expect(await index.instanceOf(['no-such-node'])).toBeUndefined();
  });

  it('finds untagged hosts by name or address, says no_data for one no target reports, and looks nodenames up once for all', async () => {
    const alice = await openApiClient({ port: gw.address.port, username: 'alice', privateKey: key.private, hostPublicKey: gw.hostPublicKey });
    try {
      const before = await instantQueries();
      const range = async (host: string) => MetricsRangeResultSchema.parse(await alice.call('metrics.range', { host, range: '15m' }));
      for (const host of [NODENAME, 'db-01', 'tagged-01']) {
        // A young Prometheus may not have a range point yet on a loaded machine: ask again until it has.
        await expect.poll(async () => (await range(host)).series.find((s) => s.metric === 'memory')?.points.length ?? 0, { timeout: 15_000, interval: 500 }).toBeGreaterThan(0);
        expect((await range(host)).state, host).toBe('ok');
      }
      expect(await range('nowhere-01')).toMatchObject({ state: 'no_data', series: [] });
      // Range answers are range queries: the one instant query is the nodename lookup, cached for all four hosts.
      expect((await instantQueries()) - before).toBe(1);
    } finally {
      alice.close();
    }
  }, 30_000);
});

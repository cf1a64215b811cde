// Port forwards in the live view through the client's main side, in plain Node against the REAL
// gateway (forwarding allowed) and a real sshd: alice forwards two connections to a service on the
// target (a real ssh2 client's direct-tcpip); the reviewer's `sessions.live` subscription lists
// them with target and bytes, and `live.terminate` with one's id closes that one only.
import { createServer, type Server } from 'node:net';
import type { Client, ClientChannel } from 'ssh2';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Fixture } from '../../../lab/gateway-fixture';
import type { Gateway } from '../../../gateway/src/index';
import { auditEntries } from '../../../gateway/src/testing';
import type { LiveForward, LiveSessionsData } from '../../../shared/contract/live-sessions';
import type { ClientService } from '../client-service';
import { clientOnFixture, FakeRenderer } from '../testing';

let fx: Fixture;
let gw: Gateway;
let service: ClientService;
let profiles: Record<'sam', string>;
let close: () => Promise<void>;
let echo: Server;
let echoPort: number;

beforeAll(async () => {
  ({ fx, gw, service, profiles, close } = await clientOnFixture({ prefix: 'client-live-fwd-', gateway: { forwarding: { policy: 'allow' } } }, 'sam'));
  echo = createServer((s) => {
    s.on('error', () => {});
    s.pipe(s);
  });
  await new Promise<void>((ok) => echo.listen(0, '127.0.0.1', ok));
  echoPort = (echo.address() as { port: number }).port;
}, 60_000);
afterAll(async () => {
  await new Promise((r) => echo?.close(r));
  await close?.();
});

/** One forward of alice's to the echo service; `closed` once the gateway closed it. */
function forwardOf(conn: Client, srcPort: number): Promise<{ channel: ClientChannel; closed: () => boolean }> {
  return new Promise((resolve, reject) =>
    conn.forwardOut('127.0.0.1', srcPort, '127.0.0.1', echoPort, (err, channel) => {
      if (err) return reject(err);
      let closed = false;
      channel.on('close', () => (closed = true));
      resolve({ channel, closed: () => closed });
    }),
  );
}

it('lists alice forwards with target and bytes, and terminates one of them alone', async () => {
  const r = new FakeRenderer(service.openSession());
  const data: LiveSessionsData[] = [];
  r.session.onEvent((m) => {
    if (m.event === 'gateway.event') data.push((m.payload as { data: LiveSessionsData }).data);
  });
  await r.call('gateway.connect', { profileId: profiles.sam });
  const conn = await fx.connect(gw, 'alice');
  const [one, two] = [await forwardOf(conn, 40001), await forwardOf(conn, 40002)];
  one.channel.write('ping');
  await new Promise((ok) => one.channel.once('data', ok));

  await r.call('gateway.subscribe', { topic: 'sessions.live', params: {} });
  await r.until(() => data.some((d) => d.change === 'list'), 'the live list');
  const listed = data.flatMap((d) => (d.change === 'list' ? (d.forwards ?? []) : []));
  expect(listed).toHaveLength(2);
  const first = listed.find((f) => f.from === '127.0.0.1:40001') as LiveForward;
  expect(first).toMatchObject({ kind: 'forward', user: 'alice', host: 'web-01', to: `127.0.0.1:${echoPort}` });
  await r.until(() => data.some((d) => d.change === 'forward-bytes' && d.id === first.id && d.bytesSent === 4 && d.bytesReceived === 4), 'the bytes of the first forward');

  const done = (await r.call('live.terminate', { sessionId: first.id, reason: 'not during the freeze' })) as { sessionId: string };
  expect(done.sessionId).toBe(first.id);
  await r.until(() => one.closed(), 'the first forward to close');
  await r.until(() => data.some((d) => d.change === 'forward-closed' && d.id === first.id), 'the list to drop it');
  // The other forward still carries traffic.
  two.channel.write('pong');
  expect(String(await new Promise((ok) => two.channel.once('data', ok)))).toBe('pong');
  expect(two.closed()).toBe(false);
  expect(auditEntries(fx.dataDir, 'forwarding.terminated')).toEqual([expect.objectContaining({ actor: 'sam', data: expect.objectContaining({ forward: first.id, reason: 'not during the freeze' }) })]);
  conn.end();
  await r.call('gateway.disconnect');
  await r.session.close();
});

// Gateway events through the client's main side, in plain Node against the REAL gateway and a
// real sshd: a renderer session subscribes to `sessions.live`, sees a session start and end, and
// hears 'closed' when the connection drops; another session sees none of it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { setUpFixture, type Fixture } from '../../../lab/gateway-fixture';
import type { Gateway } from '../../../gateway/src/index';
import { exec } from '../../../gateway/src/testing';
import { createClientService, type ClientService } from '../client-service';
import { presentedKeyFromLine } from '../connection/host-trust';
import { endpointOf, openClientStore, type ClientStore } from '../store/client-store';
import { FakeRenderer, stopClientTest } from '../testing';

let fx: Fixture;
let gw: Gateway;
let store: ClientStore;
let service: ClientService;

beforeAll(async () => {
  fx = await setUpFixture('client-events-');
  gw = await fx.start();
  mkdirSync(join(fx.dir, 'home'));
  writeFileSync(join(fx.dir, 'sam_key'), fx.keys.sam.private, { mode: 0o600 });
  store = openClientStore(join(fx.dir, 'client'), { log: () => {} });
  const profile = store.saveProfile(undefined, { name: 'test', host: gw.address.host, port: gw.address.port, user: 'sam', auth: { kind: 'key', keyFile: join(fx.dir, 'sam_key') } });
  store.trustHostKey(endpointOf(profile), presentedKeyFromLine(gw.hostPublicKey));
  service = createClientService({ store, home: join(fx.dir, 'home'), shell: 'browser', version: '0.0.0-test', log: () => {} });
}, 60_000);
afterAll(() => stopClientTest({ service, store, gateway: gw, fx }));

/** A renderer stand-in that also keeps the gateway events it is sent. */
function renderer() {
  const r = new FakeRenderer(service.openSession());
  const events: { event: string; payload: Record<string, unknown> }[] = [];
  r.session.onEvent((m) => {
    if (m.event.startsWith('gateway.') && m.event !== 'gateway.state') events.push({ event: m.event, payload: m.payload as Record<string, unknown> });
  });
  return { r, events };
}

it('forwards a subscription’s events to the renderer session that made it, and ends it as closed when the connection drops', async () => {
  const a = renderer();
  const b = renderer();
  await a.r.call('gateway.connect');
  const { subscription } = (await a.r.call('gateway.subscribe', { topic: 'sessions.live', params: {} })) as { subscription: number };
  await a.r.until(() => a.events.length > 0, 'the list at subscribe time');
  expect(a.events[0]).toEqual({ event: 'gateway.event', payload: { subscription, topic: 'sessions.live', data: { change: 'list', sessions: [], more: false } } });
  await expect(a.r.call('gateway.subscribe', { topic: 'no.such', params: {} })).rejects.toMatchObject({ code: 'bad_request' });

  const conn = await fx.connect(gw, 'alice');
  expect((await exec(conn, 'true client-events')).code).toBe(0);
  conn.end();
  await a.r.until(() => a.events.some((e) => (e.payload.data as { change?: string } | undefined)?.change === 'ended'), 'the session’s end');
  const started = a.events.find((e) => (e.payload.data as { change?: string } | undefined)?.change === 'started')!;
  expect(started.payload.data).toMatchObject({ session: { user: 'alice', command: 'true client-events' } });
  await expect(b.r.call('gateway.unsubscribe', { subscription })).rejects.toMatchObject({ code: 'not_found' });
  expect(b.events).toEqual([]);

  await a.r.call('gateway.disconnect');
  await a.r.until(() => a.events.some((e) => e.event === 'gateway.subscriptionEnded'), 'the end of the subscription');
  expect(a.events.at(-1)).toEqual({ event: 'gateway.subscriptionEnded', payload: { subscription, reason: 'closed' } });
  await a.r.session.close();
  await b.r.session.close();
});

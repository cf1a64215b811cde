// Server-pushed events end to end: a real gateway, real sshd targets, the ssh2 client. The
// `sessions.live` topic: who sees what, a subscriber that stops reading, a user disabled mid-subscription.
import { rmSync } from 'node:fs';
import type { Client, ClientChannel } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpFixture, type Fixture } from '../../../lab/gateway-fixture';
import { GATEWAY_API_MAX_LINE, GATEWAY_API_MAX_RESPONSE_LINE, GATEWAY_API_SUBSYSTEM, gatewayEvents, gatewayMethods } from '../../../shared/contract/gateway-api';
import type { LiveSessionsData } from '../../../shared/contract/live-sessions';
import { attachNdjson } from '../../../shared/node/ndjson';
import { capChannelWindow, openWithSmallWindow } from '../../../shared/node/ssh-window';
import { createRpcClient } from '../../../shared/rpc/client';
import type { Gateway } from '..';
import { createUserAdmin } from '../auth/user-admin';
import { openStore } from '../store';
import { exec, waitFor } from '../testing';

let fx: Fixture;
let gw: Gateway;
const SMALL = 4096;

beforeAll(async () => {
  fx = await setUpFixture('gw-events-');
  gw = await fx.start({ livenessIntervalMs: 100, api: { limits: { replyBufferBytes: SMALL }, events: { subscriptionQueueBytes: SMALL } } });
});
afterAll(async () => {
  await gw?.close();
  await fx?.lab.stop();
  if (fx) rmSync(fx.dir, { recursive: true, force: true });
});

const openApi = (conn: Client, window?: number) =>
  new Promise<ClientChannel>((resolve, reject) => {
    const open = () => conn.subsys(GATEWAY_API_SUBSYSTEM, (err, ch) => (err ? reject(err) : resolve(ch)));
    if (window === undefined) return open();
    openWithSmallWindow(conn, open, window);
  });

/** An API client over a fresh channel that records every event it receives. */
async function subscriber(conn: Client) {
  const channel = await openApi(conn);
  const rpc = createRpcClient(gatewayMethods, gatewayEvents, (m) => void nd.send(m));
  const nd = attachNdjson(channel, { maxLine: GATEWAY_API_MAX_RESPONSE_LINE, maxSendLine: GATEWAY_API_MAX_LINE, onMessage: (m) => rpc.receive(m), onError: () => {} });
  const events: { event: string; payload: { subscription: number; data?: LiveSessionsData; reason?: string } }[] = [];
  rpc.onEvent((event, payload) => events.push({ event, payload: payload as (typeof events)[number]['payload'] }));
  const { subscription } = await rpc.request('events.subscribe', { topic: 'sessions.live', params: {} });
  const started = () => events.filter((e) => e.payload.subscription === subscription && e.payload.data?.change === 'started').map((e) => (e.payload.data as { session: { user: string; command: string | null } }).session);
  return { rpc, channel, subscription, events, started };
}

const marker = (tag: string) => `true ${tag}-${Math.random().toString(36).slice(2)}`;

describe('sessions.live over the real gateway', () => {
  it('shows a security user every session and an operator only their own, as they start and end', async () => {
    const [aliceConn, samConn] = await Promise.all([fx.connect(gw, 'alice'), fx.connect(gw, 'sam')]);
    try {
      const alice = await subscriber(aliceConn);
      const sam = await subscriber(samConn);
      expect(alice.events[0]?.payload.data).toEqual({ change: 'list', sessions: [], more: false });
      const [aliceCmd, samCmd] = [marker('alice'), marker('sam')];
      expect((await exec(aliceConn, aliceCmd)).code).toBe(0);
      expect((await exec(samConn, samCmd)).code).toBe(0);
      expect(await waitFor(() => sam.started().length === 2 && alice.events.filter((e) => e.payload.data?.change === 'ended').length === 1, 5000)).toBe(true);
      expect(sam.started().map((s) => [s.user, s.command])).toEqual([['alice', aliceCmd], ['sam', samCmd]]);
      expect(alice.started().map((s) => [s.user, s.command])).toEqual([['alice', aliceCmd]]);
      await alice.rpc.request('events.unsubscribe', { subscription: alice.subscription });
    } finally {
      aliceConn.end();
      samConn.end();
    }
  });

  it('ends the subscription of a client that stops reading with fell_behind; the gateway holds a bounded amount and the channel still serves', async () => {
    const [samConn, aliceConn] = await Promise.all([fx.connect(gw, 'sam'), fx.connect(gw, 'alice')]);
    try {
      const channel = await openApi(samConn, SMALL);
      capChannelWindow(samConn, channel, SMALL, { openedWith: SMALL });
      let text = '';
      const onData = (d: Buffer) => (text += d.toString());
      channel.on('data', onData);
      channel.write(JSON.stringify({ type: 'request', id: 1, method: 'events.subscribe', params: { topic: 'sessions.live', params: {} } }) + '\n');
      expect(await waitFor(() => text.includes('"change":"list"'), 5000)).toBe(true);
      // Stop reading: nothing more is taken off the channel, so the SSH window closes.
      channel.off('data', onData);
      channel.pause();
      const long = 'x'.repeat(1000);
      for (let i = 0; i < 30; i++) expect((await exec(aliceConn, `true ${long}`)).code).toBe(0);
      // Read again: what the gateway held is the window, its reply buffer and one bounded queue, then the end.
      text = '';
      channel.on('data', onData);
      channel.resume();
      expect(await waitFor(() => text.includes('"subscription.ended"'), 5000)).toBe(true);
      const lines = text.trim().split('\n').map((l) => JSON.parse(l) as { event?: string; payload?: { reason?: string; droppedBytes?: number } });
      const ended = lines.find((l) => l.event === 'subscription.ended')!;
      expect(ended.payload).toMatchObject({ subscription: 1, reason: 'fell_behind' });
      expect(ended.payload!.droppedBytes).toBeGreaterThan(SMALL);
      expect(Buffer.byteLength(text)).toBeLessThan(3 * SMALL + 2048); // 30 sessions made ~36 KiB of events
      // Sessions that start and end after that send nothing; requests and a new subscription work.
      expect((await exec(aliceConn, `true ${long}`)).code).toBe(0);
      text = '';
      channel.write(JSON.stringify({ type: 'request', id: 2, method: 'events.subscribe', params: { topic: 'sessions.live', params: {} } }) + '\n');
      expect(await waitFor(() => text.includes('"change":"list"'), 5000)).toBe(true);
      expect(text).toContain('{"type":"response","id":2,"ok":true,"result":{"subscription":2}}');
      expect(text).not.toContain('"subscription":1,');
      channel.close();
    } finally {
      samConn.end();
      aliceConn.end();
    }
  });

  it('ends the subscription of a user disabled while subscribed with permission', async () => {
    const conn = await fx.connect(gw, 'sam');
    const sam = await subscriber(conn);
    const store = openStore(fx.dataDir); // its own connection, like the CLI
    try {
      createUserAdmin(store).setDisabled('sam', true);
    } finally {
      store.close();
    }
    expect(await waitFor(() => sam.events.some((e) => e.event === 'subscription.ended'), 5000)).toBe(true);
    expect(sam.events.find((e) => e.event === 'subscription.ended')!.payload).toEqual({ subscription: sam.subscription, reason: 'permission' });
    conn.end();
  });
});

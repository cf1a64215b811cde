// The subscription machinery on its own: bounds, fell_behind, permission ends, deny by default.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createWatcher } from '../liveness/watch';
import type { UserRecord } from '../store';
import { createChannelEvents, type EventLimits } from './subscriptions';
import type { Topic, TopicRegistry } from './topics';

const user = (roles: UserRecord['roles'], disabled = false): UserRecord => ({ id: 1, name: 'alice', roles, disabled, totp: false, lockedUntil: null, failedLogins: 0, removed: false });

/** A topic whose emit and stop the test drives; operators only. */
function testTopic() {
  const emitters: ((data: unknown) => void)[] = [];
  let stopped = 0;
  const topic: Topic = {
    name: 'sessions.live',
    params: z.object({}).strict(),
    authorize: (caller) => (caller.roles.includes('operator') ? { ok: true, scope: caller.roles.includes('security') ? 'all' : 'own' } : { ok: false, reason: 'operators only' }),
    start: (_c, _p, _s, emit) => {
      emitters.push(emit);
      return () => stopped++;
    },
  };
  const topics: TopicRegistry = { register() {}, get: (name) => (name === topic.name ? topic : undefined) };
  return { topics, emit: (i: number, data: unknown) => emitters[i]!(data), stopped: () => stopped };
}

function setUp(limits: Partial<EventLimits> = {}) {
  const t = testTopic();
  let current = user(['operator']);
  const sent: string[] = [];
  let room = 1_000_000;
  const liveness = createWatcher({ intervalMs: 60_000 });
  const events = createChannelEvents({
    topics: t.topics,
    caller: current,
    loadUser: () => current,
    liveness,
    limits,
    outlet: { room: () => room, write: (line) => (sent.push(line), (room -= Buffer.byteLength(line))) },
  });
  const messages = () => sent.map((line) => JSON.parse(line) as { event: string; payload: { subscription: number; data?: unknown; reason?: string; droppedBytes?: number } });
  return {
    ...t,
    events,
    liveness,
    messages,
    setRoom: (n: number) => ((room = n), events.pump()),
    setUser: (u: UserRecord) => (current = u),
  };
}

const payload = (n: number) => ({ n, pad: 'x'.repeat(1000) });

describe('channel subscriptions', () => {
  it('starts after the subscribe answer, and queues while the channel has no room', async () => {
    const s = setUp();
    const id = s.events.subscribe('sessions.live', {});
    expect(s.messages()).toEqual([]); // not started yet: the answer goes first
    await nextTurn();
    s.emit(0, { n: 1 });
    s.setRoom(0);
    s.emit(0, { n: 2 });
    s.emit(0, { n: 3 });
    expect(s.messages().map((m) => m.payload)).toEqual([{ subscription: id, data: { n: 1 } }]);
    expect(s.events.queuedBytes()).toBeGreaterThan(0);
    s.setRoom(1_000_000);
    expect(s.messages().map((m) => (m.payload.data as { n: number }).n)).toEqual([1, 2, 3]);
    expect(s.events.queuedBytes()).toBe(0);
  });

  it('ends a subscription beyond its queue bound with fell_behind; the others and new ones go on', async () => {
    const s = setUp({ subscriptionQueueBytes: 4096 });
    const slow = s.events.subscribe('sessions.live', {});
    const other = s.events.subscribe('sessions.live', {});
    await nextTurn();
    s.setRoom(0);
    let queuedMax = 0;
    for (let i = 0; i < 100; i++) {
      s.emit(0, payload(i));
      queuedMax = Math.max(queuedMax, s.events.queuedBytes());
    }
    s.emit(1, { n: 'other' });
    expect(queuedMax).toBeLessThan(4096 + 1200); // the bound plus the one line that crossed it
    expect(s.events.count()).toBe(1);
    expect(s.stopped()).toBe(1);
    s.setRoom(1_000_000);
    const ended = s.messages().find((m) => m.event === 'subscription.ended')!;
    expect(ended.payload).toMatchObject({ subscription: slow, reason: 'fell_behind' });
    expect(ended.payload.droppedBytes).toBeGreaterThan(4096);
    expect(s.messages().filter((m) => m.payload.subscription === other).map((m) => m.payload.data)).toEqual([{ n: 'other' }]);
    // Events of the ended subscription are dropped, not sent; a new subscription works.
    s.emit(0, payload(101));
    expect(s.messages().some((m) => (m.payload.data as { n?: number } | undefined)?.n === 101)).toBe(false);
    expect(s.events.subscribe('sessions.live', {})).toBe(3);
  });

  it('bounds the bytes queued across the channel', async () => {
    const s = setUp({ subscriptionQueueBytes: 1_000_000, channelQueueBytes: 8192 });
    s.events.subscribe('sessions.live', {});
    s.events.subscribe('sessions.live', {});
    await nextTurn();
    s.setRoom(0);
    for (let i = 0; i < 5; i++) s.emit(0, payload(i));
    for (let i = 0; i < 5; i++) s.emit(1, payload(i));
    expect(s.events.count()).toBe(1);
    expect(s.events.queuedBytes()).toBeLessThan(8192 + 1200);
  });

  it('ends subscriptions with permission when the account is disabled or the role changes', async () => {
    const s = setUp();
    const a = s.events.subscribe('sessions.live', {});
    await nextTurn();
    s.setUser(user(['operator', 'security'])); // the scope widened: it was granted as 'own'
    s.liveness.checkNow();
    expect(s.messages().at(-1)).toMatchObject({ event: 'subscription.ended', payload: { subscription: a, reason: 'permission' } });
    s.setUser(user(['operator']));
    const b = s.events.subscribe('sessions.live', {});
    await nextTurn();
    s.liveness.checkNow();
    expect(s.events.count()).toBe(1);
    s.setUser(user(['operator'], true));
    s.liveness.checkNow();
    expect(s.messages().at(-1)).toMatchObject({ event: 'subscription.ended', payload: { subscription: b, reason: 'permission' } });
    expect(s.events.count()).toBe(0);
    expect(s.liveness.size()).toBe(0);
  });

  it('refuses by default: unknown topic, bad params, a caller without the role, too many subscriptions', async () => {
    const s = setUp({ maxSubscriptions: 2 });
    expect(() => s.events.subscribe('nope', {})).toThrow(expect.objectContaining({ code: 'not_found' }));
    expect(() => s.events.subscribe('sessions.live', { all: true })).toThrow(expect.objectContaining({ code: 'bad_request' }));
    s.events.subscribe('sessions.live', {});
    s.events.subscribe('sessions.live', {});
    expect(() => s.events.subscribe('sessions.live', {})).toThrow(expect.objectContaining({ code: 'unavailable' }));
    const denied = createChannelEvents({ topics: s.topics, caller: user([]), loadUser: () => undefined, outlet: { room: () => 0, write() {} } });
    expect(() => denied.subscribe('sessions.live', {})).toThrow(expect.objectContaining({ code: 'denied' }));
  });

  it('sends nothing after unsubscribe or close, and stops the topics', async () => {
    const s = setUp();
    const a = s.events.subscribe('sessions.live', {});
    s.events.subscribe('sessions.live', {});
    await nextTurn();
    s.events.unsubscribe(a);
    expect(() => s.events.unsubscribe(a)).toThrow(expect.objectContaining({ code: 'not_found' }));
    s.events.close();
    s.emit(1, { n: 1 });
    expect(s.messages()).toEqual([]);
    expect(s.stopped()).toBe(2);
  });
});

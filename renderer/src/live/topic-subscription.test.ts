// The subscription helper against a scripted main side: the main side may send a subscription's
// first events before its subscribe answer, a fell_behind subscription is made again from a fresh
// state, and any other end is handed over once.
import { describe, expect, it } from 'vitest';
import type { PortcullisApi } from '../../../shared/contract/window';
import { subscribeTopic } from './topic-subscription';

/** A main side that answers each subscribe with the next id, after delivering what `early` says. */
function scriptedMainSide(early: (id: number, send: (event: string, payload: object) => void) => void) {
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const send = (event: string, payload: object) => listeners.get(event)?.forEach((l) => l(payload));
  const requests: Array<[string, unknown]> = [];
  let next = 1;
  const api = {
    request: (method: string, params: unknown) => {
      requests.push([method, params]);
      if (method !== 'gateway.subscribe') return Promise.resolve(null);
      const id = next++;
      early(id, send);
      return Promise.resolve({ subscription: id });
    },
    on: (event: string, listener: (p: unknown) => void) => {
      listeners.set(event, (listeners.get(event) ?? new Set()).add(listener));
      return () => listeners.get(event)!.delete(listener);
    },
  } as unknown as PortcullisApi;
  return { api, send, requests };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('subscribeTopic', () => {
  it('keeps events that arrive before the subscribe answer, and ignores other subscriptions', async () => {
    const main = scriptedMainSide((id, send) => {
      send('gateway.event', { subscription: id, topic: 'sessions.live', data: 'first' });
      send('gateway.event', { subscription: id + 100, topic: 'sessions.live', data: 'not mine' });
    });
    const log: string[] = [];
    subscribeTopic(main.api, 'sessions.live', {}, { fresh: () => log.push('fresh'), data: (d) => log.push(String(d)), ended: (r) => log.push(`ended:${r}`) });
    await tick();
    main.send('gateway.event', { subscription: 1, topic: 'sessions.live', data: 'second' });
    expect(log).toEqual(['fresh', 'first', 'second']);
  });

  it('subscribes again after fell_behind, from a fresh state; other ends are final', async () => {
    const main = scriptedMainSide(() => {});
    const log: string[] = [];
    const stop = subscribeTopic(main.api, 'sessions.live', {}, { fresh: () => log.push('fresh'), data: (d) => log.push(String(d)), ended: (r) => log.push(`ended:${r}`) });
    await tick();
    main.send('gateway.subscriptionEnded', { subscription: 1, reason: 'fell_behind' });
    await tick();
    main.send('gateway.event', { subscription: 1, topic: 'sessions.live', data: 'stale' });
    main.send('gateway.event', { subscription: 2, topic: 'sessions.live', data: 'again' });
    main.send('gateway.subscriptionEnded', { subscription: 2, reason: 'permission' });
    main.send('gateway.event', { subscription: 2, topic: 'sessions.live', data: 'after the end' });
    expect(log).toEqual(['fresh', 'fresh', 'again', 'ended:permission']);
    stop();
    expect(main.requests.filter(([m]) => m === 'gateway.unsubscribe')).toEqual([]);
  });

  it('hands a refused subscribe over as failed, with the error', async () => {
    const main = scriptedMainSide(() => {});
    const refusal = Object.assign(new Error('sessions.output needs the security or admin role'), { code: 'denied' });
    main.api.request = (() => Promise.reject(refusal)) as PortcullisApi['request'];
    const ended: unknown[] = [];
    subscribeTopic(main.api, 'sessions.output', { sessionId: 'x' }, { fresh: () => {}, data: () => {}, ended: (r, e) => ended.push(r, e) });
    await tick();
    expect(ended).toEqual(['failed', refusal]);
  });
});

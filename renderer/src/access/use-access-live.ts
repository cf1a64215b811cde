// What the access area keeps while connected: who the user is (roles), their access (`access.mine`)
// and the requests the topic `access.requests` tells of (own ones for operators, everyone's for
// admins, with the pending count for the badge). Both topics are followed through the main side;
// a subscription that fell behind is made again (its snapshot brings the state up to date).
import { useEffect, useRef, useState } from 'react';
import type { PortcullisApi } from '../../../shared/contract/window';
import type { AccessMine, AccessRequest, AccessRequestsEvent } from '../../../shared/contract/gateway-api/access';
import type { GatewayRole } from '../../../shared/contract/gateway-api/policy';

export interface AccessLive {
  roles: readonly GatewayRole[];
  mine: AccessMine | null;
  /** Pending requests the user sees (admins: everyone's). */
  pending: number;
  /** Bumped at every request event: lists on screen read again. */
  requestsVersion: number;
}

const EMPTY: AccessLive = { roles: [], mine: null, pending: 0, requestsVersion: 0 };

/**
 * `session` names the connection (profile and user; null while not connected): another one starts
 * afresh, as a profile switch may go from connected to connected. `onRequest` hears every request
 * that changed (the notice for an approval of one's own).
 */
export function useAccessLive(api: PortcullisApi, session: string | null, onRequest: (request: AccessRequest) => void): AccessLive {
  const [live, setLive] = useState<AccessLive>(EMPTY);
  const heard = useRef(onRequest);
  heard.current = onRequest;

  useEffect(() => {
    setLive(EMPTY);
    if (session === null) return;
    let stopped = false;
    const subs = new Map<number, string>();
    // Events can come before the subscribe answer: held until the subscription's id is known.
    const early: { subscription: number; topic: string; data: unknown }[] = [];
    const apply = (topic: string, data: unknown) => {
      if (topic === 'access.mine') setLive((l) => ({ ...l, mine: data as AccessMine }));
      else if (topic === 'access.requests') {
        const event = data as AccessRequestsEvent;
        setLive((l) => ({ ...l, pending: event.pending, requestsVersion: l.requestsVersion + 1 }));
        if (event.change === 'request') heard.current(event.request);
      }
    };
    const offEvent = api.on('gateway.event', (p) => {
      if (subs.get(p.subscription) === p.topic) apply(p.topic, p.data);
      else if (p.topic === 'access.mine' || p.topic === 'access.requests') early.push(p);
    });
    const subscribe = async (topic: 'access.mine' | 'access.requests') => {
      try {
        const { subscription } = await api.request('gateway.subscribe', { topic, params: {} });
        if (stopped) return;
        subs.set(subscription, topic);
        // Only this subscription's: the other topic's early events wait for its own answer.
        const mine = early.filter((e) => e.subscription === subscription && e.topic === topic);
        early.splice(0, early.length, ...early.filter((e) => !mine.includes(e)));
        for (const e of mine) apply(e.topic, e.data);
      } catch {
        // No role for the topic (access.requests without one): nothing to follow.
      }
    };
    const offEnded = api.on('gateway.subscriptionEnded', (p) => {
      const topic = subs.get(p.subscription);
      if (!topic) return;
      subs.delete(p.subscription);
      // fell_behind: subscribe again, its snapshot brings the state up to date.
      if (p.reason === 'fell_behind') void subscribe(topic as 'access.mine' | 'access.requests');
    });
    api.request('access.whoami', {}).then(
      (me) => !stopped && setLive((l) => ({ ...l, roles: me.roles })),
      () => {},
    );
    void subscribe('access.mine');
    void subscribe('access.requests');
    return () => {
      stopped = true;
      offEvent();
      offEnded();
      // No unsubscribe: this runs when the connection changed or went, which ended these
      // subscriptions, and their ids may already name the next connection's.
    };
  }, [api, session]);
  return live;
}

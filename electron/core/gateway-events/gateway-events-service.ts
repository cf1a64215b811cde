// The "gateway events" capability: a renderer session's subscriptions to gateway topics. The
// gateway's events for a subscription go to the session that made it (typed client events, like
// terminal data); they stop when it unsubscribes, when the session closes (the main side
// unsubscribes for it) or when the connection drops (the session hears 'closed').
import { why } from '../../../shared/contract/error-reasons';
import { RpcError } from '../../../shared/rpc/protocol';
import { gatewayTopics } from '../../../shared/contract/gateway-api';
import type { gatewayEventsMethods } from '../../../shared/contract/client-api/gateway-events';
import type { SubscriptionEnded } from '../../../shared/contract/gateway-api/events';
import type { AreaService, EventSink, RendererSession } from '../area-service';
import type { ConnectionService } from '../connection/connection-service';
import type { GatewayConnection } from '../connection/gateway-connection';

/** Events that arrive before their subscribe answer is handled, kept per subscription (at most this many in all). */
const MAX_EARLY_EVENTS = 1000;

export function createGatewayEventsService(deps: { connection: ConnectionService; events: EventSink }): AreaService<typeof gatewayEventsMethods> {
  const subs = new Map<number, { session: RendererSession; gateway: GatewayConnection }>();
  // The gateway may send a subscription's first events in the same read as the subscribe answer.
  const early = new Map<number, [string, unknown][]>();
  let earlyCount = 0;
  let subscribing = 0;
  let hooked: GatewayConnection | undefined;

  function deliver(event: string, payload: unknown): void {
    const { subscription } = payload as { subscription: number };
    const sub = subs.get(subscription);
    if (!sub) {
      if (subscribing > 0 && earlyCount < MAX_EARLY_EVENTS) {
        early.set(subscription, [...(early.get(subscription) ?? []), [event, payload]]);
        earlyCount++;
      }
      return;
    }
    if (event === 'subscription.ended') {
      subs.delete(subscription);
      deps.events.emit(sub.session, 'gateway.subscriptionEnded', { subscription, reason: (payload as SubscriptionEnded).reason });
      return;
    }
    const { data } = payload as { data: unknown };
    deps.events.emit(sub.session, 'gateway.event', { subscription, topic: event as 'sessions.live', data });
  }

  /** The connection dropped or changed: every subscription ends as 'closed'. */
  function endAll(): void {
    for (const [subscription, sub] of subs) deps.events.emit(sub.session, 'gateway.subscriptionEnded', { subscription, reason: 'closed' });
    subs.clear();
  }
  deps.connection.onState((state) => {
    if (state.status !== 'connected') endAll();
  });

  const unsubscribeQuietly = (gateway: GatewayConnection, subscription: number) => void gateway.request('events.unsubscribe', { subscription }).catch(() => {});

  return {
    handlers: {
      async 'gateway.subscribe'({ topic, params }, session) {
        // The client contract checks a topic's form only (see GatewayTopicSchema); the list is here.
        if (!Object.hasOwn(gatewayTopics, topic)) throw new RpcError('bad_request', `there is no gateway topic "${topic}"`);
        const gateway = deps.connection.connected();
        if (hooked !== gateway) {
          hooked = gateway;
          gateway.onEvent((event, payload) => {
            if (hooked === gateway) deliver(event, payload);
          });
        }
        subscribing++;
        try {
          const { subscription } = await gateway.request('events.subscribe', { topic, params });
          if (session.closed || hooked !== gateway) {
            unsubscribeQuietly(gateway, subscription);
            throw new RpcError('unavailable', 'the session or the connection ended while subscribing', why('client.session_closed'));
          }
          subs.set(subscription, { session, gateway });
          for (const [event, payload] of early.get(subscription) ?? []) deliver(event, payload);
          return { subscription };
        } finally {
          if (--subscribing === 0) {
            early.clear();
            earlyCount = 0;
          }
        }
      },
      'gateway.unsubscribe'({ subscription }, session) {
        const sub = subs.get(subscription);
        if (!sub || sub.session !== session) throw new RpcError('not_found', `there is no subscription ${subscription}`, why('subscription.not_found', { id: subscription }));
        subs.delete(subscription);
        unsubscribeQuietly(sub.gateway, subscription);
        return null;
      },
    },
    closeSession(session) {
      for (const [subscription, sub] of subs) {
        if (sub.session !== session) continue;
        subs.delete(subscription);
        unsubscribeQuietly(sub.gateway, subscription);
      }
      return Promise.resolve();
    },
  };
}

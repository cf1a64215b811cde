// One subscription to a gateway topic through the main side (`gateway.subscribe`), kept alive:
// a subscription the gateway ends because this page read too slowly (fell_behind) is made again —
// `fresh` tells the caller to start over, since the gateway sends the whole state again — and any
// other end (closed, permission, error) is handed to the caller to word.
import type { PortcullisApi } from '../../../shared/contract/window';
import type { SubscriptionEndReason } from '../../../shared/contract/gateway-api/events';
import type { GatewayTopicSchema } from '../../../shared/contract/client-api/gateway-events';
import type { z } from 'zod';

type Topic = z.infer<typeof GatewayTopicSchema>;

export interface TopicHandlers {
  /** A (new) subscription starts: drop what the previous one built. */
  fresh(): void;
  data(data: unknown): void;
  /** The subscription ended for good; `failed` when subscribing itself was refused (the error says why). */
  ended(reason: SubscriptionEndReason | 'failed', error?: unknown): void;
}

type Early = { subscription: number } & ({ data: unknown } | { reason: SubscriptionEndReason });

/** Subscribes now; the function returned unsubscribes (and stops resubscribing). */
export function subscribeTopic(api: PortcullisApi, topic: Topic, params: unknown, on: TopicHandlers): () => void {
  let current: number | null = null;
  let stopped = false;
  let subscribing = false;
  // The main side may send a subscription's first events before its subscribe answer arrives.
  let early: Early[] = [];

  const handle = (event: Early) => {
    if ('data' in event) return on.data(event.data);
    current = null;
    if (event.reason === 'fell_behind') start();
    else on.ended(event.reason);
  };
  const route = (event: Early) => {
    if (stopped) return;
    if (subscribing) early.push(event);
    else if (event.subscription === current) handle(event);
  };
  const offData = api.on('gateway.event', (e) => route({ subscription: e.subscription, data: e.data }));
  const offEnd = api.on('gateway.subscriptionEnded', (e) => route({ subscription: e.subscription, reason: e.reason }));

  function start() {
    on.fresh();
    subscribing = true;
    api.request('gateway.subscribe', { topic, params }).then(
      ({ subscription }) => {
        subscribing = false;
        if (stopped) return void api.request('gateway.unsubscribe', { subscription }).catch(() => {});
        current = subscription;
        const mine = early.filter((e) => e.subscription === subscription);
        early = [];
        for (const event of mine) if (current === subscription) handle(event);
      },
      (error: unknown) => {
        subscribing = false;
        early = [];
        if (!stopped) on.ended('failed', error);
      },
    );
  }
  start();

  return () => {
    stopped = true;
    offData();
    offEnd();
    if (current !== null) void api.request('gateway.unsubscribe', { subscription: current }).catch(() => {});
    current = null;
  };
}

// Client API section "gateway events": the renderer subscribes to a gateway topic (e.g.
// `sessions.live`) through the main side, which forwards the gateway's events to the renderer
// session that subscribed. A subscription ends with `gateway.subscriptionEnded` when the gateway
// ends it, or 'closed' when the connection drops; the renderer may subscribe again.
import { z } from 'zod';
import type { GatewayTopics } from '../gateway-api';
import { SUBSCRIPTION_END_REASONS, SubscriptionIdSchema } from '../gateway-api/events';
import type { EventTable, MethodTable } from '../../rpc/protocol';
import type { ApiSection } from '../api-section';

export type GatewayTopic = keyof GatewayTopics & string;
const TOPIC_NAME = /^[a-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9]*)+$/;
/**
 * A topic's name, checked for its form only: importing the gateway's API here to list its topics
 * would build every gateway schema in the renderer at start (the cost grows with each capability).
 * The main side refuses a name that is not one of the gateway's topics before asking the gateway.
 */
export const GatewayTopicSchema = z.custom<GatewayTopic>((value) => typeof value === 'string' && value.length <= 64 && TOPIC_NAME.test(value), 'not a topic name');

export const gatewayEventsMethods = {
  /** Subscribes this renderer session; the params are checked by the gateway against the topic's schema. */
  'gateway.subscribe': { params: z.object({ topic: GatewayTopicSchema, params: z.unknown() }).strict(), result: z.object({ subscription: SubscriptionIdSchema }) },
  'gateway.unsubscribe': { params: z.object({ subscription: SubscriptionIdSchema }).strict(), result: z.null() },
} satisfies MethodTable;

export const gatewayEventsEvents = {
  /** One event of a subscription; `data` was validated against the topic's data schema on arrival. */
  'gateway.event': z.object({ subscription: SubscriptionIdSchema, topic: GatewayTopicSchema, data: z.unknown() }),
  'gateway.subscriptionEnded': z.object({ subscription: SubscriptionIdSchema, reason: z.enum(SUBSCRIPTION_END_REASONS) }),
} satisfies EventTable;

export const gatewayEventsSection = { methods: gatewayEventsMethods, events: gatewayEventsEvents } satisfies ApiSection;

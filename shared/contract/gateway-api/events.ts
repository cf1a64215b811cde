// Gateway API section "events": server-pushed events by subscription. A client subscribes to a
// topic with its params and gets a subscription id; the gateway then sends
// `{ type: 'event', event: TOPIC, payload: { subscription, data } }` until the client unsubscribes,
// or `subscription.ended` when the gateway ends it (the client fell behind, its permission ended,
// the topic closed or failed). Each topic declares its params and data in its own section
// (`topics`, with `topicEvents(topics)` as its events), composed like methods.
import { z } from 'zod';
import type { TopicTable } from '../../rpc/protocol';
import type { GatewayApiSection, GatewayMethodTable } from './policy';

export const SubscriptionIdSchema = z.number().int().positive();

export const SUBSCRIPTION_END_REASONS = [
  'fell_behind', // the client did not read its events fast enough: they were dropped; subscribe again
  'permission', // the caller's role or grant no longer allows it (or the account was disabled)
  'closed', // the topic or the connection ended
  'error', // the topic failed inside the gateway
] as const;
export type SubscriptionEndReason = (typeof SUBSCRIPTION_END_REASONS)[number];

export const SubscriptionEndedSchema = z.object({
  subscription: SubscriptionIdSchema,
  reason: z.enum(SUBSCRIPTION_END_REASONS),
  /** fell_behind: the event bytes dropped with the subscription. */
  droppedBytes: z.number().int().nonnegative().optional(),
});
export type SubscriptionEnded = z.infer<typeof SubscriptionEndedSchema>;

/** The payload of a topic's events: which subscription, and the topic's data. */
export const topicPayload = <D extends z.ZodType>(data: D) => z.object({ subscription: SubscriptionIdSchema, data });

/** A section's topics as events, one per topic, named as the topic. */
export function topicEvents<T extends TopicTable>(topics: T): { [K in keyof T]: ReturnType<typeof topicPayload<T[K]['data']>> } {
  return Object.fromEntries(Object.entries(topics).map(([name, topic]) => [name, topicPayload(topic.data)])) as {
    [K in keyof T]: ReturnType<typeof topicPayload<T[K]['data']>>;
  };
}

export const eventsMethods = {
  /** Subscribes to a topic; its params are checked against the topic's schema, then its permission. */
  'events.subscribe': {
    params: z.object({ topic: z.string().min(1).max(100), params: z.unknown() }).strict(),
    result: z.object({ subscription: SubscriptionIdSchema }),
    // Any signed-in user may ask; each topic then checks the caller's role and grants itself.
    policy: 'own-data',
  },
  /** Ends a subscription of this channel (no `subscription.ended` follows); unknown ids are not_found. */
  'events.unsubscribe': { params: z.object({ subscription: SubscriptionIdSchema }).strict(), result: z.null(), policy: 'own-data' },
} satisfies GatewayMethodTable;

export const eventsSection = { methods: eventsMethods, events: { 'subscription.ended': SubscriptionEndedSchema } } satisfies GatewayApiSection;

// Server-pushed events of the gateway API: the topic registry and each channel's subscriptions.
export { createTopicRegistry, type TopicHandler, type TopicName, type TopicPermission, type TopicRegistry } from './topics';
export { createChannelEvents, DEFAULT_EVENT_LIMITS, type ChannelEvents, type EventLimits, type EventOutlet } from './subscriptions';

// The topics a gateway API client may subscribe to (shared/contract/gateway-api/events.ts). A
// capability registers its topic here, by the name and schemas its contract section declares:
// who may subscribe (deny by default), and how to start it. The subscriptions themselves, their
// bounds and permission re-checks, are ./subscriptions.ts.
import type { z } from 'zod';
import { gatewayTopics, type GatewayTopics } from '../../../shared/contract/gateway-api';
import type { UserRecord } from '../store';

export type TopicName = Extract<keyof GatewayTopics, string>;

/**
 * May `caller` subscribe, and with what scope. The scope (e.g. 'all' or 'own') is re-checked on
 * every liveness tick: a subscription whose permission is refused or whose scope changed ends.
 */
export type TopicPermission = { ok: true; scope: string } | { ok: false; reason: string };

export interface TopicHandler<N extends TopicName> {
  /** Deny by default: answer ok only for the roles and grants that allow it. */
  authorize(caller: UserRecord, params: z.output<GatewayTopics[N]['params']>): TopicPermission;
  /** For a caller it authorized: why there is nothing to subscribe to (`not_found`), if so. */
  missing?(params: z.output<GatewayTopics[N]['params']>): string | undefined;
  /**
   * Starts sending `emit(data)`, possibly at once (the state at subscribe time). `end` ends the
   * subscription from the topic's side ('closed' or 'error'). Returns what stops it.
   */
  start(
    caller: UserRecord,
    params: z.output<GatewayTopics[N]['params']>,
    scope: string,
    emit: (data: z.input<GatewayTopics[N]['data']>) => void,
    end: (reason: 'closed' | 'error') => void,
  ): () => void;
}

/** A registered topic, with its params schema from the contract. */
export interface Topic {
  name: TopicName;
  params: z.ZodType;
  authorize(caller: UserRecord, params: unknown): TopicPermission;
  missing?(params: unknown): string | undefined;
  start(caller: UserRecord, params: unknown, scope: string, emit: (data: unknown) => void, end: (reason: 'closed' | 'error') => void): () => void;
}

export interface TopicRegistry {
  register<N extends TopicName>(name: N, handler: TopicHandler<N>): void;
  get(name: string): Topic | undefined;
}

export function createTopicRegistry(): TopicRegistry {
  const topics = new Map<string, Topic>();
  return {
    register(name, handler) {
      if (topics.has(name)) throw new Error(`the topic "${name}" is registered twice`);
      topics.set(name, { name, params: gatewayTopics[name].params, ...(handler as unknown as Pick<Topic, 'authorize' | 'missing' | 'start'>) });
    },
    get: (name) => topics.get(name),
  };
}

// One API channel's subscriptions (shared/contract/gateway-api/events.ts). Events are queued per
// subscription and handed to the channel only while it has room under its reply buffer (the same
// accounting the API server uses for responses, through the outlet), so a client that does not
// read makes its queues grow, not the channel's buffer. Beyond the per-subscription or
// per-channel bound the subscription ends with `fell_behind`: its queue is dropped, one small
// `subscription.ended` line is queued instead, and the channel goes on serving requests. Each
// subscription is also watched by the liveness loop, which ends it with `permission` once the
// caller's account, role or grant no longer allows it. Limits: docs/GATEWAY.md ("Limits").
import { why } from '../../../shared/contract/error-reasons';
import { encodeLine } from '../../../shared/node/ndjson';
import { GATEWAY_API_MAX_RESPONSE_LINE } from '../../../shared/contract/gateway-api';
import type { SubscriptionEnded, SubscriptionEndReason } from '../../../shared/contract/gateway-api/events';
import { RpcError, describeZodError } from '../../../shared/rpc/protocol';
import type { Liveness } from '../liveness';
import type { UserRecord } from '../store';
import type { Topic, TopicRegistry } from './topics';

export interface EventLimits {
  /** Subscriptions open at once per API channel. */
  maxSubscriptions: number;
  /** Event bytes one subscription may have queued (not yet taken by the channel). */
  subscriptionQueueBytes: number;
  /** Event bytes all subscriptions of one channel may have queued together. */
  channelQueueBytes: number;
}

export const DEFAULT_EVENT_LIMITS: EventLimits = {
  maxSubscriptions: 16,
  subscriptionQueueBytes: 256 * 1024,
  channelQueueBytes: 1024 * 1024,
};

/** Where a channel's event lines go: the API server's outbox, counted like its responses. */
export interface EventOutlet {
  /** Bytes the channel takes now without going over its reply buffer (≤ 0: none). */
  room(): number;
  write(line: string): void;
}

export interface ChannelEventsDeps {
  topics: TopicRegistry;
  caller: UserRecord;
  /** The caller as the database has it now (re-read for every permission check). */
  loadUser(name: string): UserRecord | undefined;
  liveness?: Liveness;
  limits?: Partial<EventLimits>;
  outlet: EventOutlet;
  onTopicError?(topic: string, error: unknown): void;
  /** A subscription the topic refused (for the audit: a refused watch is a refused call). */
  onRefused?(topic: string): void;
}

export interface ChannelEvents {
  subscribe(topic: string, params: unknown): number;
  unsubscribe(id: number): void;
  /** Hands queued lines to the channel while it has room; the server calls it when its buffer drains. */
  pump(): void;
  /**
   * Every subscription stops. With a reason (the connection ends because the account was disabled:
   * 'permission') each is told so first, through the outlet; without one (the channel closed) nothing more is sent.
   */
  close(reason?: SubscriptionEndReason): void;
  /** Event bytes queued and not yet handed to the channel. */
  queuedBytes(): number;
  count(): number;
}

interface Subscription {
  id: number;
  topic: Topic;
  scope: string;
  lines: string[];
  bytes: number;
  stop?: () => void;
  unwatch?: () => void;
}

export function createChannelEvents(deps: ChannelEventsDeps): ChannelEvents {
  const limits = { ...DEFAULT_EVENT_LIMITS, ...deps.limits };
  const subs = new Map<number, Subscription>();
  /** subscription.ended lines: at most one per subscription, sent before any event. */
  const control: string[] = [];
  let nextId = 1;
  let queued = 0;
  let closed = false;
  let pumping = false;

  function pump(): void {
    if (pumping || closed) return;
    pumping = true;
    try {
      while (control.length && deps.outlet.room() > 0) deps.outlet.write(control.shift()!);
      // Round robin, one line per subscription per pass: one busy topic does not starve the others.
      let moved = true;
      while (moved && deps.outlet.room() > 0) {
        moved = false;
        for (const sub of subs.values()) {
          if (!sub.lines.length || deps.outlet.room() <= 0) continue;
          const line = sub.lines.shift()!;
          const size = Buffer.byteLength(line);
          sub.bytes -= size;
          queued -= size;
          deps.outlet.write(line);
          moved = true;
        }
      }
    } finally {
      pumping = false;
    }
  }

  function end(sub: Subscription, reason: SubscriptionEndReason | 'unsubscribed'): void {
    if (subs.get(sub.id) !== sub) return;
    subs.delete(sub.id);
    queued -= sub.bytes;
    const droppedBytes = sub.bytes;
    sub.lines = [];
    sub.bytes = 0;
    sub.unwatch?.();
    try {
      sub.stop?.();
    } catch (error) {
      deps.onTopicError?.(sub.topic.name, error);
    }
    if (reason === 'unsubscribed' || closed) return;
    const ended: SubscriptionEnded = { subscription: sub.id, reason, ...(reason === 'fell_behind' && { droppedBytes }) };
    control.push(encodeLine({ type: 'event', event: 'subscription.ended', payload: ended }, GATEWAY_API_MAX_RESPONSE_LINE));
    pump();
  }

  function emit(sub: Subscription, data: unknown): void {
    if (subs.get(sub.id) !== sub) return;
    let line: string;
    try {
      line = encodeLine({ type: 'event', event: sub.topic.name, payload: { subscription: sub.id, data } }, GATEWAY_API_MAX_RESPONSE_LINE);
    } catch (error) {
      deps.onTopicError?.(sub.topic.name, error);
      return end(sub, 'error');
    }
    const size = Buffer.byteLength(line);
    sub.lines.push(line);
    sub.bytes += size;
    queued += size;
    pump();
    if (sub.bytes > limits.subscriptionQueueBytes || queued > limits.channelQueueBytes) end(sub, 'fell_behind');
  }

  /** The permission re-check: the account as it is now, the topic's answer, and the same scope. */
  const stillAllowed = (sub: Subscription, params: unknown) => () => {
    const user = deps.loadUser(deps.caller.name);
    if (!user || user.disabled) return { ok: false as const, reason: 'the account is disabled' };
    const now = sub.topic.authorize(user, params);
    if (!now.ok) return { ok: false as const, reason: now.reason };
    return now.scope === sub.scope ? { ok: true as const } : { ok: false as const, reason: 'the role changed' };
  };

  return {
    subscribe(name, rawParams) {
      if (closed) throw new RpcError('unavailable', 'the channel is closing', why('subscription.closing'));
      const topic = deps.topics.get(name);
      if (!topic) throw new RpcError('not_found', `there is no topic "${name}"`, why('topic.not_found', { topic: name }));
      const parsed = topic.params.safeParse(rawParams ?? {});
      if (!parsed.success) throw new RpcError('bad_request', `invalid params for topic ${name}: ${describeZodError(parsed.error)}`);
      const params: unknown = parsed.data;
      const permission = topic.authorize(deps.caller, params);
      if (!permission.ok) {
        deps.onRefused?.(name);
        throw new RpcError('denied', permission.reason);
      }
      const missing = topic.missing?.(params);
      if (missing) throw new RpcError('not_found', missing);
      if (subs.size >= limits.maxSubscriptions) throw new RpcError('unavailable', `at most ${limits.maxSubscriptions} subscriptions per API channel`, why('subscription.limit_reached', { limit: limits.maxSubscriptions }));
      const sub: Subscription = { id: nextId++, topic, scope: permission.scope, lines: [], bytes: 0 };
      subs.set(sub.id, sub);
      // Started on a later turn, so the subscribe response reaches the channel before the first event.
      setImmediate(() => {
        if (subs.get(sub.id) !== sub) return;
        sub.unwatch = deps.liveness?.watch({ end: () => end(sub, 'permission') }, stillAllowed(sub, params), { what: `events of ${name}`, warnBeforeMs: 0 });
        if (subs.get(sub.id) !== sub) return; // the first check refused it
        try {
          sub.stop = topic.start(deps.caller, params, sub.scope, (data) => emit(sub, data), (reason) => end(sub, reason));
        } catch (error) {
          deps.onTopicError?.(name, error);
          end(sub, 'error');
        }
      });
      return sub.id;
    },
    unsubscribe(id) {
      const sub = subs.get(id);
      if (!sub) throw new RpcError('not_found', `there is no subscription ${id} on this channel`, why('subscription.not_found', { id }));
      end(sub, 'unsubscribed');
    },
    pump,
    close(reason) {
      if (closed) return;
      if (reason) for (const sub of [...subs.values()]) end(sub, reason);
      closed = true;
      for (const sub of [...subs.values()]) end(sub, 'closed');
      control.length = 0;
    },
    queuedBytes: () => queued + control.reduce((n, line) => n + Buffer.byteLength(line), 0),
    count: () => subs.size,
  };
}

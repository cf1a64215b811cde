// Serves the gateway API on a `portcullis-api` subsystem channel: one JSON request per line in,
// one response per line out. A bad line gets a structured error and the channel stays usable.
//
// Flow control, so that one channel can neither queue without bound nor hold the event loop that
// every other user's logins and sessions share:
// - every line, good or bad, holds an in-flight slot until its answer is queued for writing;
//   reading (and splitting lines out of a chunk already read) stops at maxInFlight;
// - at most LINES_PER_TURN lines are started per turn of the event loop, and reading resumes on a
//   later turn (setImmediate), so a flood is served in small batches between other connections' work;
// - reading stops while more than the reply buffer is queued on the channel (a client that does
//   not read its answers), and a channel whose queued answers make no progress for the stall
//   timeout is closed.
// Server-pushed events (gateway/src/events) go through the same outbox, and only while the queued
// answers and events stay under the reply buffer; the rest waits in the subscriptions' own bounded queues.
// The limits are in docs/GATEWAY.md ("API limits").
import type { ServerChannel } from 'ssh2';
import { attachNdjson, encodeLine } from '../../../shared/node/ndjson';
import { capChannelBuffers } from '../../../shared/node/ssh-window';
import { GATEWAY_API_MAX_LINE, GATEWAY_API_MAX_RESPONSE_LINE, gatewayMethods } from '../../../shared/contract/gateway-api';
import { createDispatcher } from '../../../shared/rpc/dispatcher';
import type { ResponseMessage } from '../../../shared/rpc/protocol';
import type { Access } from '../access';
import type { AuditRepeats } from '../audit/repeats';
import type { BatchService } from '../batch/service';
import { createChannelEvents, type EventLimits, type TopicRegistry } from '../events';
import type { Liveness } from '../liveness';
import type { Logger } from '../logger';
import type { Store } from '../store';
import type { Terminator } from '../sessions/terminate';
import { createApiAuthorizer } from './authorize';
import type { ApiAreaDeps } from './context';
import { createGatewayHandlers, type ApiContext } from './handlers';

export interface ApiLimits {
  /** Lines (requests or bad lines) being answered at once per channel; reading stops at this many. */
  maxInFlight: number;
  /** Answer bytes queued on the channel (not yet taken by the client) above which reading stops. */
  replyBufferBytes: number;
  /** A channel whose queued answers make no progress for this long is closed. */
  stallTimeoutMs: number;
}

export const DEFAULT_API_LIMITS: ApiLimits = {
  maxInFlight: 16,
  replyBufferBytes: 64 * 1024,
  stallTimeoutMs: 30_000,
};

/**
 * Lines one channel may start on in one turn of the event loop: a flooding channel then costs
 * every other connection a few answers' worth of CPU per turn, however much it sends.
 */
const LINES_PER_TURN = 4;

export interface ApiDeps {
  access: Access;
  logger: Logger;
  store: Store;
  /** Counts repeated `api.denied` audit rows per user. */
  repeats: AuditRepeats;
  limits?: Partial<ApiLimits>;
  /** Topics clients may subscribe to; without them `events.subscribe` is unavailable. */
  events?: { topics: TopicRegistry; liveness?: Liveness; limits?: Partial<EventLimits> };
  /** Ends live sessions on request (`sessions.terminate`). */
  terminator?: Terminator;
  /** Batch jobs, for the batch area's handlers. */
  batch?: BatchService;
  /** Host metrics, for the metrics area's handlers. */
  metrics?: ApiAreaDeps['metrics'];
  /** Access requests, for the access area's handlers. */
  requests?: ApiAreaDeps['requests'];
  onAccessWrite?: ApiAreaDeps['onAccessWrite'];
  /** The data dir and the key evidence bundles are signed with; without them review.recording.* and review.bundle.* are unavailable. */
  review?: ApiAreaDeps['review'];
}

/** What the gateway sets for every API channel (the SSH layer adds the caller's own deps). */
export type ApiChannelOptions = Pick<ApiDeps, 'limits' | 'events' | 'terminator' | 'batch' | 'metrics' | 'review' | 'requests' | 'onAccessWrite'>;

/** A served API channel, as the SSH layer ends it. */
export interface ApiChannel {
  /**
   * Closes the channel. With a reason (the connection ends on a permission: account disabled,
   * sessions ended by an admin) its subscriptions are told 'permission' first.
   */
  end(reason?: string): void;
}

export function serveApi(channel: ServerChannel, ctx: ApiContext, deps: ApiDeps, onDone: () => void): ApiChannel {
  const limits = { ...DEFAULT_API_LIMITS, ...deps.limits };
  const dispatcher = createDispatcher(
    gatewayMethods,
    createGatewayHandlers(deps),
    (method, error) => deps.logger.error({ method, err: error instanceof Error ? error.message : String(error) }, 'API method failed'),
    createApiAuthorizer(gatewayMethods, { users: deps.store.users, repeats: deps.repeats }),
  );
  // write() returns false, and 'drain' follows, at this many queued bytes instead of ssh2's 2 MiB.
  capChannelBuffers(channel, limits.replyBufferBytes);
  let inFlight = 0;
  let linesThisTurn = 0;
  let inputEnded = false;
  let paused = false;
  let resumeScheduled = false;
  let stallWatch: NodeJS.Timeout | undefined;
  let finished = false;
  let ending = false;

  const finish = () => {
    if (finished) return;
    finished = true;
    clearInterval(stallWatch);
    events?.close();
    onDone();
  };
  channel.on('error', () => {});
  channel.on('close', finish);

  const maybeEnd = () => {
    if (!inputEnded || inFlight > 0 || outbox.length > 0 || !channel.writable || ending) return;
    ending = true;
    // After the last response has gone out (writes complete in order): an exit status, since
    // OpenSSH's `ssh -s` reports 255 for a channel that ends without one, then EOF and close.
    channel.write(Buffer.alloc(0), () => {
      if (!channel.writable) return;
      channel.exit(0);
      channel.end();
    });
  };

  const repliesBacklogged = () => channel.writableNeedDrain;
  const mustWait = () => inFlight >= limits.maxInFlight || linesThisTurn >= LINES_PER_TURN || repliesBacklogged();
  const updateFlow = () => {
    if (finished) return;
    if (mustWait()) {
      paused = true;
      conn.pause();
      if (repliesBacklogged()) watchForStall();
    }
    // Looked at again next turn; an answer written or a drain looks again too.
    if (!paused || resumeScheduled) return;
    resumeScheduled = true;
    setImmediate(() => {
      resumeScheduled = false;
      linesThisTurn = 0;
      if (finished || mustWait()) return;
      paused = false;
      conn.resume();
    });
  };

  /** While answers are queued: close the channel once they have not moved for the stall timeout. */
  function watchForStall(): void {
    if (stallWatch) return;
    let queued = channel.writableLength;
    let movedAt = Date.now();
    stallWatch = setInterval(
      () => {
        if (!repliesBacklogged()) {
          // Drained, or the client closed the channel (no 'drain' then): read on, up to 'end'.
          clearInterval(stallWatch);
          stallWatch = undefined;
          updateFlow();
          return;
        }
        if (channel.writableLength < queued) movedAt = Date.now();
        queued = channel.writableLength;
        if (Date.now() - movedAt < limits.stallTimeoutMs) return;
        clearInterval(stallWatch);
        deps.logger.warn({ queuedBytes: queued, stalledMs: limits.stallTimeoutMs }, 'API channel closed: the client does not read its answers');
        // ssh2 reports 'close' only after 'end', so the input still buffered is read and dropped.
        conn.close();
        channel.resume();
        channel.close();
      },
      Math.max(20, limits.stallTimeoutMs / 10),
    ).unref();
    void conn.drained().then(updateFlow);
  }

  // The answers of one event-loop turn go out in one write: a flood of small answers costs one
  // SSH packet per batch, not one per answer.
  const outbox: string[] = [];
  let outboxBytes = 0;
  const queueLine = (line: string) => {
    outboxBytes += Buffer.byteLength(line);
    if (outbox.push(line) === 1) setImmediate(flush);
  };
  const flush = () => {
    if (outbox.length && channel.writable) conn.sendLines(outbox);
    outbox.length = 0;
    outboxBytes = 0;
    updateFlow();
    maybeEnd();
  };
  const send = (message: ResponseMessage, method: string | undefined) => {
    if (!channel.writable) return;
    let line: string;
    try {
      line = encodeLine(message, GATEWAY_API_MAX_RESPONSE_LINE);
    } catch (error) {
      // Too large for one line, or not encodable: tell the caller instead of sending something it would drop.
      deps.logger.error({ method, err: (error as Error).message }, 'API response could not be sent');
      line = encodeLine({ type: 'response', id: message.id, ok: false, error: { code: 'internal', message: `the response could not be sent: ${(error as Error).message}` } }, GATEWAY_API_MAX_RESPONSE_LINE);
    }
    queueLine(line);
  };

  const events =
    deps.events &&
    createChannelEvents({
      ...deps.events,
      caller: ctx.user,
      loadUser: (name) => deps.store.users.find(name),
      outlet: {
        room: () => (channel.writable ? limits.replyBufferBytes - channel.writableLength - outboxBytes : 0),
        write: queueLine,
      },
      onTopicError: (topic, error) => deps.logger.error({ topic, err: error instanceof Error ? error.message : String(error) }, 'event topic failed'),
      onRefused: (topic) => deps.repeats.record({ type: 'api.denied', actor: ctx.user.name, data: { method: 'events.subscribe', topic } }, { user: ctx.user.name }),
    });
  channel.on('drain', () => events?.pump());
  const channelCtx: ApiContext = { ...ctx, events };

  /** Holds an in-flight slot from the line's arrival until its answer is queued. */
  const answer = (pending: Promise<ResponseMessage>, method: string | undefined) => {
    inFlight++;
    linesThisTurn++;
    updateFlow();
    void pending
      .catch((error: unknown): ResponseMessage => {
        deps.logger.error({ method, err: error instanceof Error ? error.message : String(error) }, 'API request failed');
        return { type: 'response', id: 0, ok: false, error: { code: 'internal', message: 'the request failed unexpectedly' } };
      })
      .then((response) => {
        inFlight--;
        send(response, method);
        updateFlow();
      });
  };

  const conn = attachNdjson(channel, {
    maxLine: GATEWAY_API_MAX_LINE,
    maxSendLine: GATEWAY_API_MAX_RESPONSE_LINE,
    onMessage(raw) {
      const method = typeof (raw as { method?: unknown })?.method === 'string' ? (raw as { method: string }).method.slice(0, 100) : undefined;
      answer(dispatcher.dispatch(raw, channelCtx), method);
    },
    onError(error) {
      answer(Promise.resolve({ type: 'response', id: 0, ok: false, error: { code: 'bad_request', message: error.message } }), undefined);
    },
    onClose() {
      inputEnded = true;
      maybeEnd();
    },
  });
  channel.resume();
  return {
    end(reason) {
      if (finished) return;
      events?.close(reason === undefined ? undefined : 'permission');
      flush();
      // After what was queued (unless the client does not read: then the connection's end follows).
      if (channel.writable) channel.write(Buffer.alloc(0), () => channel.close());
      else channel.close();
    },
  };
}

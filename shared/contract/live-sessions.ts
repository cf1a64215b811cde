// The `sessions.live` topic's data: the sessions and port forwards live now, then each start and
// end as it happens (and a forward's byte counts as they grow). Security and admin see everyone's;
// an operator only their own.
import { z } from 'zod';
import { SessionSummarySchema } from './sessions';

/** Exec commands are cut to this many characters in live events (sessions.list has them whole). */
export const LIVE_COMMAND_MAX = 1024;

export const LiveSessionSchema = SessionSummarySchema.pick({ id: true, user: true, host: true, login: true, kind: true, startedAt: true }).extend({
  command: z.string().max(LIVE_COMMAND_MAX).nullable(),
});
export type LiveSession = z.infer<typeof LiveSessionSchema>;

const Bytes = z.number().int().nonnegative();

/** One open port forward (one `ssh -L` connection through the gateway): terminate takes its id. */
export const LiveForwardSchema = z.object({
  kind: z.literal('forward'),
  id: z.string(),
  user: z.string(),
  host: z.string(),
  login: z.string(),
  /** The destination, host:port, as reached from the target. */
  to: z.string().max(300),
  /** Where the client says the connection came from (host:port). */
  from: z.string().max(300).nullable(),
  startedAt: z.number().int(),
  /** From the user to the destination, and back. */
  bytesSent: Bytes,
  bytesReceived: Bytes,
});
export type LiveForward = z.infer<typeof LiveForwardSchema>;

/** Sessions (and forwards) live at subscribe time, in pages of at most this many. */
export const LIVE_LIST_PAGE = 100;

export const LiveSessionsDataSchema = z.discriminatedUnion('change', [
  /** The sessions and forwards live when the subscription started; `more` while further pages follow. */
  z.object({ change: z.literal('list'), sessions: z.array(LiveSessionSchema).max(LIVE_LIST_PAGE), forwards: z.array(LiveForwardSchema).max(LIVE_LIST_PAGE).optional(), more: z.boolean() }),
  z.object({ change: z.literal('started'), session: LiveSessionSchema }),
  z.object({ change: z.literal('ended'), id: z.string(), user: z.string(), endedAt: z.number().int() }),
  z.object({ change: z.literal('forward-opened'), forward: LiveForwardSchema }),
  z.object({ change: z.literal('forward-closed'), id: z.string(), user: z.string(), closedAt: z.number().int() }),
  /** An open forward's counts, sent every few seconds while they change. */
  z.object({ change: z.literal('forward-bytes'), id: z.string(), user: z.string(), bytesSent: Bytes, bytesReceived: Bytes }),
]);
export type LiveSessionsData = z.infer<typeof LiveSessionsDataSchema>;

export const sessionsTopics = {
  'sessions.live': { params: z.object({}).strict(), data: LiveSessionsDataSchema },
};

// The `sessions.live` topic's data: the sessions live now, then each start and end as it happens.
// Security and admin see everyone's; an operator only their own.
import { z } from 'zod';
import { SessionSummarySchema } from './sessions';

/** Exec commands are cut to this many characters in live events (sessions.list has them whole). */
export const LIVE_COMMAND_MAX = 1024;

export const LiveSessionSchema = SessionSummarySchema.pick({ id: true, user: true, host: true, login: true, kind: true, startedAt: true }).extend({
  command: z.string().max(LIVE_COMMAND_MAX).nullable(),
});
export type LiveSession = z.infer<typeof LiveSessionSchema>;

/** Sessions live at subscribe time, in pages of at most this many. */
export const LIVE_LIST_PAGE = 100;

export const LiveSessionsDataSchema = z.discriminatedUnion('change', [
  /** The sessions live when the subscription started; `more` while further pages follow. */
  z.object({ change: z.literal('list'), sessions: z.array(LiveSessionSchema).max(LIVE_LIST_PAGE), more: z.boolean() }),
  z.object({ change: z.literal('started'), session: LiveSessionSchema }),
  z.object({ change: z.literal('ended'), id: z.string(), user: z.string(), endedAt: z.number().int() }),
]);
export type LiveSessionsData = z.infer<typeof LiveSessionsDataSchema>;

export const sessionsTopics = {
  'sessions.live': { params: z.object({}).strict(), data: LiveSessionsDataSchema },
};

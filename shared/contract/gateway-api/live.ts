// Gateway API section "live": watching a live session read-only (`sessions.output`) and ending one,
// or one port forward, with a reason (`sessions.terminate`). Both are for the security and admin roles only: an
// operator sees their own terminal already, and watching or ending someone's work is a review power.
import { z } from 'zod';
import { SessionEndedBySchema } from '../sessions';
import type { GatewayApiSection, GatewayMethodTable } from './policy';
import { topicEvents } from './events';

/** The reason a terminate carries: shown to the user, kept in the row and the audit log. */
export const TERMINATE_REASON_MAX = 500;
const SessionIdSchema = z.string().min(1).max(100);

export const TerminateParamsSchema = z
  .object({
    sessionId: SessionIdSchema,
    reason: z.string().trim().min(1, 'a reason is required').max(TERMINATE_REASON_MAX),
  })
  .strict();

export const liveMethods = {
  /**
   * Ends a live session: the user reads who and why in their terminal, then it is cut. Answers once
   * the session has ended. `sessionId` may also be an open port forward's id (`sessions.live`):
   * that forward alone is closed, and the answer comes once it has.
   */
  'sessions.terminate': {
    params: TerminateParamsSchema,
    result: z.object({ sessionId: z.string(), endedAt: z.number().int() }),
    policy: { roles: ['security', 'admin'] },
  },
} satisfies GatewayMethodTable;

/**
 * What a watcher gets, in order: `screen` once (the terminal as it is now, as ANSI text that
 * redraws it), then `output` and `resize` as they happen, then `ended` with the end cause, after
 * which the subscription ends (`closed`).
 */
export const SessionOutputDataSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('screen'),
    cols: z.number().int().positive(),
    rows: z.number().int().positive(),
    snapshot: z.string(),
    /** false: an exec without a terminal, whose output has bare \n (draw it with convertEol). */
    pty: z.boolean(),
  }),
  /** The target's output (stdout and stderr), as UTF-8 text. */
  z.object({ kind: z.literal('output'), data: z.string() }),
  z.object({ kind: z.literal('resize'), cols: z.number().int().positive(), rows: z.number().int().positive() }),
  z.object({ kind: z.literal('ended'), endedBy: SessionEndedBySchema, reason: z.string().optional(), by: z.string().optional() }),
]);
export type SessionOutputData = z.infer<typeof SessionOutputDataSchema>;

export const liveTopics = {
  'sessions.output': { params: z.object({ sessionId: SessionIdSchema }).strict(), data: SessionOutputDataSchema },
};

export const liveSection = { methods: liveMethods, events: topicEvents(liveTopics), topics: liveTopics } satisfies GatewayApiSection;

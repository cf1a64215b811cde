// Recorded sessions and the command log as the gateway API shows them (`sessions.list`,
// `commands.search`). Security sees everyone's; other users only their own.
import { z } from 'zod';
import { HostNameSchema, LoginNameSchema } from './inventory';

export const SessionStatusSchema = z.enum(['live', 'ended', 'interrupted', 'refused']);

/** Who or what ended a session (the gateway's sessions/end-cause.ts says what each means). */
export const SESSION_END_CAUSES = ['client', 'target', 'expiry', 'revocation', 'login-rule', 'user-disabled', 'terminated', 'drain', 'crash', 'failure'] as const;
export const SessionEndedBySchema = z.enum(SESSION_END_CAUSES);

export const SessionKindSchema = z.enum(['shell', 'exec', 'sftp']);

export const SessionSummarySchema = z.object({
  id: z.string(),
  user: z.string(),
  host: z.string(),
  login: z.string(),
  kind: SessionKindSchema,
  /** The exec command; for sftp the files moved so far; null for shells. */
  command: z.string().nullable(),
  startedAt: z.number().int(),
  endedAt: z.number().int().nullable(),
  status: SessionStatusSchema,
  exitCode: z.number().int().nullable(),
  exitSignal: z.string().nullable(),
  /** Whether a recording exists, and its size in bytes (known once the session ended). */
  recorded: z.boolean(),
  bytes: z.number().int(),
  /** Who or what ended it; null while live (and on sessions from before this was kept). */
  endedBy: SessionEndedBySchema.nullable().optional(),
  /** Why, in words ("grant expired"), and for `terminated` who did it. */
  endReason: z.string().nullable().optional(),
  endActor: z.string().nullable().optional(),
});

export const SessionsListParamsSchema = z
  .object({
    /** Only this user's sessions (security role only; others always see their own). */
    user: z.string().min(1).max(100).optional(),
    host: HostNameSchema.optional(),
    status: SessionStatusSchema.optional(),
    /** Paging: sessions started before this time (ms), newest first. */
    before: z.number().int().optional(),
    limit: z.number().int().min(1).max(1000).default(100),
    offset: z.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();

export const CommandEntrySchema = z.object({
  id: z.number().int(),
  at: z.number().int(),
  user: z.string(),
  host: z.string(),
  login: LoginNameSchema,
  sessionId: z.string(),
  /** Byte offset into the session's recording where the command was entered. */
  offset: z.number().int(),
  command: z.string(),
});

export const CommandsSearchParamsSchema = z
  .object({
    /** Words that must all occur (each as a prefix); empty lists the newest commands. */
    query: z.string().max(1000),
    user: z.string().min(1).max(100).optional(),
    host: HostNameSchema.optional(),
    limit: z.number().int().min(1).max(1000).default(100),
  })
  .strict();

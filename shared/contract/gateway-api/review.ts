// Gateway API section "review": what a security reviewer works with — finding sessions, replaying
// their recordings in bounded chunks, searching every command, the audit log and evidence bundles.
// Security and admin see everyone's; an operator (or a user with no role) only their own.
import { z } from 'zod';
import type { EventTable } from '../../rpc/protocol';
import { MetricsRangeResultSchema } from './metrics';
import { SessionEndedBySchema, SessionKindSchema, SessionStatusSchema } from '../sessions';
import type { GatewayApiSection, GatewayMethodTable } from './policy';

/** Largest recording chunk (and evidence bundle chunk) one reply carries: never one huge message. */
export const REVIEW_MAX_CHUNK_BYTES = 256 * 1024;
/** The size a recording of a pty that sent none (0×0, `ssh -tt` with a pipe) is played at. */
export const REVIEW_DEFAULT_SIZE = { cols: 80, rows: 24 } as const;

const Name = z.string().min(1).max(200);
/** Opaque paging cursor: give back the `next` of the previous page. */
const CursorSchema = z.string().min(1).max(400);
const Limit = z.number().int().min(1).max(500).default(100);
const SessionId = z.string().min(1).max(64);

/** Session kinds as review tells them apart: the gateway's, and batch host runs. */
export const ReviewKindSchema = z.enum([...SessionKindSchema.options, 'batch']);
export type ReviewKind = z.infer<typeof ReviewKindSchema>;

export const ReviewSessionsSearchParamsSchema = z
  .object({
    user: Name.optional(),
    host: Name.optional(),
    login: Name.optional(),
    /** Started at or after (ms since the epoch). */
    from: z.number().int().optional(),
    /** Started before (ms since the epoch). */
    to: z.number().int().optional(),
    status: SessionStatusSchema.optional(),
    /** `batch`: the exec sessions of batch jobs' hosts; `exec`: the other exec sessions. */
    kind: ReviewKindSchema.optional(),
    /** Sessions having a command that matches (full text: every word, each as a prefix). */
    command: z.string().min(1).max(1000).optional(),
    sort: z.enum(['newest', 'oldest']).default('newest'),
    limit: Limit,
    cursor: CursorSchema.optional(),
  })
  .strict();

export const ReviewSessionRowSchema = z.object({
  id: z.string(),
  user: z.string(),
  host: z.string(),
  login: z.string(),
  /** The client's address (host:port) as the gateway saw it; null on sessions from before it was kept. */
  source: z.string().nullable(),
  /** `batch` for a host run of a batch job (an exec session at the gateway). */
  kind: ReviewKindSchema,
  /** The batch job the session ran in, or null. */
  batchJob: z.string().nullable(),
  command: z.string().nullable(),
  startedAt: z.number().int(),
  endedAt: z.number().int().nullable(),
  /** endedAt − startedAt; null while live. */
  durationMs: z.number().int().nullable(),
  status: SessionStatusSchema,
  endedBy: SessionEndedBySchema.nullable(),
  endReason: z.string().nullable(),
  /** For `terminated`: who ended it. */
  endActor: z.string().nullable(),
  exitCode: z.number().int().nullable(),
  exitSignal: z.string().nullable(),
  recorded: z.boolean(),
  bytes: z.number().int(),
});
export type ReviewSessionRow = z.infer<typeof ReviewSessionRowSchema>;

export const ReviewSessionsPageSchema = z.object({ sessions: z.array(ReviewSessionRowSchema), next: CursorSchema.nullable() });

export const RecordingOpenParamsSchema = z.object({ sessionId: SessionId }).strict();

export const RecordingHeaderSchema = z.object({
  sessionId: z.string(),
  /** Columns and rows to start with (80×24 when the pty sent 0×0). */
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** Seconds to the last event. */
  duration: z.number(),
  /** Bytes of the recording. */
  size: z.number().int(),
  /** Still being recorded: duration and size grow. */
  live: z.boolean(),
  /** Times (s) a seek can start from without replaying what came before. */
  keyframes: z.array(z.number()),
  /** A marker per command: when (s into the recording) and its text. */
  commands: z.array(z.object({ id: z.number().int(), t: z.number(), command: z.string() })),
});

export const RecordingChunkParamsSchema = z
  .object({
    sessionId: SessionId,
    /** Seek: the screen at the nearest keyframe at or before this time (s), then the events after it. */
    from: z.number().min(0).optional(),
    /** Go on: the `next` of the previous chunk (no keyframe then). */
    cursor: z.number().int().min(0).optional(),
    maxBytes: z.number().int().min(1024).max(REVIEW_MAX_CHUNK_BYTES).default(64 * 1024),
  })
  .strict()
  .refine((p) => (p.from === undefined) !== (p.cursor === undefined), { message: 'give exactly one of from (seek) and cursor (go on)' });

/** One asciicast v2 event: seconds, type (o output, i input, r resize "COLSxROWS", m marker), data. */
export const CastEventSchema = z.tuple([z.number(), z.string(), z.string()]);

export const RecordingChunkSchema = z.object({
  /**
   * A seek's start: the screen at the keyframe (t, its size, the ANSI text that redraws it; empty
   * before the first keyframe: an empty screen of the recording's size). Null on a `cursor` chunk.
   */
  keyframe: z.object({ t: z.number(), cols: z.number().int().positive(), rows: z.number().int().positive(), snapshot: z.string() }).nullable(),
  events: z.array(CastEventSchema),
  /** Cursor of the next chunk; null at the end of the recording (a live one keeps a cursor). */
  next: z.number().int().nullable(),
});

export const ReviewCommandsSearchParamsSchema = z
  .object({
    /** Words that must all occur (each as a prefix); empty lists the newest commands. */
    query: z.string().max(1000),
    user: Name.optional(),
    host: Name.optional(),
    sessionId: SessionId.optional(),
    limit: Limit,
    cursor: CursorSchema.optional(),
  })
  .strict();

export const ReviewCommandSchema = z.object({
  id: z.number().int(),
  at: z.number().int(),
  user: z.string(),
  host: z.string(),
  login: z.string(),
  sessionId: z.string(),
  /** Seconds into the session's recording (open the player a little before it). */
  t: z.number(),
  command: z.string(),
});

export const AuditListParamsSchema = z
  .object({
    type: z.string().min(1).max(100).optional(),
    actor: Name.optional(),
    /** Rows about this user: by them (actor) or naming them (data.user). */
    user: Name.optional(),
    host: Name.optional(),
    session: SessionId.optional(),
    from: z.number().int().optional(),
    to: z.number().int().optional(),
    limit: Limit,
    cursor: CursorSchema.optional(),
  })
  .strict();

export const AuditRowSchema = z.object({
  seq: z.number().int(),
  at: z.number().int(),
  type: z.string(),
  actor: z.string(),
  data: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
});

export const AuditVerifySchema = z.union([
  z.object({ ok: z.literal(true), entries: z.number().int(), head: z.string() }),
  z.object({ ok: z.literal(false), entries: z.number().int(), seq: z.number().int(), problem: z.string() }),
]);

export const BundleCreateSchema = z.object({
  bundle: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  /** The gateway key's fingerprint the bundle is signed with. */
  fingerprint: z.string(),
});

/** Raw bundle bytes per chunk at most: base64 makes them 4/3 as long, still within REVIEW_MAX_CHUNK_BYTES. */
export const BUNDLE_MAX_CHUNK_BYTES = (REVIEW_MAX_CHUNK_BYTES / 4) * 3;

export const BundleChunkParamsSchema = z
  .object({ bundle: z.string().min(1).max(64), offset: z.number().int().min(0), maxBytes: z.number().int().min(1024).max(BUNDLE_MAX_CHUNK_BYTES).default(BUNDLE_MAX_CHUNK_BYTES) })
  .strict();

export const BundleChunkSchema = z.object({ data: z.string(), offset: z.number().int(), next: z.number().int().nullable() });

const REVIEWERS = { roles: ['admin', 'security'] } as const;

/** The host's metrics over a session's time range, for the strip under the player. */
export const SessionMetricsSchema = MetricsRangeResultSchema.extend({
  sessionId: z.string(),
  /** The session's start (ms since the epoch): second 0 of its recording. */
  startedAt: z.number().int(),
  /** Its end; null while it is live (the window then ends now). */
  endedAt: z.number().int().nullable(),
});
export type SessionMetrics = z.infer<typeof SessionMetricsSchema>;

export const reviewMethods = {
  'review.sessions.search': { params: ReviewSessionsSearchParamsSchema, result: ReviewSessionsPageSchema, policy: 'own-data' },
  'review.recording.open': { params: RecordingOpenParamsSchema, result: RecordingHeaderSchema, policy: 'own-data' },
  'review.recording.chunk': { params: RecordingChunkParamsSchema, result: RecordingChunkSchema, policy: 'own-data' },
  'review.commands.search': { params: ReviewCommandsSearchParamsSchema, result: z.object({ commands: z.array(ReviewCommandSchema), next: CursorSchema.nullable() }), policy: 'own-data' },
  /**
   * The session's host metrics over its time range: security and admin for any session (no grant
   * to the host needed), anyone else for their own while they may reach its host (else `denied`).
   */
  'review.session.metrics': { params: z.object({ sessionId: SessionId }).strict(), result: SessionMetricsSchema, policy: 'own-data' },
  'review.audit.list': { params: AuditListParamsSchema, result: z.object({ rows: z.array(AuditRowSchema), next: CursorSchema.nullable() }), policy: REVIEWERS },
  'review.audit.verify': { params: z.object({}).strict(), result: AuditVerifySchema, policy: REVIEWERS },
  /** Builds a session's evidence bundle at the gateway; fetch it with review.bundle.chunk (kept 15 minutes). */
  'review.bundle.create': { params: z.object({ sessionId: SessionId }).strict(), result: BundleCreateSchema, policy: 'own-data' },
  /** Base64 bytes of the bundle from `offset`; `next` null at its end. */
  'review.bundle.chunk': { params: BundleChunkParamsSchema, result: BundleChunkSchema, policy: 'own-data' },
} satisfies GatewayMethodTable;

export const reviewSection = { methods: reviewMethods, events: {} satisfies EventTable } satisfies GatewayApiSection;

// Client API section "review": what a security reviewer's renderer asks the main side for — the
// sessions, a recording in bounded chunks, the command log, and evidence bundles. The main side
// checks the params here (the renderer is not trusted) and asks the gateway's review.* methods over
// the connection's API channel; the gateway decides what the caller's role may see.
import { z } from 'zod';
import {
  BundleChunkParamsSchema,
  BundleChunkSchema,
  BundleCreateSchema,
  RecordingChunkParamsSchema,
  RecordingChunkSchema,
  RecordingHeaderSchema,
  RecordingOpenParamsSchema,
  ReviewCommandsSearchParamsSchema,
  ReviewCommandSchema,
  ReviewSessionsPageSchema,
  ReviewSessionsSearchParamsSchema,
  SessionMetricsSchema,
} from '../gateway-api/review';
import type { EventTable, MethodTable } from '../../rpc/protocol';
import type { ApiSection } from '../api-section';

export const reviewMethods = {
  'review.sessions.search': { params: ReviewSessionsSearchParamsSchema, result: ReviewSessionsPageSchema },
  'review.recording.open': { params: RecordingOpenParamsSchema, result: RecordingHeaderSchema },
  'review.recording.chunk': { params: RecordingChunkParamsSchema, result: RecordingChunkSchema },
  'review.commands.search': { params: ReviewCommandsSearchParamsSchema, result: z.object({ commands: z.array(ReviewCommandSchema), next: z.string().nullable() }) },
  'review.bundle.create': { params: z.object({ sessionId: z.string().min(1).max(64) }).strict(), result: BundleCreateSchema },
  'review.bundle.chunk': { params: BundleChunkParamsSchema, result: BundleChunkSchema },
  /** The strip under the player; `unavailable` when the gateway keeps no metrics history. */
  'review.session.metrics': { params: z.object({ sessionId: z.string().min(1).max(64) }).strict(), result: SessionMetricsSchema },
} satisfies MethodTable;

export const reviewEvents = {} satisfies EventTable;

export const reviewSection = { methods: reviewMethods, events: reviewEvents } satisfies ApiSection;

// Client API section "live": what the live sessions view asks the main side besides the
// `sessions.live` and `sessions.output` topics (which go through `gateway.subscribe`): who the
// caller is (to hide what their role cannot do), the bytes of the sessions live now, and ending
// one with a reason. The gateway decides every one of them; the params are checked here first.
import { z } from 'zod';
import { TerminateParamsSchema, liveMethods as gatewayLiveMethods } from '../gateway-api/live';
import { WhoAmISchema } from '../gateway-api/identity';
import type { EventTable, MethodTable } from '../../rpc/protocol';
import type { ApiSection } from '../api-section';

/** Sessions whose bytes one `live.bytes` answer carries at most (the gateway's page size). */
export const LIVE_BYTES_MAX = 500;

export const liveMethods = {
  /** The connected user and their roles, as the gateway has them now. */
  'live.caller': { params: z.object({}).strict(), result: WhoAmISchema },
  /** Bytes recorded so far per live session the caller may see (the gateway updates them every few seconds). */
  'live.bytes': { params: z.object({}).strict(), result: z.object({ bytes: z.record(z.string(), z.number().int()) }) },
  /** Ends a live session with a reason the user reads in their terminal; answers once it has ended. */
  'live.terminate': { params: TerminateParamsSchema, result: gatewayLiveMethods['sessions.terminate'].result },
} satisfies MethodTable;

export const liveEvents = {} satisfies EventTable;

export const liveSection = { methods: liveMethods, events: liveEvents } satisfies ApiSection;

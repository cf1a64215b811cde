// Client API section "audit": the gateway's hash-chained audit log, filtered and paged, and the
// check of its chain. Security and admin only; the gateway decides, these schemas check the params first.
import { z } from 'zod';
import { reviewMethods } from '../gateway-api/review';
import type { EventTable, MethodTable } from '../../rpc/protocol';
import type { ApiSection } from '../api-section';

const list = reviewMethods['review.audit.list'];
const verify = reviewMethods['review.audit.verify'];

export const auditMethods = {
  /** Rows oldest first, each with its chain links; pass `next` back as `cursor` for the next page. */
  'audit.list': { params: list.params, result: list.result },
  /** The whole chain checked as `portcullis-gateway audit verify` does: OK with head and count, or the first altered row. */
  'audit.verify': { params: z.object({}).strict(), result: verify.result },
} satisfies MethodTable;

export const auditEvents = {} satisfies EventTable;

export const auditSection = { methods: auditMethods, events: auditEvents } satisfies ApiSection;

// Client API section "access": access requests, their approval, grants and "my access"
// (docs/GATEWAY.md, "Access requests" and "Grants over the API"), passed through by the main side.
// The renderer is not trusted: the main side checks the params here, stricter than the gateway's
// schema where a mistake would otherwise reach it (a request's window outside 1 minute – 7 days);
// the gateway checks the roles. Live changes come as the gateway topics `access.requests` and
// `access.mine` through `gateway.subscribe`.
import { z } from 'zod';
import { ACCESS_LIMITS, accessMethods } from '../gateway-api/access';
import { identityMethods } from '../gateway-api/identity';
import type { EventTable, MethodTable } from '../../rpc/protocol';
import type { ApiSection } from '../api-section';

/** The longest window a request may ask for (the gateway's default; it may hold a shorter one). */
export const MAX_REQUEST_MS = 7 * 24 * 3_600_000;

/** What `access.requests.create` takes from the renderer: the gateway's params, the window within 1 minute to 7 days. */
export const ClientAccessRequestSchema = accessMethods['access.requests.create'].params.extend({
  durationMs: z.number().int().min(ACCESS_LIMITS.minRequestMs).max(MAX_REQUEST_MS),
});
export type ClientAccessRequest = z.infer<typeof ClientAccessRequestSchema>;

type AccessMethods = typeof accessMethods;
/** A gateway method as the client offers it: the same params and result (without its role policy). */
const pass = <K extends keyof AccessMethods>(name: K): { params: AccessMethods[K]['params']; result: AccessMethods[K]['result'] } => ({
  params: accessMethods[name].params,
  result: accessMethods[name].result,
});

export const accessClientMethods = {
  /** Who the gateway says the user is, with their roles (the UI hides what a role may not use). */
  'access.whoami': { params: identityMethods.whoami.params, result: identityMethods.whoami.result },
  'access.requests.create': { params: ClientAccessRequestSchema, result: accessMethods['access.requests.create'].result },
  'access.requests.list': pass('access.requests.list'),
  'access.requests.cancel': pass('access.requests.cancel'),
  'access.requests.approve': pass('access.requests.approve'),
  'access.requests.deny': pass('access.requests.deny'),
  'access.grants.list': pass('access.grants.list'),
  'access.grants.create': pass('access.grants.create'),
  'access.grants.edit': pass('access.grants.edit'),
  'access.grants.revoke': pass('access.grants.revoke'),
  'access.selector.preview': pass('access.selector.preview'),
  'access.mine': pass('access.mine'),
} satisfies MethodTable;

export const accessClientSection = { methods: accessClientMethods, events: {} satisfies EventTable } satisfies ApiSection;
export type AccessClientMethods = typeof accessClientMethods;

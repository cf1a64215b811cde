// Gateway API section "access": access requests and their approval, grants managed over the API,
// and "my access" (docs/GATEWAY.md, "Access requests" and "Grants over the API"). Operators ask
// for access and see their own requests; admins decide and manage grants; anyone sees what they
// may reach. Every method's role is checked by the gateway (policy below); the handlers scope
// what each caller sees.
import { z } from 'zod';
import { MyGrantSchema } from '../grants';
import { LoginNameSchema } from '../inventory';
import type { EventTable } from '../../rpc/protocol';
import { topicEvents } from './events';
import type { GatewayApiSection, GatewayMethodTable } from './policy';

export const ACCESS_LIMITS = {
  /** Reason of a request and of a denial, in characters. */
  maxReasonChars: 500,
  /** Shortest window a request may ask for, ms. */
  minRequestMs: 60_000,
  /** Pending requests one user may have at once. */
  maxPendingPerUser: 20,
  /** Hosts `access.selector.preview` lists (the count is always whole). */
  previewHosts: 1000,
  /** Requests one `access.requests.list` page holds at most. */
  maxListed: 500,
} as const;

export const ACCESS_REQUEST_STATES = ['pending', 'approved', 'denied', 'expired', 'cancelled'] as const;
export const AccessRequestStateSchema = z.enum(ACCESS_REQUEST_STATES);
export type AccessRequestState = z.infer<typeof AccessRequestStateSchema>;

const Selector = z.string().min(1).max(4096);
const Reason = z.string().trim().min(1, 'a reason is required').max(ACCESS_LIMITS.maxReasonChars, `at most ${ACCESS_LIMITS.maxReasonChars} characters`);
const Id = z.number().int().positive();
const Time = z.number().int().nonnegative();

export const AccessRequestSchema = z.object({
  id: Id,
  requester: z.string(),
  /** Host selector as in grants: names, `node:team/line` or a tag expression (canonical form). */
  hosts: z.string(),
  login: z.string(),
  /** The window asked for, ms (counted from the approval). */
  durationMs: z.number().int().positive(),
  reason: z.string(),
  createdAt: Time,
  /** A pending request becomes `expired` at this moment if nobody decided. */
  expiresAt: Time,
  state: AccessRequestStateSchema,
  /** Who approved, denied or cancelled it (the gateway itself for `expired`). */
  decidedBy: z.string().nullable(),
  decidedAt: Time.nullable(),
  /** Why it was denied (or the approver's note); null otherwise. */
  decisionReason: z.string().nullable(),
  /** For an approval: the grant it created (hosts possibly narrowed, window possibly shortened). */
  grant: z.object({ id: Id, hosts: z.string(), from: Time, until: Time }).nullable(),
});
export type AccessRequest = z.infer<typeof AccessRequestSchema>;

export const GrantEntrySchema = z.object({
  id: Id,
  subject: z.object({ kind: z.enum(['user', 'group']), name: z.string() }),
  hosts: z.string(),
  login: z.string(),
  from: Time.nullable(),
  until: Time.nullable(),
  createdAt: Time,
  /** active: in force now; future: starts later; ended: its window is over (kept until revoked). */
  state: z.enum(['active', 'future', 'ended']),
  /** Hosts its selector covers now. */
  hostCount: z.number().int().nonnegative(),
});
export type GrantEntry = z.infer<typeof GrantEntrySchema>;

export const AccessMineSchema = z.object({
  /** What the caller reaches now: each host with its logins and when access to it ends (null: no end). */
  hosts: z.array(z.object({ host: z.string(), logins: z.array(z.string()), until: Time.nullable() })),
  /** The caller's grants that have not ended (in force or to come), own and through groups. */
  grants: z.array(MyGrantSchema),
  /** The caller's pending requests, newest first. */
  requests: z.array(AccessRequestSchema),
});
export type AccessMine = z.infer<typeof AccessMineSchema>;

const Admin = { roles: ['admin'] } as const;

export const accessMethods = {
  /** Asks for access; the caller's own request. The window starts when an admin approves it. */
  'access.requests.create': {
    params: z.object({ hosts: Selector, login: LoginNameSchema, durationMs: z.number().int().positive(), reason: Reason }).strict(),
    result: AccessRequestSchema,
    policy: { roles: ['operator', 'admin'] },
  },
  /** Newest first. Operators see their own; security and admin everyone's (or `requester`'s). */
  'access.requests.list': {
    params: z
      .object({
        state: AccessRequestStateSchema.optional(),
        requester: z.string().min(1).max(64).optional(),
        limit: z.number().int().min(1).max(ACCESS_LIMITS.maxListed).default(100),
        /** Only requests with a smaller id (the next page). */
        before: Id.optional(),
      })
      .strict(),
    result: z.array(AccessRequestSchema),
    policy: { roles: ['operator', 'security', 'admin'] },
  },
  /** The requester withdraws their own pending request. */
  'access.requests.cancel': { params: z.object({ id: Id }).strict(), result: AccessRequestSchema, policy: { roles: ['operator', 'admin'] } },
  /**
   * Approves a pending request of someone else and creates its grant at once, starting now. `until`
   * (or `durationMs`) may only shorten the window asked for; `hosts` may only narrow it (a selector
   * covering a subset of the hosts the request covers now).
   */
  'access.requests.approve': {
    params: z
      .object({ id: Id, until: Time.optional(), durationMs: z.number().int().positive().optional(), hosts: Selector.optional(), note: Reason.optional() })
      .strict()
      .refine((p) => p.until === undefined || p.durationMs === undefined, { message: 'give until or durationMs, not both' }),
    result: AccessRequestSchema,
    policy: Admin,
  },
  /** Denies a pending request of someone else, with a reason the requester sees. */
  'access.requests.deny': { params: z.object({ id: Id, reason: Reason }).strict(), result: AccessRequestSchema, policy: Admin },

  /** Every grant, filtered: of a user (own and through groups), covering a host, ending within N hours. */
  'access.grants.list': {
    params: z
      .object({
        user: z.string().min(1).max(64).optional(),
        host: z.string().min(1).max(253).optional(),
        expiringWithinHours: z.number().positive().max(24 * 366).optional(),
        /** Also grants whose window is over (default: only active and future ones). */
        includeEnded: z.boolean().default(false),
      })
      .strict(),
    result: z.array(GrantEntrySchema),
    policy: Admin,
  },
  /** A grant to a user or a group, as `grant add` makes it; it must end. */
  'access.grants.create': {
    params: z
      .object({ user: z.string().min(1).max(64).optional(), group: z.string().min(1).max(64).optional(), hosts: Selector, login: LoginNameSchema, from: Time.optional(), until: Time })
      .strict()
      .refine((p) => (p.user === undefined) !== (p.group === undefined), { message: 'give exactly one of user or group' }),
    result: GrantEntrySchema,
    policy: Admin,
  },
  /**
   * Moves a grant's end (extend or shorten; `from` too if given). An end now or in the past revokes
   * it (`revoked: true`): live sessions on it end at once.
   */
  'access.grants.edit': {
    params: z.object({ id: Id, until: Time, from: Time.nullable().optional() }).strict(),
    result: z.object({ grant: GrantEntrySchema, revoked: z.boolean() }),
    policy: Admin,
  },
  /** Removes a grant; live sessions that relied on it end at once, with a message. */
  'access.grants.revoke': { params: z.object({ id: Id }).strict(), result: GrantEntrySchema, policy: Admin },
  /** Which hosts a selector covers now, before it is saved in a grant or an approval. */
  'access.selector.preview': {
    params: z.object({ selector: Selector }).strict(),
    result: z.object({
      /** The selector's canonical form (what would be stored). */
      selector: z.string(),
      count: z.number().int().nonnegative(),
      /** The first ACCESS_LIMITS.previewHosts of them, by name. */
      hosts: z.array(z.string()),
      /** Names in a name selector that no host has. */
      unknown: z.array(z.string()),
    }),
    policy: Admin,
  },
  /** What the caller may reach now and until when, their grants and their pending requests. */
  'access.mine': { params: z.object({}).strict(), result: AccessMineSchema, policy: 'own-data' },
} satisfies GatewayMethodTable;

export const AccessRequestsEventSchema = z.discriminatedUnion('change', [
  /** At subscribe: the pending requests the caller sees, and how many (the admins' badge). */
  z.object({ change: z.literal('snapshot'), requests: z.array(AccessRequestSchema), pending: z.number().int().nonnegative() }),
  /** A request was created or changed state; `pending` is the new count. */
  z.object({ change: z.literal('request'), request: AccessRequestSchema, pending: z.number().int().nonnegative() }),
]);
export type AccessRequestsEvent = z.infer<typeof AccessRequestsEventSchema>;

export const accessTopics = {
  /** Operators: their own requests; security and admin: everyone's. */
  'access.requests': { params: z.object({}).strict(), data: AccessRequestsEventSchema },
  /** The caller's `access.mine`, at subscribe and again whenever it changes (grants, requests, groups). */
  'access.mine': { params: z.object({}).strict(), data: AccessMineSchema },
};

export const accessSection = { methods: accessMethods, events: topicEvents(accessTopics) satisfies EventTable, topics: accessTopics } satisfies GatewayApiSection;

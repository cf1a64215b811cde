// Gateway API section "users": the gateway's users and groups, for administrators. The changes are
// the CLI's own (`user …`, `group …`): validated, audited with the calling admin's name.
import { z } from 'zod';
import type { EventTable } from '../../rpc/protocol';
import { GatewayRoleSchema, type GatewayApiSection, type GatewayMethodTable } from './policy';

export const UserSummarySchema = z.object({
  name: z.string(),
  roles: z.array(GatewayRoleSchema),
  /** Cannot log in (disabled, or removed). */
  disabled: z.boolean(),
  /** Removed: a tombstone that keeps the name (and so the history) from being reused. */
  removed: z.boolean(),
  /** How many public keys the user logs in with. */
  keys: z.number().int().nonnegative(),
  totp: z.boolean(),
  /** The groups the user is in, by name. */
  groups: z.array(z.string()).optional(),
});
export type UserSummary = z.infer<typeof UserSummarySchema>;

export const UserKeySchema = z.object({ fingerprint: z.string(), publicKey: z.string() });
export const GroupSummarySchema = z.object({ name: z.string(), members: z.array(z.string()) });
export type GroupSummary = z.infer<typeof GroupSummarySchema>;

/** Names are checked by the gateway (the CLI's rules); the contract only bounds their size. */
const Name = z.string().min(1).max(64);
/** One OpenSSH public key line (`ssh-ed25519 AAAA… comment`). */
const PublicKeyLine = z.string().min(1).max(16 * 1024);
const byName = z.object({ name: Name }).strict();
const membership = z.object({ group: Name, user: Name }).strict();
const admin = { roles: ['admin'] } as const;

export const usersMethods = {
  /** Every user, removed ones included, by name. */
  'users.list': { params: z.object({}).strict(), result: z.array(UserSummarySchema), policy: admin },
  /** A new user (roles default to operator) with the public keys given, if any. */
  'users.create': {
    params: z.object({ name: Name, roles: z.array(GatewayRoleSchema).max(3).optional(), publicKeys: z.array(PublicKeyLine).max(32).optional() }).strict(),
    result: UserSummarySchema,
    policy: admin,
  },
  /** The user can no longer log in; their live sessions end at once. */
  'users.disable': { params: byName, result: UserSummarySchema, policy: admin },
  'users.enable': { params: byName, result: UserSummarySchema, policy: admin },
  /** Replaces the user's roles ([] = no role); counts from their next API request. */
  'users.roles.set': { params: z.object({ name: Name, roles: z.array(GatewayRoleSchema).max(3) }).strict(), result: UserSummarySchema, policy: admin },
  'users.keys.list': { params: byName, result: z.array(UserKeySchema), policy: admin },
  /** Adds a public key (one key belongs to one user only); answers its fingerprint. */
  'users.keys.add': { params: z.object({ name: Name, publicKey: PublicKeyLine }).strict(), result: z.object({ fingerprint: z.string() }), policy: admin },
  'users.keys.remove': { params: z.object({ name: Name, fingerprint: z.string().min(1).max(200) }).strict(), result: UserSummarySchema, policy: admin },
  /** Every group with its members, by name. */
  'groups.list': { params: z.object({}).strict(), result: z.array(GroupSummarySchema), policy: admin },
  'groups.create': { params: byName, result: GroupSummarySchema, policy: admin },
  'groups.members.add': { params: membership, result: GroupSummarySchema, policy: admin },
  'groups.members.remove': { params: membership, result: GroupSummarySchema, policy: admin },
} satisfies GatewayMethodTable;

export const usersSection = { methods: usersMethods, events: {} satisfies EventTable } satisfies GatewayApiSection;

// Gateway API section "users": the gateway's users, for administrators.
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
});
export type UserSummary = z.infer<typeof UserSummarySchema>;

export const usersMethods = {
  /** Every user, removed ones included, by name. */
  'users.list': { params: z.object({}).strict(), result: z.array(UserSummarySchema), policy: { roles: ['admin'] } },
} satisfies GatewayMethodTable;

export const usersSection = { methods: usersMethods, events: {} satisfies EventTable } satisfies GatewayApiSection;

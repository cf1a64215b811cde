// What a user is shown of the gateway's inventory. Pure schemas, shared by every side.
import { z } from 'zod';

/** Host names: what users type in `ssh alice:root@NAME@bastion`, so no '@', ':' or spaces. */
export const HostNameSchema = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, ".", "_" and "-" only');

/** Login accounts on targets (POSIX-ish user names). */
export const LoginNameSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z_][A-Za-z0-9._-]*$/, 'a login account name');

/** One path in the machine/service tree, outermost first: team › business line › service › module. */
export const TreePathSchema = z.array(z.string().min(1).max(100)).max(8);

export const HostSchema = z.object({
  name: HostNameSchema,
  address: z.string(),
  /** A host may sit in several nodes of the tree. */
  nodes: z.array(TreePathSchema),
  tags: z.record(z.string(), z.string()),
  /** Login accounts this user may use on this host. */
  logins: z.array(LoginNameSchema),
  /** When this user's access to the host ends (ms since epoch); null when no grant ends it. */
  accessUntil: z.number().int().nullable().optional(),
});
export type Host = z.infer<typeof HostSchema>;

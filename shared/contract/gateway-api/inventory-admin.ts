// Gateway API section "inventory" (admin): hosts with their tree nodes, tags and login accounts,
// and the credentials the gateway logs in to them with. Credentials are write-only: no method
// answers a secret, only for which login one is held and since when.
import { z } from 'zod';
import type { EventTable } from '../../rpc/protocol';
import type { GatewayApiSection, GatewayMethodTable } from './policy';

/** Tree node paths as text, `team/line/service/module`. */
const NodePath = z.string().min(1).max(1000);
const Tags = z.record(z.string().max(64), z.string().max(256));
const Logins = z.array(z.string().min(1).max(64)).max(100);
const HostName = z.string().min(1).max(253);

export const CredentialStampSchema = z.object({ login: z.string(), kind: z.enum(['key', 'password']), setAt: z.number().int() });
export const AdminHostSchema = z.object({
  name: z.string(),
  address: z.string(),
  nodes: z.array(z.array(z.string())),
  tags: z.record(z.string(), z.string()),
  logins: z.array(z.string()),
  /** The logins the gateway holds a credential for, and when it was set (never the secret). */
  credentials: z.array(CredentialStampSchema),
});
export type AdminHost = z.infer<typeof AdminHostSchema>;

const admin = { roles: ['admin'] } as const;

export const inventoryAdminMethods = {
  /** Every host of the inventory, by name. */
  'inventory.hosts.list': { params: z.object({}).strict(), result: z.array(AdminHostSchema), policy: admin },
  'inventory.hosts.create': {
    params: z.object({ name: HostName, address: z.string().min(1).max(300), nodes: z.array(NodePath).max(64).optional(), tags: Tags.optional(), logins: Logins.optional() }).strict(),
    result: AdminHostSchema,
    policy: admin,
  },
  /** Changes what is given: address (host or host:port), port, nodes (replaced), tags (set), untag, logins (added). */
  'inventory.hosts.edit': {
    params: z
      .object({ name: HostName, address: z.string().min(1).max(300).optional(), port: z.string().max(5).optional(), nodes: z.array(NodePath).max(64).optional(), tags: Tags.optional(), untag: z.array(z.string().max(64)).max(100).optional(), logins: Logins.optional() })
      .strict(),
    result: z.object({ host: AdminHostSchema, fields: z.array(z.string()) }),
    policy: admin,
  },
  /** Refused while the host has live sessions unless `force` (which ends them). */
  'inventory.hosts.remove': { params: z.object({ name: HostName, force: z.boolean().optional() }).strict(), result: z.object({ liveSessions: z.number().int() }), policy: admin },
  /** Sets or replaces the credential for host + login: exactly one of password or privateKey (unencrypted, OpenSSH or PEM). */
  'inventory.credentials.set': {
    params: z.object({ host: HostName, login: z.string().min(1).max(64), password: z.string().min(1).max(4096).optional(), privateKey: z.string().min(1).max(64 * 1024).optional() }).strict(),
    result: z.object({ host: z.string(), login: z.string(), kind: z.enum(['key', 'password']), setAt: z.number().int() }),
    policy: admin,
  },
} satisfies GatewayMethodTable;

export const inventoryAdminSection = { methods: inventoryAdminMethods, events: {} satisfies EventTable } satisfies GatewayApiSection;

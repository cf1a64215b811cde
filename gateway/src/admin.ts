// What an admin does to the gateway's state: used by the CLI, the lab and the tests.
// Every input is validated here (the CLI and the lab stay thin) and refused with a clear message.
import { why } from '../../shared/contract/error-reasons';
import { z } from 'zod';
import { HostNameSchema, LoginNameSchema } from '../../shared/contract/inventory';
import { AdminError, createAccessAdmin, UserNameSchema, validate, type AccessAdmin, type GrantLimits } from './admin-access';
import { parseAddress } from './address';
import { fingerprintOf, parsePrivateKey, parsePublicKey } from '../../shared/node/ssh-keys';
import type { AuditEventType } from './audit';
import { claimKeys, parseUserKeys } from './auth/user-keys';
import { openStore, type HostRecord, type Store, type StoreOptions, type UserRecord } from './store';
import { RoleSchema } from './store/users';

export { AdminError, AddGrantInput, UserNameSchema } from './admin-access';

export const AddUserInput = z.object({
  name: UserNameSchema,
  roles: z.array(RoleSchema).default(['operator']),
  publicKeys: z.array(z.string()).default([]),
});

const NodeSegment = z
  .string()
  .trim()
  .min(1, 'a node name cannot be empty')
  .max(100, 'a node name is at most 100 characters')
  .refine((s) => !s.includes('/'), 'a node name cannot contain "/"');

export const AddHostInput = z.object({
  name: HostNameSchema,
  address: z.string().refine((a) => parseAddress(a) !== null, 'expected HOST:PORT, e.g. 10.0.0.5:22'),
  nodes: z.array(z.array(NodeSegment).min(1).max(8)).default([]),
  tags: z
    .record(z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'tag keys: letters, digits, "_", "." and "-"'), z.string().max(256))
    .default({}),
  logins: z.array(LoginNameSchema).default([]),
});

export const SetCredentialInput = z
  .object({
    host: HostNameSchema,
    login: LoginNameSchema,
    privateKey: z.string().min(1).optional(),
    password: z.string().min(1).optional(),
  })
  .refine((c) => (c.privateKey === undefined) !== (c.password === undefined), 'give exactly one of privateKey or password');

/** Why a removed host's name cannot be used again. */
export const removedHostName = (name: string) => `the name "${name}" belongs to a removed host (kept so its sessions and audit rows stay its own): choose another`;

export interface GatewayAdmin extends AccessAdmin {
  addUser(input: z.input<typeof AddUserInput>): UserRecord & { fingerprints: string[] };
  addHost(input: z.input<typeof AddHostInput>): HostRecord;
  setCredential(input: z.input<typeof SetCredentialInput>): void;
  /** Pins the target's host key (OpenSSH one-line form), replacing any earlier pin. */
  pinHostKey(host: string, publicKey: string): void;
}

export interface AdminOptions extends GrantLimits {
  /** Who is acting, for the audit log: `admin:cli:<os user>` from the CLI. Default `admin`. */
  actor?: string;
}

export function createAdmin(store: Store, options: AdminOptions = {}): GatewayAdmin {
  const actor = options.actor ?? 'admin';
  const audit = (type: AuditEventType, data: Record<string, unknown>) => store.audit.record({ type, actor, data });
  const hostOrThrow = (name: string) => {
    const host = store.hosts.find(name);
    if (!host) throw new AdminError(`no host named "${name}"`, why('host.not_found', { name }));
    return host;
  };

  return {
    ...createAccessAdmin(store, actor, options),
    addUser(input) {
      const { name, roles, publicKeys } = validate(AddUserInput, input, 'user');
      const keys = parseUserKeys(publicKeys, name);
      const existing = store.users.find(name);
      if (existing?.removed) throw new AdminError(`the name "${name}" belongs to a removed user (kept so their history stays theirs): choose another`, why('user.removed', { name }));
      if (existing) throw new AdminError(`user "${name}" already exists`, why('user.exists', { name }));
      const uniqueRoles = [...new Set(roles)];
      return store.db.transaction(() => {
        const user = store.users.create(name, uniqueRoles);
        const fingerprints = claimKeys(store, user, keys);
        audit('user.added', { user: name, roles: uniqueRoles, keys: fingerprints });
        return { ...user, fingerprints };
      })();
    },

    addHost(input) {
      const host = validate(AddHostInput, input, 'host');
      if (store.hosts.find(host.name)) throw new AdminError(`host "${host.name}" already exists`, why('host.exists', { name: host.name }));
      if (store.hosts.isRemoved(host.name)) throw new AdminError(removedHostName(host.name), why('host.name_removed', { name: host.name }));
      const added = store.hosts.create(host);
      audit('host.added', { host: host.name, address: host.address, nodes: host.nodes, tags: host.tags, ...(host.logins.length > 0 && { logins: host.logins }) });
      return added;
    },

    setCredential(input) {
      // The message never includes the secret: zod is told only which field is wrong.
      const c = validate(SetCredentialInput, input, 'credential');
      const host = hostOrThrow(c.host);
      if (c.privateKey !== undefined) {
        try {
          parsePrivateKey(c.privateKey);
        } catch (error) {
          throw new AdminError(`private key for ${c.login}@${c.host}: ${(error as Error).message}`);
        }
        store.credentials.set(host.id, c.login, { kind: 'key', privateKey: c.privateKey });
      } else {
        store.credentials.set(host.id, c.login, { kind: 'password', password: c.password! });
      }
      audit('credential.set', { host: host.name, login: c.login, kind: c.privateKey !== undefined ? 'key' : 'password' });
    },

    pinHostKey(hostName, publicKey) {
      const host = hostOrThrow(validate(HostNameSchema, hostName, 'host name'));
      let openssh: string;
      try {
        openssh = parsePublicKey(publicKey).openssh;
      } catch (error) {
        throw new AdminError(`host key for ${hostName}: ${(error as Error).message}`);
      }
      store.hostKeys.pin(host.id, openssh);
      audit('hostkey.pinned', { host: host.name, key: fingerprintOf(parsePublicKey(openssh).key.getPublicSSH()), source: 'admin' });
    },
  };
}

/** Opens the data dir for administration (the gateway may be serving it at the same time). */
export function openGatewayAdmin(dataDir: string, options: AdminOptions & StoreOptions = {}): GatewayAdmin & { close(): void } {
  const store = openStore(dataDir, options);
  return { ...createAdmin(store, options), close: () => store.close() };
}

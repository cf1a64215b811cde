// Client API section "directory": the gateway's users, groups, hosts and credentials for the
// admin screen (docs/GATEWAY.md, "Users, groups and hosts over the API"), passed through by the
// main side with the gateway's params and results. The gateway checks the role (admin) and every
// name; credentials are write-only there, so nothing here can answer a secret.
import type { EventTable, MethodTable } from '../../rpc/protocol';
import type { ApiSection } from '../api-section';
import { inventoryAdminMethods } from '../gateway-api/inventory-admin';
import { usersMethods } from '../gateway-api/users';
import { passThrough } from './pass-through';

const users = <K extends keyof typeof usersMethods>(name: K) => passThrough(usersMethods, name);
const inventory = <K extends keyof typeof inventoryAdminMethods>(name: K) => passThrough(inventoryAdminMethods, name);

export const directoryClientMethods = {
  'users.list': users('users.list'),
  'users.create': users('users.create'),
  'users.disable': users('users.disable'),
  'users.enable': users('users.enable'),
  'users.roles.set': users('users.roles.set'),
  'users.keys.list': users('users.keys.list'),
  'users.keys.add': users('users.keys.add'),
  'users.keys.remove': users('users.keys.remove'),
  'groups.list': users('groups.list'),
  'groups.create': users('groups.create'),
  'groups.members.add': users('groups.members.add'),
  'groups.members.remove': users('groups.members.remove'),
  'inventory.hosts.list': inventory('inventory.hosts.list'),
  'inventory.hosts.create': inventory('inventory.hosts.create'),
  'inventory.hosts.edit': inventory('inventory.hosts.edit'),
  'inventory.hosts.remove': inventory('inventory.hosts.remove'),
  'inventory.credentials.set': inventory('inventory.credentials.set'),
} satisfies MethodTable;

export const directoryClientSection = { methods: directoryClientMethods, events: {} satisfies EventTable } satisfies ApiSection;
export type DirectoryClientMethods = typeof directoryClientMethods;

// The gateway API's methods, answered for the authenticated user only.
import type { GatewayMethods } from '../../../shared/contract/gateway-api';
import { encodeHostTable } from '../../../shared/contract/host-table';
import type { Host } from '../../../shared/contract/inventory';
import type { Handlers } from '../../../shared/rpc/dispatcher';
import type { Access } from '../access';
import type { Store } from '../store';
import type { ApiContext } from './context';
import { createEventHandlers } from './events-handlers';
import { createSessionHandlers } from './sessions-handlers';

export type { ApiContext };

export function createGatewayHandlers(access: Access, store: Store): Handlers<GatewayMethods, ApiContext> {
  const hostsOf = (user: string): Host[] =>
    access.reachableHosts(user).map(({ host, logins, accessUntil }) => ({
      name: host.name,
      address: host.address,
      nodes: host.nodes,
      tags: host.tags,
      logins,
      accessUntil,
    }));
  return {
    ...createSessionHandlers(store.db),
    ...createEventHandlers(),
    whoami: (_params, ctx) => ({ user: ctx.user.name, roles: ctx.user.roles }),
    'hosts.list': (_params, ctx) => hostsOf(ctx.user.name),
    'hosts.table': (_params, ctx) => encodeHostTable(hostsOf(ctx.user.name)),
    'grants.mine': (_params, ctx) => access.myGrants(ctx.user.name),
  };
}

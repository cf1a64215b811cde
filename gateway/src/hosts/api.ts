// API handlers of the "hosts" area: the hosts the caller may reach, as a list or a columnar table.
import type { hostsMethods } from '../../../shared/contract/gateway-api/hosts';
import { encodeHostTable } from '../../../shared/contract/host-table';
import type { Host } from '../../../shared/contract/inventory';
import type { Handlers } from '../../../shared/rpc/dispatcher';
import type { ApiAreaDeps, ApiContext } from '../api-area';

export function hostsApi({ access }: ApiAreaDeps): Handlers<typeof hostsMethods, ApiContext> {
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
    'hosts.list': (_params, ctx) => hostsOf(ctx.user.name),
    'hosts.table': (_params, ctx) => encodeHostTable(hostsOf(ctx.user.name)),
  };
}

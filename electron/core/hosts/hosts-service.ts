// The "hosts" capability: the hosts this user may reach, fetched from the gateway as a host
// table; a renderer session's `hosts.head` and its next `hosts.list` share one fetch.
import type { hostsMethods } from '../../../shared/contract/client-api/hosts';
import type { AreaService, RendererSession } from '../area-service';
import type { ConnectionService } from '../connection/connection-service';
import { HostListSource } from './host-table-fetch';

export function createHostsService(connection: Pick<ConnectionService, 'connected'>): AreaService<typeof hostsMethods> {
  const lists = new HostListSource<RendererSession>();
  return {
    handlers: {
      'hosts.head': ({ rows }, session) => lists.head(session, connection.connected(), rows),
      'hosts.list': (_params, session) => lists.list(session, connection.connected()),
    },
  };
}

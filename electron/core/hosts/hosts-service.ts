// The "hosts" capability: the hosts this user may reach, fetched from the gateway as a host
// table; a renderer session's `hosts.head` and its next `hosts.list` share one fetch. Also each
// profile's favourites and recent hosts, kept in the client store.
import { why } from '../../../shared/contract/error-reasons';
import type { hostsMethods } from '../../../shared/contract/client-api/hosts';
import type { AreaService, RendererSession } from '../area-service';
import type { ConnectionService } from '../connection/connection-service';
import type { ClientStore } from '../store/client-store';
import { HostListSource } from './host-table-fetch';
import { withOpened, withStar, HOST_PLACES_LIMITS } from '../../../shared/contract/host-places';
import { RpcError } from '../../../shared/rpc/protocol';

export function createHostsService(connection: Pick<ConnectionService, 'connected'>, store: ClientStore): AreaService<typeof hostsMethods> {
  const lists = new HostListSource<RendererSession>();
  return {
    handlers: {
      'hosts.head': ({ rows }, session) => lists.head(session, connection.connected(), rows),
      'hosts.list': (_params, session) => lists.list(session, connection.connected()),
      'hosts.places': ({ profileId }) => store.hostPlaces(profileId),
      'hosts.star': ({ profileId, host, starred }) => {
        const next = withStar(store.hostPlaces(profileId), host, starred);
        if (!next) throw new RpcError('bad_request', `at most ${HOST_PLACES_LIMITS.favourites} favourites: unstar one first`, why('client.favourites_full', { limit: HOST_PLACES_LIMITS.favourites }));
        return store.saveHostPlaces(profileId, next);
      },
      'hosts.opened': ({ profileId, host, login }) => store.saveHostPlaces(profileId, withOpened(store.hostPlaces(profileId), { host, login })),
    },
  };
}

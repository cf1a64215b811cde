// The "access" capability: access requests, approvals, grants and "my access", passed through to
// the gateway over the connection's API channel. The dispatcher has already checked the params
// against the client contract; the gateway decides who may do what (roles, own requests).
import type { AccessClientMethods } from '../../../shared/contract/client-api/access';
import type { AreaService } from '../area-service';
import type { ConnectionService } from '../connection/connection-service';

export function createAccessService(connection: Pick<ConnectionService, 'connected'>): AreaService<AccessClientMethods> {
  const gateway = () => connection.connected();
  return {
    handlers: {
      'access.whoami': (params) => gateway().request('whoami', params),
      'access.requests.create': (params) => gateway().request('access.requests.create', params),
      'access.requests.list': (params) => gateway().request('access.requests.list', params),
      'access.requests.cancel': (params) => gateway().request('access.requests.cancel', params),
      'access.requests.approve': (params) => gateway().request('access.requests.approve', params),
      'access.requests.deny': (params) => gateway().request('access.requests.deny', params),
      'access.grants.list': (params) => gateway().request('access.grants.list', params),
      'access.grants.create': (params) => gateway().request('access.grants.create', params),
      'access.grants.edit': (params) => gateway().request('access.grants.edit', params),
      'access.grants.revoke': (params) => gateway().request('access.grants.revoke', params),
      'access.selector.preview': (params) => gateway().request('access.selector.preview', params),
      'access.mine': (params) => gateway().request('access.mine', params),
    },
  };
}

// The "audit" capability on the main side: the gateway's audit log, filtered and paged, and the
// check of its chain. Params are checked against the contract before a handler runs; the gateway
// checks the role (security or admin) and answers `denied` to anyone else.
import type { auditMethods } from '../../../shared/contract/client-api/audit';
import type { AreaService } from '../area-service';
import type { ConnectionService } from '../connection/connection-service';

export function createAuditService(connection: Pick<ConnectionService, 'connected'>): AreaService<typeof auditMethods> {
  return {
    handlers: {
      'audit.list': (params) => connection.connected().request('review.audit.list', params),
      'audit.verify': () => connection.connected().request('review.audit.verify', {}),
    },
  };
}

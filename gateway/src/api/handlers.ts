// The gateway API: each area's handlers (`<area>/api.ts`), one line per area. Who may call each
// method is declared in the contract section and checked before any handler runs (./authorize.ts).
import { gatewayMethods, type GatewayMethods } from '../../../shared/contract/gateway-api';
import type { Handlers } from '../../../shared/rpc/dispatcher';
import { batchApi } from '../batch/api';
import { grantsAdminApi } from '../grants/admin-api';
import { grantsApi } from '../grants/api';
import { hostsApi } from '../hosts/api';
import { inventoryAdminApi } from '../hosts/admin-api';
import { identityApi } from '../identity/api';
import { liveApi } from '../live/api';
import { metricsApi } from '../metrics/api';
import { requestsApi } from '../requests/api';
import { loginRulesApi } from '../rules/login/api';
import { reviewApi } from '../review/api';
import { usersApi } from '../users/api';
import { commandRulesApi } from '../rules/command/api';
import { inventoryImportApi } from '../inventory-import/api';
import { registerHandlers } from './authorize';
import type { ApiAreaDeps, ApiContext } from './context';
import { createEventHandlers } from './events-handlers';

export type { ApiAreaDeps, ApiContext };

export function createGatewayHandlers(deps: ApiAreaDeps): Handlers<GatewayMethods, ApiContext> {
  return registerHandlers(gatewayMethods, {
    ...identityApi(),
    ...hostsApi(deps),
    ...grantsApi(deps),
    ...reviewApi(deps),
    ...usersApi(deps),
    ...commandRulesApi(deps),
    ...inventoryImportApi(deps),
    ...liveApi(deps),
    ...batchApi(deps),
    ...metricsApi(deps),
    ...requestsApi(deps),
    ...grantsAdminApi(deps),
    ...inventoryAdminApi(deps),
    ...loginRulesApi(deps),
    ...createEventHandlers(),
  });
}

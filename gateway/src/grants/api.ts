// API handlers of the "grants" area: the caller's own grants.
import type { grantsMethods } from '../../../shared/contract/gateway-api/grants';
import type { Handlers } from '../../../shared/rpc/dispatcher';
import type { ApiAreaDeps, ApiContext } from '../api-area';

export function grantsApi({ access }: ApiAreaDeps): Handlers<typeof grantsMethods, ApiContext> {
  return {
    'grants.mine': (_params, ctx) => access.myGrants(ctx.user.name),
  };
}

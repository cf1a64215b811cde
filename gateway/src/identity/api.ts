// API handlers of the "identity" area: who the caller is to the gateway.
import type { identityMethods } from '../../../shared/contract/gateway-api/identity';
import type { Handlers } from '../../../shared/rpc/dispatcher';
import type { ApiContext } from '../api-area';

export function identityApi(): Handlers<typeof identityMethods, ApiContext> {
  return {
    whoami: (_params, ctx) => ({ user: ctx.user.name, roles: ctx.user.roles }),
  };
}

// API handlers of the "users" area: the gateway's users, for administrators (the policy in the
// contract section keeps everyone else out before these run).
import type { usersMethods } from '../../../shared/contract/gateway-api/users';
import type { Handlers } from '../../../shared/rpc/dispatcher';
import type { ApiAreaDeps, ApiContext } from '../api-area';

export function usersApi({ store }: ApiAreaDeps): Handlers<typeof usersMethods, ApiContext> {
  return {
    'users.list': () =>
      store.users.list().map((u) => ({
        name: u.name,
        roles: u.roles,
        disabled: u.disabled,
        removed: u.removed,
        keys: store.users.keys(u.id).length,
        totp: u.totp,
      })),
  };
}

// API handlers of the "users" area: the gateway's users and groups, for administrators (the policy
// in the contract section keeps everyone else out before these run). Every change goes through the
// same admin operations as the CLI (auth/user-admin.ts, admin.ts, admin-access.ts), so both write
// the same audit rows; the actor is the calling admin.
import { why } from '../../../shared/contract/error-reasons';
import type { UserSummary, usersMethods } from '../../../shared/contract/gateway-api/users';
import type { Handlers } from '../../../shared/rpc/dispatcher';
import { createAdmin } from '../admin';
import { AdminError, createAccessAdmin } from '../admin-access';
import type { ApiAreaDeps, ApiContext } from '../api-area';
import { createUserAdmin } from '../auth/user-admin';
import { asRpc } from '../requests/errors';
import type { Store, UserRecord } from '../store';

function summary(store: Store, u: UserRecord): UserSummary {
  return { name: u.name, roles: u.roles, disabled: u.disabled, removed: u.removed, keys: store.users.keys(u.id).length, totp: u.totp, groups: store.groups.groupsOf(u.id) };
}

export function usersApi({ store, onAccessWrite }: ApiAreaDeps): Handlers<typeof usersMethods, ApiContext> {
  const usersOf = (ctx: ApiContext) => createUserAdmin(store, ctx.user.name);
  const groupsOf = (ctx: ApiContext) => createAccessAdmin(store, ctx.user.name);
  const group = (name: string) => {
    const g = store.groups.find(name)!;
    return { name: g.name, members: store.groups.members(g.id) };
  };
  /** After a change to who may log in or reach what: live sessions re-check now, not at the next tick. */
  const changed = <T>(value: T): T => (onAccessWrite?.(), value);
  return {
    'users.list': () => store.users.list().map((u) => summary(store, u)),
    'users.create': ({ name, roles, publicKeys }, ctx) =>
      asRpc(() => summary(store, createAdmin(store, { actor: ctx.user.name }).addUser({ name, roles, publicKeys }))),
    'users.disable': ({ name }, ctx) => asRpc(() => changed(summary(store, usersOf(ctx).setDisabled(name, true)))),
    'users.enable': ({ name }, ctx) => asRpc(() => changed(summary(store, usersOf(ctx).setDisabled(name, false)))),
    'users.roles.set': ({ name, roles }, ctx) => asRpc(() => changed(summary(store, usersOf(ctx).setRoles(name, roles)))),
    'users.keys.list': ({ name }, ctx) => asRpc(() => usersOf(ctx).keys(name).map((k) => ({ fingerprint: k.fingerprint, publicKey: k.publicKey }))),
    'users.keys.add': ({ name, publicKey }, ctx) =>
      asRpc(() => {
        if (publicKey.trim().includes('\n')) throw new AdminError('one public key per call (the text holds several lines)', why('key.one_per_call'));
        return { fingerprint: usersOf(ctx).addKeys(name, [publicKey.trim()])[0]! };
      }),
    'users.keys.remove': ({ name, fingerprint }, ctx) => asRpc(() => summary(store, usersOf(ctx).removeKey(name, fingerprint))),
    'groups.list': (_p, ctx) => groupsOf(ctx).listGroups(),
    'groups.create': ({ name }, ctx) => asRpc(() => ({ name: groupsOf(ctx).addGroup(name).name, members: [] })),
    'groups.members.add': ({ group: name, user }, ctx) => asRpc(() => (groupsOf(ctx).addGroupMember(name, user), changed(group(name)))),
    'groups.members.remove': ({ group: name, user }, ctx) => asRpc(() => (groupsOf(ctx).removeGroupMember(name, user), changed(group(name)))),
  };
}


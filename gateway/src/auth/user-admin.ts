// Admin operations on a user: disable/enable, unlock, TOTP on/off, keys, roles, removal. Each is
// audited (`user.changed`) with who did it. A serving gateway notices a disabled or removed user
// within a second (gateway/src/liveness) and ends their sessions; a role change counts from the
// user's next API request.
import { why } from '../../../shared/contract/error-reasons';
import { AdminError } from '../admin-access';
import type { Role, Store, UserKeyRecord, UserRecord } from '../store';
import { RoleSchema } from '../store/users';
import { newTotpSecret, totpUri } from './totp';
import { claimKeys, parseUserKeys } from './user-keys';

export interface UserAdmin {
  setDisabled(name: string, disabled: boolean): UserRecord;
  /** Clears a lockout and the failure count. */
  unlock(name: string): UserRecord;
  /** Creates a new TOTP secret (replacing any) and returns it with its otpauth:// URI: show them once. */
  enableTotp(name: string): { secret: string; uri: string };
  disableTotp(name: string): UserRecord;
  /** Every user, removed ones included, by name. */
  list(): UserRecord[];
  keys(name: string): UserKeyRecord[];
  /** Adds OpenSSH public key lines; returns their fingerprints. */
  addKeys(name: string, publicKeys: readonly string[]): string[];
  removeKey(name: string, fingerprint: string): UserRecord;
  /** Replaces the user's roles ([] = no role). */
  setRoles(name: string, roles: readonly string[]): UserRecord;
  /**
   * Removes the user: a tombstone that keeps the name and their history (sessions, commands, audit
   * rows), and loses keys, TOTP, grants and group memberships; they cannot log in again.
   */
  remove(name: string): UserRecord;
}

export function createUserAdmin(store: Store, actor = 'admin'): UserAdmin {
  /** A user who may still be changed: not removed. */
  const userOrThrow = (name: string) => {
    const user = store.users.find(name);
    if (!user) throw new AdminError(`no user named "${name}"`, why('user.not_found', { name }));
    if (user.removed) throw new AdminError(`user "${name}" was removed`, why('user.removed', { name }));
    return user;
  };
  const changed = (user: UserRecord, change: string, details: Record<string, unknown> = {}) => {
    store.audit.record({ type: 'user.changed', actor, data: { user: user.name, change, ...details } });
    return store.users.byId(user.id)!;
  };
  return {
    setDisabled(name, disabled) {
      const user = userOrThrow(name);
      store.users.setDisabled(user.id, disabled);
      return changed(user, disabled ? 'disabled' : 'enabled');
    },
    unlock(name) {
      const user = userOrThrow(name);
      store.users.clearFailures(user.id);
      return changed(user, 'unlocked');
    },
    enableTotp(name) {
      const user = userOrThrow(name);
      const secret = newTotpSecret();
      store.users.setTotpSecret(user.id, secret);
      changed(user, 'totp enabled');
      return { secret, uri: totpUri(secret, user.name) };
    },
    disableTotp(name) {
      const user = userOrThrow(name);
      store.users.setTotpSecret(user.id, null);
      return changed(user, 'totp disabled');
    },
    list: () => store.users.list(),
    keys(name) {
      const user = store.users.find(name);
      if (!user) throw new AdminError(`no user named "${name}"`, why('user.not_found', { name }));
      return store.users.keys(user.id);
    },
    addKeys(name, publicKeys) {
      const user = userOrThrow(name);
      if (publicKeys.length === 0) throw new AdminError('no public key given (the file holds none)', why('key.none_given'));
      const keys = parseUserKeys(publicKeys, name);
      return store.db.transaction(() => {
        const fingerprints = claimKeys(store, user, keys);
        changed(user, 'key added', { keys: fingerprints });
        return fingerprints;
      })();
    },
    removeKey(name, fingerprint) {
      const user = userOrThrow(name);
      if (!store.users.removeKey(user.id, fingerprint)) throw new AdminError(`${name} has no key ${fingerprint} (see: user key list ${name})`, why('key.not_found', { fingerprint, user: name }));
      return changed(user, 'key removed', { key: fingerprint });
    },
    setRoles(name, roles) {
      const user = userOrThrow(name);
      const parsed = RoleSchema.array().safeParse(roles);
      if (!parsed.success) throw new AdminError(`unknown role in "${roles.join(' ')}": roles are ${RoleSchema.options.join(', ')}`);
      const unique: Role[] = [...new Set(parsed.data)];
      store.users.setRoles(user.id, unique);
      return changed(user, 'roles set', { roles: unique, was: user.roles });
    },
    remove(name) {
      const user = userOrThrow(name);
      store.users.remove(user.id);
      return changed(user, 'removed');
    },
  };
}

// Admin operations on a user's login state: disable/enable, unlock, TOTP on/off. Each is audited
// (`user.changed`) with who did it. A serving gateway notices a disabled user within a second
// (gateway/src/liveness) and ends their sessions.
import { AdminError } from '../admin';
import type { Store, UserRecord } from '../store';
import { newTotpSecret, totpUri } from './totp';

export interface UserAdmin {
  setDisabled(name: string, disabled: boolean): UserRecord;
  /** Clears a lockout and the failure count. */
  unlock(name: string): UserRecord;
  /** Creates a new TOTP secret (replacing any) and returns it with its otpauth:// URI: show them once. */
  enableTotp(name: string): { secret: string; uri: string };
  disableTotp(name: string): UserRecord;
}

export function createUserAdmin(store: Store, actor = 'admin'): UserAdmin {
  const userOrThrow = (name: string) => {
    const user = store.users.find(name);
    if (!user) throw new AdminError(`no user named "${name}"`);
    return user;
  };
  const changed = (user: UserRecord, change: string) => {
    store.audit.record({ type: 'user.changed', actor, data: { user: user.name, change } });
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
  };
}

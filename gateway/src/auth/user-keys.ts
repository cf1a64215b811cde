// The public keys users log in with. One key belongs to one user only: otherwise two people could
// log in as either account and who did what would be ambiguous. A key another user holds is
// refused, naming that user (the message goes to the admin).
import { why } from '../../../shared/contract/error-reasons';
import { parsePublicKey, type PublicKeyInfo } from '../../../shared/node/ssh-keys';
import { AdminError } from '../admin-access';
import type { Store, UserRecord } from '../store';

/** Parses OpenSSH public key lines; `what` names the owner-to-be in the error. */
export function parseUserKeys(lines: readonly string[], what: string): PublicKeyInfo[] {
  return lines.map((text, i) => {
    try {
      return parsePublicKey(text);
    } catch (error) {
      throw new AdminError(`public key ${i + 1} of ${what}: ${(error as Error).message}`);
    }
  });
}

/** Gives `user` the keys (each once); refuses them all if any is another user's or already theirs. */
export function claimKeys(store: Store, user: Pick<UserRecord, 'id' | 'name'>, keys: readonly PublicKeyInfo[]): string[] {
  const unique = [...new Map(keys.map((k) => [k.fingerprint, k])).values()];
  for (const key of unique) {
    const owner = store.users.keyOwner(key.fingerprint);
    if (owner === user.name) throw new AdminError(`${user.name} already has the key ${key.fingerprint}`, why('key.held', { fingerprint: key.fingerprint, user: user.name }));
    if (owner !== undefined) throw new AdminError(`the key ${key.fingerprint} already belongs to user "${owner}": one key, one user`, why('key.owned', { fingerprint: key.fingerprint, owner }));
  }
  for (const key of unique) store.users.addKey(user.id, key.openssh, key.fingerprint);
  return unique.map((k) => k.fingerprint);
}

// Public key authentication of gateway users. Unknown users, disabled users and wrong keys all
// get the same answer, so the gateway does not reveal who has an account.
import type { AuthContext } from 'ssh2';
import { parseLoginName, type Target } from '../../../shared/contract/target';
import type { Logger } from '../logger';
import type { Store, UserRecord } from '../store';
import { fingerprintOf, parsePublicKey } from '../../../shared/node/ssh-keys';

export interface Authenticated {
  user: UserRecord;
  /** From a user name like `alice:root@web-01`. */
  target?: Target;
  fingerprint: string;
}

/**
 * Handles one authentication attempt; calls ctx.accept/ctx.reject itself. On success it calls
 * `onSuccess` first: ssh2 emits 'ready' synchronously inside ctx.accept().
 */
export function authenticate(ctx: AuthContext, store: Pick<Store, 'users'>, logger: Logger, onSuccess: (who: Authenticated) => void): void {
  const refuse = () => ctx.reject(['publickey']);
  if (ctx.method !== 'publickey') return refuse();
  const login = parseLoginName(ctx.username);
  if (!login) return refuse();
  const user = store.users.find(login.user);
  if (!user || user.disabled) return refuse();

  const offered = ctx.key.data;
  const match = store.users.keys(user.id).find((k) => {
    try {
      return parsePublicKey(k.publicKey).key.getPublicSSH().equals(offered);
    } catch {
      return false;
    }
  });
  if (!match) return refuse();

  // Without a signature the client only asks whether this key would do: say yes, prove nothing.
  if (!ctx.signature || !ctx.blob) {
    ctx.accept();
    return;
  }
  const verified = parsePublicKey(match.publicKey).key.verify(ctx.blob, ctx.signature, ctx.hashAlgo);
  if (verified !== true) {
    logger.warn({ user: user.name, fingerprint: match.fingerprint }, 'public key signature did not verify');
    return refuse();
  }
  onSuccess({ user, target: login.target, fingerprint: fingerprintOf(offered) });
  ctx.accept();
}

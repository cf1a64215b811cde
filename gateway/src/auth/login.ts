// One connection's login: public key (ed25519, ecdsa, rsa-sha2-256/512), then, for users with TOTP,
// a code through keyboard-interactive (ssh2: reject(['keyboard-interactive'], true) is "partial
// success"). Failures count against the account (locked after policy.maxFailures) and against the
// source address (growing delays). Unknown, disabled and locked users and wrong keys all get the
// same answer: only the audit log says which it was.
import type { AuthContext, AuthenticationType, KeyboardAuthContext } from 'ssh2';
import { parseLoginName, type Target } from '../../../shared/contract/target';
import { fingerprintOf, parsePublicKey } from '../../../shared/node/ssh-keys';
import type { Logger } from '../logger';
import type { Store, UserRecord } from '../store';
import type { LoginPolicy } from './policy';
import type { SourceDelays } from './source-delay';
import { totpStep } from './totp';

export interface Authenticated {
  user: UserRecord;
  /** From a user name like `alice:root@web-01`. */
  target?: Target;
  fingerprint: string;
}

export interface LoginDeps {
  store: Pick<Store, 'users' | 'audit'>;
  logger: Logger;
  policy: LoginPolicy;
  delays: SourceDelays;
  now?: () => number;
}

export interface LoginFlow {
  /** Handles one authentication request; answers ctx itself (possibly after the source's delay). */
  handle(ctx: AuthContext): void;
  /** The connection closed: a login that was tried and not completed counts as one failure. */
  closed(): void;
}

export const TOTP_PROMPT = 'Verification code: ';

type Reason = 'unknown user' | 'disabled' | 'locked' | 'no matching key' | 'bad signature' | 'bad verification code' | 'verification code reused' | 'second factor not completed';

export const isLocked = (user: UserRecord, now: number) => user.lockedUntil !== null && user.lockedUntil > now;

export function createLoginFlow(deps: LoginDeps, source: string, onSuccess: (who: Authenticated) => void): LoginFlow {
  const now = deps.now ?? Date.now;
  const { users, audit } = deps.store;
  let done = false;
  /** The last thing that went wrong in this connection, recorded once when it closes. */
  let pendingFailure: { name: string; user?: UserRecord; reason: Reason; key?: string } | undefined;
  /** A valid public key of a TOTP user: the code is still due. */
  let firstFactor: Authenticated | undefined;

  const answer = (fn: () => void) => {
    const delay = deps.delays.delayFor(source, now());
    if (delay <= 0) return fn();
    setTimeout(() => {
      if (!done) fn();
    }, delay).unref();
  };
  const methodsLeft = (): AuthenticationType[] => (firstFactor ? ['keyboard-interactive'] : ['publickey']);
  const refuse = (ctx: AuthContext) => answer(() => ctx.reject(methodsLeft()));

  /** Counts a failure now (against the account and the source) and audits it. */
  const fail = (failure: NonNullable<typeof pendingFailure>) => {
    deps.delays.failed(source, now());
    audit.record({ type: 'login.failure', actor: failure.name.slice(0, 100), data: { source, reason: failure.reason, ...(failure.key && { key: failure.key }) } });
    if (!failure.user || failure.reason === 'locked') return;
    const lockedUntil = users.recordFailure(failure.user.id, deps.policy.maxFailures, deps.policy.lockMs, now());
    if (lockedUntil !== undefined) {
      audit.record({ type: 'login.locked', actor: 'gateway', data: { user: failure.user.name, until: new Date(lockedUntil).toISOString(), failures: deps.policy.maxFailures, source } });
      deps.logger.warn({ user: failure.user.name, until: lockedUntil }, 'account locked after repeated failed logins');
    }
  };

  const succeed = (ctx: AuthContext, who: Authenticated, totp: boolean) => {
    done = true;
    pendingFailure = undefined;
    users.clearFailures(who.user.id);
    audit.record({ type: 'login.success', actor: who.user.name, data: { source, key: who.fingerprint, totp, ...(who.target && { target: `${who.target.login}@${who.target.host}` }) } });
    onSuccess(who);
    ctx.accept();
  };

  /** The account as it is now, or why it may not log in. */
  const usable = (name: string): { user: UserRecord } | { user?: UserRecord; reason: Reason } => {
    const user = users.find(name);
    if (!user) return { reason: 'unknown user' };
    if (user.disabled) return { user, reason: 'disabled' };
    if (isLocked(user, now())) return { user, reason: 'locked' };
    return { user };
  };

  function publickey(ctx: AuthContext & { method: 'publickey' }, name: string, target: Target | undefined) {
    const account = usable(name);
    const key = fingerprintOf(ctx.key.data);
    if ('reason' in account) {
      pendingFailure = { name, user: account.user, reason: account.reason, key };
      return refuse(ctx);
    }
    const { user } = account;
    const match = users.keys(user.id).find((k) => {
      try {
        return parsePublicKey(k.publicKey).key.getPublicSSH().equals(ctx.key.data);
      } catch {
        return false;
      }
    });
    if (!match) {
      pendingFailure = { name, user, reason: 'no matching key', key };
      return refuse(ctx);
    }
    // Without a signature the client only asks whether this key would do: say yes, prove nothing.
    if (!ctx.signature || !ctx.blob) return answer(() => ctx.accept());
    const verified = parsePublicKey(match.publicKey).key.verify(ctx.blob, ctx.signature, ctx.hashAlgo);
    if (verified !== true) {
      pendingFailure = { name, user, reason: 'bad signature', key };
      return refuse(ctx);
    }
    const who: Authenticated = { user, target, fingerprint: match.fingerprint };
    if (!user.totp) return answer(() => succeed(ctx, who, false));
    firstFactor = who;
    pendingFailure = { name, user, reason: 'second factor not completed', key: match.fingerprint };
    answer(() => ctx.reject(['keyboard-interactive'], true));
  }

  function keyboard(ctx: KeyboardAuthContext, name: string) {
    const first = firstFactor;
    if (!first || first.user.name !== name) return refuse(ctx);
    ctx.prompt([{ prompt: TOTP_PROMPT, echo: false }], 'Portcullis', 'Enter the code from your authenticator app.', (answers) => {
      if (done) return;
      const account = usable(name);
      if ('reason' in account) {
        pendingFailure = { name, user: account.user, reason: account.reason, key: first.fingerprint };
        return refuse(ctx);
      }
      const secret = users.totpSecret(account.user.id);
      const code = Array.isArray(answers) ? (answers[0] ?? '') : '';
      const step = secret === undefined ? null : totpStep(secret, code, now());
      // A code is good once: a step not later than the last one used is a replay (e.g. a shoulder-surfed code).
      if (step !== null && users.useTotpStep(account.user.id, step)) return answer(() => succeed(ctx, { ...first, user: account.user }, true));
      // Each wrong code counts at once: a client may try several on one connection.
      fail({ name, user: account.user, reason: step === null ? 'bad verification code' : 'verification code reused', key: first.fingerprint });
      pendingFailure = undefined;
      refuse(ctx);
    });
  }

  return {
    handle(ctx) {
      if (done) return ctx.reject();
      const login = parseLoginName(ctx.username);
      if (ctx.method === 'none' || !login) return refuse(ctx);
      if (ctx.method === 'publickey') return publickey(ctx, login.user, login.target);
      if (ctx.method === 'keyboard-interactive') return keyboard(ctx, login.user);
      pendingFailure ??= { name: login.user, reason: 'no matching key' };
      refuse(ctx);
    },
    closed() {
      if (done) return;
      done = true;
      if (pendingFailure) fail(pendingFailure);
    },
  };
}

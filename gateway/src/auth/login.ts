// One connection's login: public key (ed25519, ecdsa, rsa-sha2-256/512), then, for users with TOTP,
// a code through keyboard-interactive (ssh2: reject(['keyboard-interactive'], true) is "partial
// success"). Unknown, disabled and locked users, malformed names and wrong keys all get the same
// answer: only the audit log says which it was.
//
// Defences (docs/GATEWAY.md, Login): a connection pays one delay (login-delays.ts), decided by its
// first answer: a registered key of the named account waits only for that account's failures from
// this address; anything else also for the address's budget, so a NAT neighbour's failures never
// slow a user whose key is right. A failure reserves its slot at once (parallel attempts queue) and
// counts against the account when its answer is sent; a connection that closes before its delayed
// answer has not failed a guess, it is audited as `closed while delayed`. Each failed connection is
// audited once when it closes, with every key it offered, through the repeat counter.
import type { AuthContext, AuthenticationType, KeyboardAuthContext } from 'ssh2';
import { parseLoginName, type Target } from '../../../shared/contract/target';
import { fingerprintOf, parsePublicKey } from '../../../shared/node/ssh-keys';
import type { AuditRepeats } from '../audit/repeats';
import type { Logger } from '../logger';
import { refusalFacts, refusalText, type LoginRules } from '../rules/login';
import type { LoginRuleRefusal } from '../../../shared/contract/refusal';
import type { Store, UserRecord } from '../store';
import { accountBudget, addressBudget, type LoginDelays } from './login-delays';
import type { LoginPolicy } from './policy';
import { totpStep } from './totp';

export interface Authenticated {
  user: UserRecord;
  /** From a user name like `alice:root@web-01`. */
  target?: Target;
  fingerprint: string;
  /** Set when a login rule refused the login: the connection may do nothing but read why (text for people, facts for the app). */
  refused?: { text: string; facts: LoginRuleRefusal };
}

export interface LoginDeps {
  store: Pick<Store, 'users' | 'audit'>;
  logger: Logger;
  policy: LoginPolicy;
  delays: LoginDelays;
  /** Where login failures are audited, counted with identical ones from the same source. */
  repeats: AuditRepeats;
  /** Login rules (source networks, hours): checked once the user has proved who they are. */
  loginRules?: Pick<LoginRules, 'decide'>;
  now?: () => number;
}

export interface LoginFlow {
  /** Handles one authentication request; answers ctx itself (possibly after the connection's delay). */
  handle(ctx: AuthContext): void;
  /** The connection closed: a login that was tried and not completed is audited once. */
  closed(): void;
}

export const TOTP_PROMPT = 'Verification code: ';
/** The audit reason of a connection that closed while its answer was held back. */
export const CLOSED_WHILE_DELAYED = 'closed while delayed';

type Reason =
  | 'unknown user'
  | 'malformed name'
  | 'disabled'
  | 'locked'
  | 'no matching key'
  | 'bad signature'
  | 'bad verification code'
  | 'verification code reused'
  | 'second factor not completed';

interface Failure {
  name: string;
  user?: UserRecord;
  reason: Reason;
}

export const isLocked = (user: UserRecord, now: number) => user.lockedUntil !== null && user.lockedUntil > now;

export function createLoginFlow(deps: LoginDeps, source: string, onSuccess: (who: Authenticated) => void): LoginFlow {
  const now = deps.now ?? Date.now;
  const { users, audit } = deps.store;
  let done = false;
  /** The last failure of this connection, audited when it closes (unless already audited). */
  let lastFailure: (Failure & { audited?: boolean }) | undefined;
  /** The connection's failure has reserved its delay slot (once per connection). */
  let reserved = false;
  /** The account failure of this connection has been counted (once, plus each wrong code). */
  let counted = false;
  /** Answers before this time wait until it: the connection's one delay. */
  let releaseAt: number | undefined;
  let delayedMs = 0;
  let heldAnswers = 0;
  /** The last name tried, for the audit of a connection that closed while delayed. */
  let lastName = '';
  const offered = new Set<string>();
  /** A valid public key of a TOTP user: the code is still due. */
  let firstFactor: Authenticated | undefined;

  /** Sends `fn`'s answer once the connection's delay (fixed by its first answer) is over. */
  const answer = (wait: number, fn: () => void) => {
    if (releaseAt === undefined) {
      releaseAt = now() + wait;
      delayedMs = wait;
    }
    const ms = releaseAt - now();
    if (ms <= 0) return fn();
    heldAnswers++;
    setTimeout(() => {
      heldAnswers--;
      if (!done) fn();
    }, ms).unref();
  };
  const methodsLeft = (): AuthenticationType[] => (firstFactor ? ['keyboard-interactive'] : ['publickey']);
  const budgetsOf = (failure: Failure, ownKey: boolean) =>
    failure.user ? (ownKey ? [accountBudget(source, failure.user.name)] : [accountBudget(source, failure.user.name), addressBudget(source)]) : [addressBudget(source)];

  /** Counts a failure against the account (it happened: its answer is being sent). */
  const countAgainstAccount = (failure: Failure) => {
    if (!failure.user || failure.reason === 'locked' || failure.reason === 'disabled') return;
    const lockedUntil = users.recordFailure(failure.user.id, deps.policy.maxFailures, deps.policy.lockMs, now());
    if (lockedUntil !== undefined) {
      audit.record({ type: 'login.locked', actor: 'gateway', data: { user: failure.user.name, until: new Date(lockedUntil).toISOString(), failures: deps.policy.maxFailures, source } });
      deps.logger.warn({ user: failure.user.name, until: lockedUntil }, 'account locked after repeated failed logins');
    }
  };
  const auditFailure = (name: string, reason: string) =>
    deps.repeats.record({ type: 'login.failure', actor: name.slice(0, 100), data: { source, reason, keys: [...offered].sort() } }, { source });

  /** Refuses this request: the connection's first failure reserves a slot and counts when answered. */
  const refuse = (ctx: AuthContext, failure: Failure, ownKey = false) => {
    lastFailure = failure;
    const wait = reserved ? 0 : deps.delays.fail(budgetsOf(failure, ownKey), now());
    reserved = true;
    answer(wait, () => {
      if (!counted) countAgainstAccount(failure);
      counted = true;
      ctx.reject(methodsLeft());
    });
  };
  /** Answers a request that is not a failure (a probe for a good key, partial or full success). */
  const grant = (account: string, fn: () => void) => answer(deps.delays.waitFor([accountBudget(source, account)], now()), fn);

  const succeed = (ctx: AuthContext, who: Authenticated, totp: boolean) => {
    done = true;
    lastFailure = undefined;
    users.clearFailures(who.user.id);
    deps.delays.forgive(accountBudget(source, who.user.name));
    const rules = deps.loginRules?.decide(who.user.name, source, now());
    if (rules && !rules.allowed) {
      // Not a guess: the key (and code) were right. The user is told why on the connection
      // (ssh/login-refusal.ts); the audit row names the rule.
      deps.repeats.record(
        { type: 'login.refused', actor: who.user.name, data: { source, key: who.fingerprint, cause: rules.cause, rule: rules.rule, rules: rules.rules } },
        { source },
      );
      onSuccess({ ...who, refused: { text: refusalText(rules), facts: refusalFacts(rules) } });
      return ctx.accept();
    }
    audit.record({
      type: 'login.success',
      actor: who.user.name,
      data: { source, key: who.fingerprint, totp, ...(who.target && { target: `${who.target.login}@${who.target.host}` }), ...(delayedMs > 0 && { delayedMs }) },
    });
    onSuccess(who);
    ctx.accept();
  };

  /** The account as it is now, or why it may not log in. */
  const usable = (name: string): { user: UserRecord } | Failure => {
    const user = users.find(name);
    if (!user) return { name, reason: 'unknown user' };
    if (user.disabled) return { name, user, reason: 'disabled' };
    if (isLocked(user, now())) return { name, user, reason: 'locked' };
    return { user };
  };

  /** Why the account may not log in, or `reason` when it could have. */
  const failureOf = (name: string, reason: Reason): Failure => {
    const account = usable(name);
    return 'reason' in account ? account : { name, user: account.user, reason };
  };

  function publickey(ctx: AuthContext & { method: 'publickey' }, name: string, target: Target | undefined) {
    offered.add(fingerprintOf(ctx.key.data));
    const account = usable(name);
    if ('reason' in account) return refuse(ctx, account);
    const { user } = account;
    const match = users.keys(user.id).find((k) => {
      try {
        return parsePublicKey(k.publicKey).key.getPublicSSH().equals(ctx.key.data);
      } catch {
        return false;
      }
    });
    if (!match) return refuse(ctx, { name, user, reason: 'no matching key' });
    // Without a signature the client only asks whether this key would do: say yes, prove nothing.
    if (!ctx.signature || !ctx.blob) return grant(name, () => ctx.accept());
    const verified = parsePublicKey(match.publicKey).key.verify(ctx.blob, ctx.signature, ctx.hashAlgo);
    if (verified !== true) return refuse(ctx, { name, user, reason: 'bad signature' });
    const who: Authenticated = { user, target, fingerprint: match.fingerprint };
    if (!user.totp) return grant(name, () => succeed(ctx, who, false));
    firstFactor = who;
    lastFailure = { name, user, reason: 'second factor not completed' };
    grant(name, () => ctx.reject(['keyboard-interactive'], true));
  }

  function keyboard(ctx: KeyboardAuthContext, name: string) {
    const first = firstFactor;
    if (!first || first.user.name !== name) return refuse(ctx, failureOf(name, 'no matching key'));
    ctx.prompt([{ prompt: TOTP_PROMPT, echo: false }], 'Portcullis', 'Enter the code from your authenticator app.', (answers) => {
      if (done) return;
      const account = usable(name);
      if ('reason' in account) return refuse(ctx, account, true);
      const secret = users.totpSecret(account.user.id);
      const code = Array.isArray(answers) ? (answers[0] ?? '') : '';
      const step = secret === undefined ? null : totpStep(secret, code, now());
      // A code is good once: a step not later than the last one used is a replay (e.g. a shoulder-surfed code).
      if (step !== null && users.useTotpStep(account.user.id, step)) return grant(name, () => succeed(ctx, { ...first, user: account.user }, true));
      // Each wrong code counts and is audited at once: a client may try several on one connection.
      const failure: Failure = { name, user: account.user, reason: step === null ? 'bad verification code' : 'verification code reused' };
      deps.delays.fail([accountBudget(source, name)], now());
      countAgainstAccount(failure);
      counted = true;
      auditFailure(name, failure.reason);
      lastFailure = { ...failure, audited: true };
      ctx.reject(methodsLeft());
    });
  }

  return {
    handle(ctx) {
      if (done) return ctx.reject();
      // Clients start with "none" to learn the methods: nothing is tried, nothing is delayed.
      if (ctx.method === 'none') return ctx.reject(methodsLeft());
      lastName = ctx.username;
      const login = parseLoginName(ctx.username);
      if (!login) {
        if (ctx.method === 'publickey') offered.add(fingerprintOf(ctx.key.data));
        return refuse(ctx, { name: ctx.username, reason: 'malformed name' });
      }
      if (ctx.method === 'publickey') return publickey(ctx, login.user, login.target);
      if (ctx.method === 'keyboard-interactive') return keyboard(ctx, login.user);
      refuse(ctx, failureOf(login.user, 'no matching key'));
    },
    closed() {
      if (done) return;
      done = true;
      if (heldAnswers > 0) return auditFailure(lastFailure?.name ?? lastName, CLOSED_WHILE_DELAYED);
      if (!lastFailure || lastFailure.audited) return;
      // A valid key that never gave its code: the failure happens now, as the user gives up.
      if (!counted && lastFailure.reason === 'second factor not completed') countAgainstAccount(lastFailure);
      auditFailure(lastFailure.name, lastFailure.reason);
    },
  };
}

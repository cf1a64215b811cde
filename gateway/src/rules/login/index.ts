// Login rules at work: the decision for a login (its user's rules, own and through groups, against
// the source address and the clock), and the check the liveness loop runs for each live
// connection, so a window that closes warns and then cuts, and a rule added or removed counts for
// connections already open (docs/GATEWAY.md, "Login rules").
import type { Store } from '../../store';
import type { EndedBy } from '../../sessions/end-cause';
import { parseCidr } from './cidr';
import { decideLogin, type LoginRulePolicy, type LoginRuleVerdict } from './policy';
import { createLoginRuleRepo } from './repo';
import { parseDays, parseHours } from './window';
import type { LoginRule } from '../../../../shared/contract/gateway-api/login-rules';

export interface LoginRules {
  /** The verdict for `user` logging in from `source` at `now`. */
  decide(user: string, source: string, now?: number): LoginRuleVerdict;
  /** A liveness check for one live connection of `user` from `source`. */
  connectionCheck(user: string, source: string): (now: number) => { ok: true; until: number | null } | { ok: false; reason: string; endedBy: EndedBy };
}

/** A stored rule (canonical texts) as the policy reads it. */
export const policyOf = (rule: LoginRule): LoginRulePolicy => ({
  id: rule.id,
  cidrs: rule.cidrs.map(parseCidr),
  window: { days: parseDays(rule.days), hours: rule.hours === null ? null : parseHours(rule.hours), timeZone: rule.timeZone },
});

/** What a connection cut by a rule reads (the check's reason). */
export const cutReason = (cause: 'source_not_allowed' | 'outside_window', rule: number) =>
  cause === 'outside_window' ? `the login rules' hours are over (rule ${rule})` : `the login rules no longer allow your address (rule ${rule})`;

/** `clock`: the wall clock rules are read against (tests move it); ends it reports are moved back onto the caller's clock. */
export function createLoginRules(store: Pick<Store, 'db' | 'users'>, clock?: () => number): LoginRules {
  const repo = createLoginRuleRepo(store.db);
  const decideAt = (user: string, source: string, now: number): LoginRuleVerdict => {
    const record = store.users.find(user);
    // An unknown user logs in nowhere anyway; the account check ends such a connection.
    return decideLogin(record ? repo.ofUser(record.id).map(policyOf) : [], source, now);
  };
  const decide = (user: string, source: string, now = Date.now()): LoginRuleVerdict => {
    const t = clock?.() ?? now;
    const verdict = decideAt(user, source, t);
    if (verdict.allowed) return verdict.until !== null ? { ...verdict, until: verdict.until - t + now } : verdict;
    return verdict.opensAt !== undefined ? { ...verdict, opensAt: verdict.opensAt - t + now } : verdict;
  };
  return {
    decide,
    connectionCheck: (user, source) => (now) => {
      const verdict = decide(user, source, now);
      return verdict.allowed ? { ok: true, until: verdict.until } : { ok: false, reason: cutReason(verdict.cause, verdict.rule), endedBy: 'login-rule' };
    },
  };
}

export { createLoginRuleAdmin, type LoginRuleAdmin } from './admin';
export { refusalFacts, refusalText, type LoginRuleVerdict } from './policy';

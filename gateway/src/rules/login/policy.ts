// The login rule decision (pure). A user with no rule (own or through a group) logs in from
// anywhere at any time: rules narrow, grants still decide what can be reached. With rules, a login
// is allowed when any one of them matches both the source address and the time.
import { cidrContains, type Cidr } from './cidr';
import { nextOpening, openUntil, type LoginWindow } from './window';
import type { LoginRuleCause, LoginRuleRefusal } from '../../../../shared/contract/refusal';

export interface LoginRulePolicy {
  id: number;
  /** Empty: any source. */
  cidrs: readonly Cidr[];
  window: LoginWindow;
}

export type { LoginRuleCause };

export type LoginRuleVerdict =
  | { allowed: true; /** When the allowing stretch closes (null: never; no rules: never). */ until: number | null }
  | { allowed: false; cause: LoginRuleCause; /** The rule that refused: the first that applies (for outside_window: the first whose source matched). */ rule: number; /** Every rule that applies. */ rules: number[]; /** outside_window: when one of the source's rules opens next. */ opensAt?: number };

export const sourceMatches = (rule: LoginRulePolicy, source: string) => rule.cidrs.length === 0 || rule.cidrs.some((c) => cidrContains(c, source));

export function decideLogin(rules: readonly LoginRulePolicy[], source: string, now: number): LoginRuleVerdict {
  if (rules.length === 0) return { allowed: true, until: null };
  const ids = rules.map((r) => r.id);
  const fromSource = rules.filter((r) => sourceMatches(r, source));
  if (fromSource.length === 0) return { allowed: false, cause: 'source_not_allowed', rule: ids[0]!, rules: ids };
  const open = openUntil(fromSource.map((r) => r.window), now);
  if (!open.open) {
    const opensAt = nextOpening(fromSource.map((r) => r.window), now);
    return { allowed: false, cause: 'outside_window', rule: fromSource[0]!.id, rules: ids, ...(opensAt !== null && { opensAt }) };
  }
  return { allowed: true, until: open.until };
}

/** What the user reads when refused (no rule detail beyond its id: the admin has the audit row). */
export const refusalText = (verdict: Extract<LoginRuleVerdict, { allowed: false }>) =>
  verdict.cause === 'source_not_allowed'
    ? `login refused: your address is not allowed by the login rules (rule ${verdict.rule})`
    : `login refused: outside the hours the login rules allow (rule ${verdict.rule})`;

/** The facts the desktop client words itself (the refusal marker, shared/contract/refusal.ts). */
export const refusalFacts = (verdict: Extract<LoginRuleVerdict, { allowed: false }>): LoginRuleRefusal => ({
  cause: verdict.cause,
  rule: verdict.rule,
  ...(verdict.opensAt !== undefined && { opensAt: verdict.opensAt }),
});

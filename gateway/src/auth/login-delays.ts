// Growing delays for failed logins, kept per "budget": one per (address, account) and one per
// address for everything that is not a registered key of the named account (unknown accounts,
// malformed names, wrong keys). A connection pays one delay; a failure reserves the next slot of
// its budgets at once, so parallel attempts queue behind each other exactly as sequential ones
// would: after n failures in a budget the next failing connection waits 0, base, 2·base, 4·base …
// (capped) after the previous one's answer. In memory: a restart forgets, which is fine (the
// account lockout is in the database).
import type { LoginPolicy } from './policy';

export type DelayPolicy = Pick<LoginPolicy, 'sourceDelayBaseMs' | 'sourceDelayMaxMs' | 'sourceForgetMs'>;

export interface LoginDelays {
  /** Reserves the next slot of each budget for a failure; returns how long to hold its answer, ms. */
  fail(budgets: string[], now?: number): number;
  /** How long an answer that is not a failure waits for these budgets' next free slot, ms. */
  waitFor(budgets: string[], now?: number): number;
  /** Forgets a budget's failures (the account's own key logged in from that address). */
  forgive(budget: string): void;
}

/** Failures against one account from one address. */
export const accountBudget = (address: string, account: string) => `${address}\0${account}`;
/** Every attempt from an address that did not offer a registered key of the account it named. */
export const addressBudget = (address: string) => address;

const MAX_BUDGETS = 100_000;

/** Delay after the n-th failure in a budget (n ≥ 1): base, 2·base, 4·base … capped. */
export function delayAfter(failures: number, policy: DelayPolicy): number {
  if (failures <= 0 || policy.sourceDelayBaseMs <= 0) return 0;
  return Math.min(policy.sourceDelayMaxMs, policy.sourceDelayBaseMs * 2 ** Math.min(failures - 1, 30));
}

export function createLoginDelays(policy: DelayPolicy): LoginDelays {
  /** failures: counted so far; freeAt: when the next failing attempt may be answered. */
  const budgets = new Map<string, { failures: number; freeAt: number }>();
  const current = (name: string, now: number) => {
    const entry = budgets.get(name);
    if (entry && now - entry.freeAt > policy.sourceForgetMs) {
      budgets.delete(name);
      return undefined;
    }
    return entry;
  };
  const waitFor = (names: string[], now: number) => Math.max(0, ...names.map((name) => (current(name, now)?.freeAt ?? now) - now));
  return {
    waitFor: (names, now = Date.now()) => waitFor(names, now),
    fail(names, now = Date.now()) {
      const wait = waitFor(names, now);
      const slot = now + wait;
      for (const name of names) {
        const entry = current(name, now) ?? { failures: 0, freeAt: slot };
        entry.failures++;
        entry.freeAt = slot + delayAfter(entry.failures, policy);
        budgets.set(name, entry);
      }
      // Bound the memory a spray of addresses can take: drop the oldest entries.
      if (budgets.size > MAX_BUDGETS) for (const name of [...budgets.keys()].slice(0, MAX_BUDGETS / 10)) budgets.delete(name);
      return wait;
    },
    forgive(name) {
      budgets.delete(name);
    },
  };
}

// Growing delays per source address: after n failures from an address, each authentication answer
// to it (accept or reject alike, so timing tells nothing) waits 0, base, 2·base, 4·base … ms
// (capped): guessing from one address slows down exponentially, one slip costs nothing.
// In memory: a restart forgets, which is fine (the account lockout is in the database).
import type { LoginPolicy } from './policy';

export interface SourceDelays {
  /** How long to hold the next answer to this address, ms. */
  delayFor(address: string, now?: number): number;
  failed(address: string, now?: number): void;
}

export function createSourceDelays(policy: Pick<LoginPolicy, 'sourceDelayBaseMs' | 'sourceDelayMaxMs' | 'sourceForgetMs'>): SourceDelays {
  const failures = new Map<string, { count: number; last: number }>();
  const current = (address: string, now: number) => {
    const entry = failures.get(address);
    if (entry && now - entry.last > policy.sourceForgetMs) {
      failures.delete(address);
      return undefined;
    }
    return entry;
  };
  return {
    delayFor(address, now = Date.now()) {
      const entry = current(address, now);
      if (!entry || entry.count < 2 || policy.sourceDelayBaseMs <= 0) return 0;
      return Math.min(policy.sourceDelayMaxMs, policy.sourceDelayBaseMs * 2 ** Math.min(entry.count - 2, 30));
    },
    failed(address, now = Date.now()) {
      const entry = current(address, now) ?? { count: 0, last: now };
      entry.count++;
      entry.last = now;
      failures.set(address, entry);
      // Bound the memory a spray of addresses can take: drop the oldest entries.
      if (failures.size > 100_000) for (const key of [...failures.keys()].slice(0, 10_000)) failures.delete(key);
    },
  };
}

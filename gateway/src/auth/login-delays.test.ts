import { describe, expect, it } from 'vitest';
import { accountBudget, addressBudget, createLoginDelays } from './login-delays';

const policy = { sourceDelayBaseMs: 1000, sourceDelayMaxMs: 4000, sourceForgetMs: 60_000 };

describe('login delays', () => {
  it('sequential failures wait 0, base, 2·base, 4·base … after the previous answer, capped', () => {
    const delays = createLoginDelays(policy);
    let now = 0;
    const waits = [1, 2, 3, 4, 5, 6].map(() => {
      const wait = delays.fail(['a'], now);
      now += wait; // the next attempt comes right after this answer
      return wait;
    });
    expect(waits).toEqual([0, 1000, 2000, 4000, 4000, 4000]);
    expect(delays.waitFor(['a'], now + 60_000 + 4001)).toBe(0); // forgotten
    expect(delays.fail(['a'], now + 60_000 + 4001)).toBe(0);
  });

  it('parallel failures share the budget: each is answered when it would have been in sequence', () => {
    const delays = createLoginDelays(policy);
    expect([1, 2, 3, 4].map(() => delays.fail(['a'], 0))).toEqual([0, 1000, 3000, 7000]);
  });

  it("another account's failures from the same address never delay an account's own budget", () => {
    const delays = createLoginDelays(policy);
    for (let i = 0; i < 5; i++) delays.fail([accountBudget('10.0.0.1', 'bob'), addressBudget('10.0.0.1')], 0);
    for (let i = 0; i < 5; i++) delays.fail([addressBudget('10.0.0.1')], 0);
    expect(delays.waitFor([accountBudget('10.0.0.1', 'alice')], 0)).toBe(0);
    expect(delays.waitFor([accountBudget('10.0.0.1', 'alice'), addressBudget('10.0.0.1')], 0)).toBeGreaterThan(0);
    expect(delays.waitFor([accountBudget('10.0.0.1', 'bob')], 0)).toBeGreaterThan(0);
    delays.forgive(accountBudget('10.0.0.1', 'bob'));
    expect(delays.waitFor([accountBudget('10.0.0.1', 'bob')], 0)).toBe(0);
  });

  it('a zero base delay turns delays off', () => {
    const delays = createLoginDelays({ ...policy, sourceDelayBaseMs: 0 });
    expect([1, 2, 3].map(() => delays.fail(['a'], 0))).toEqual([0, 0, 0]);
  });
});

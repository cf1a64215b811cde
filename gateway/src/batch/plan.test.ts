import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupResults, groupsNotInCanary, parseAmount, parseSerial, PlanError, thresholdPassed, thresholdReached, waveSizes, type Amount, type FailurePolicy } from './plan';

const amount: fc.Arbitrary<Amount> = fc.oneof(fc.integer({ min: 1, max: 50 }).map((count) => ({ count })), fc.integer({ min: 1, max: 100 }).map((percent) => ({ percent })));

describe('serial and waves', () => {
  it('parses counts and percentages, and refuses the rest with the setting named', () => {
    expect(parseSerial('1, 5,20%')).toEqual([{ count: 1 }, { count: 5 }, { percent: 20 }]);
    expect(() => parseSerial('1,0')).toThrow(PlanError);
    expect(() => parseSerial('1,x')).toThrow('serial: "x" is not a count (5) or a percentage (20%)');
    expect(() => parseAmount('150%', 'max-fail')).toThrow('max-fail: a percentage must be 1% to 100%');
  });

  it('cuts hosts as Ansible does: each value in turn, the last repeated, the last wave takes the rest', () => {
    expect(waveSizes(100, parseSerial('1,5,20%'))).toEqual([1, 5, 20, 20, 20, 20, 14]);
    expect(waveSizes(3, parseSerial('10%'))).toEqual([1, 1, 1]);
    expect(waveSizes(7, [])).toEqual([7]);
    expect(waveSizes(0, parseSerial('1'))).toEqual([]);
  });

  it('every host is in exactly one wave, and each wave is as large as its serial value allows', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), fc.array(amount, { maxLength: 6 }), (total, serial) => {
        const sizes = waveSizes(total, serial);
        expect(sizes.reduce((a, b) => a + b, 0)).toBe(total);
        expect(sizes.every((s) => s >= 1)).toBe(true);
        sizes.slice(0, -1).forEach((size, i) => {
          const a = serial[Math.min(i, serial.length - 1)]!;
          expect(size).toBe('count' in a ? a.count : Math.max(1, Math.floor((total * a.percent) / 100)));
        });
      }),
    );
  });
});

describe('thresholds', () => {
  it('passes on more than the count or more than the percentage', () => {
    expect(thresholdPassed({ count: 0 }, 1, 10)).toBe(true);
    expect(thresholdPassed({ count: 2 }, 2, 10)).toBe(false);
    expect(thresholdPassed({ percent: 20 }, 2, 10)).toBe(false);
    expect(thresholdPassed({ percent: 20 }, 3, 10)).toBe(true);
    expect(thresholdPassed(undefined, 10, 10)).toBe(false);
  });

  it('once passed, stays passed as failures grow', () => {
    fc.assert(
      fc.property(amount, fc.integer({ min: 1, max: 1000 }), fc.nat(1000), fc.nat(1000), (t, total, a, b) => {
        const [lo, hi] = [Math.min(a, b, total), Math.min(Math.max(a, b), total)];
        if (thresholdPassed(t, lo, total)) expect(thresholdPassed(t, hi, total)).toBe(true);
      }),
    );
  });

  const counts = { failed: 0, unreachable: 0, total: 10, waveFailed: 0, waveUnreachable: 0, waveTotal: 5 };
  it('counts unreachable hosts as the policy says', () => {
    const policy = (unreachable: FailurePolicy['unreachable']): FailurePolicy => ({ maxFail: { count: 1 }, unreachable });
    const two = { ...counts, unreachable: 2, waveUnreachable: 2 };
    expect(thresholdReached(policy({ kind: 'failure' }), two)).toBe('threshold');
    expect(thresholdReached(policy({ kind: 'ignore' }), two)).toBeUndefined();
    expect(thresholdReached(policy({ kind: 'threshold', threshold: { count: 1 } }), two)).toBe('unreachable_threshold');
    expect(thresholdReached(policy({ kind: 'threshold', threshold: { count: 2 } }), two)).toBeUndefined();
  });

  it('checks the wave threshold against the wave alone', () => {
    const policy: FailurePolicy = { waveMaxFail: { percent: 40 }, unreachable: { kind: 'failure' } };
    expect(thresholdReached(policy, { ...counts, failed: 3, waveFailed: 2 })).toBeUndefined();
    expect(thresholdReached(policy, { ...counts, failed: 3, waveFailed: 3 })).toBe('wave_threshold');
  });
});

describe('result groups and the canary diff', () => {
  const r = (host: string, exitCode: number | null, outputHash: string) => ({ host, exitCode, outputHash });

  it('folds hosts with the same exit code and output, largest group first', () => {
    const groups = groupResults([r('a', 0, 'x'), r('b', 1, 'x'), r('c', 0, 'x'), r('d', 0, 'y')]);
    expect(groups.map((g) => g.hosts)).toEqual([['a', 'c'], ['b'], ['d']]);
  });

  it('groups partition the hosts', () => {
    const result = fc.record({ host: fc.uuid(), exitCode: fc.option(fc.integer({ min: 0, max: 3 })), outputHash: fc.constantFrom('h1', 'h2', 'h3') });
    fc.assert(
      fc.property(fc.uniqueArray(result, { selector: (x) => x.host, maxLength: 60 }), (results) => {
        const groups = groupResults(results);
        expect(groups.flatMap((g) => g.hosts).sort()).toEqual(results.map((x) => x.host).sort());
        for (const g of groups) expect(new Set(g.hosts.map((h) => results.find((x) => x.host === h)!.exitCode)).size).toBe(1);
      }),
    );
  });

  it('names the groups a wave produced that the canary did not', () => {
    const canary = [r('a', 0, 'x')];
    expect(groupsNotInCanary(canary, [r('b', 0, 'x'), r('c', 0, 'x')])).toEqual([]);
    expect(groupsNotInCanary(canary, [r('b', 0, 'x'), r('c', 0, 'z'), r('d', 2, 'x')])).toEqual(['0:z', '2:x']);
  });
});

// The slow start of a batch job: one run first, one more for each run that reaches its host (or
// ends), doubling with time alone when hosts do not answer, never past the job's parallel.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextWidening, Ramp, RAMP_DOUBLING_MS, rampWidth } from './ramp';

describe('the batch ramp', () => {
  it('starts one run, and widens by one for each run that opened, up to parallel', () => {
    expect([0, 1, 2, 3, 10, 49, 50, 200].map((opened) => rampWidth(50, opened, 0))).toEqual([1, 2, 3, 4, 11, 50, 50, 50]);
  });

  it('doubles with time alone when no run opens (hosts that never answer cannot hold it narrow)', () => {
    const widths = [0, 1, 2, 3, 4, 5, 6, 7].map((n) => rampWidth(50, 0, n * RAMP_DOUBLING_MS + RAMP_DOUBLING_MS / 2));
    expect(widths).toEqual([1, 2, 4, 8, 16, 32, 50, 50]);
    expect(rampWidth(50, 0, 1e12)).toBe(50);
  });

  it('never goes past parallel nor below one, and never narrows as runs open or time passes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.nat(2000), fc.nat(60_000), fc.nat(50), fc.nat(5000), (limit, opened, elapsed, more, later) => {
        const w = rampWidth(limit, opened, elapsed);
        expect(w).toBeGreaterThanOrEqual(1);
        expect(w).toBeLessThanOrEqual(limit);
        expect(rampWidth(limit, opened + more, elapsed + later)).toBeGreaterThanOrEqual(w);
      }),
    );
  });

  it('says when time alone widens it next, and nothing once it is full', () => {
    expect(nextWidening(50, 0, 0)).toBe(RAMP_DOUBLING_MS);
    expect(nextWidening(50, 0, 2.5 * RAMP_DOUBLING_MS)).toBe(3 * RAMP_DOUBLING_MS);
    expect(nextWidening(50, 49, 0)).toBeUndefined();
    expect(nextWidening(1, 0, 0)).toBeUndefined();
  });

  it('starts its clock at the first dispatch and counts runs as they open', () => {
    let now = 5000;
    const ramp = new Ramp(20, () => now);
    now += 10 * RAMP_DOUBLING_MS; // a job created long before it dispatches starts narrow all the same
    expect(ramp.width()).toBe(1);
    expect(ramp.msToWidening()).toBe(RAMP_DOUBLING_MS);
    ramp.open();
    ramp.open();
    expect(ramp.width()).toBe(3);
    now += RAMP_DOUBLING_MS / 4;
    expect(ramp.msToWidening()).toBe((3 * RAMP_DOUBLING_MS) / 4);
  });
});

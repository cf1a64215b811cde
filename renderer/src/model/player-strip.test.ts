import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { valueNearest } from '../../../shared/contract/metrics-units';
import { cursorFraction, posAtFraction, type StripScale } from './player-strip';

// A 60 s session that started 0.4 s into the window's first second (the gateway's window is whole seconds).
const scale: StripScale = { startedAt: 1_000_400, start: 1_000_000, end: 1_061_000, duration: 60 };

describe('the strip cursor and the playhead', () => {
  it('puts the cursor where the playhead\'s time is on the axis', () => {
    expect(cursorFraction(0, scale)).toBeCloseTo(400 / 61_000, 9);
    expect(cursorFraction(30, scale)).toBeCloseTo(30_400 / 61_000, 9);
    expect(cursorFraction(60, scale)).toBeCloseTo(60_400 / 61_000, 9);
    // Past the recording's end (or a stale position): at the edge, never off the strip.
    expect(cursorFraction(999, scale)).toBe(1);
    expect(cursorFraction(-5, { ...scale, startedAt: scale.start })).toBe(0);
    expect(cursorFraction(10, { ...scale, end: scale.start })).toBe(0);
  });

  it('seeks to the time under the pointer, within the recording', () => {
    expect(posAtFraction(0.5, scale)).toBeCloseTo(30.1, 9);
    expect(posAtFraction(0, scale)).toBe(0); // before the session's start: its start
    expect(posAtFraction(1, scale)).toBe(60); // after the recording's end: its end
    expect(posAtFraction(-3, scale)).toBe(0);
  });

  it('a seek from the strip puts the cursor back under the pointer (strip → player → strip)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4e12 }), fc.integer({ min: 0, max: 999 }), fc.integer({ min: 1, max: 7 * 86_400 }), fc.double({ min: 0, max: 1, noNaN: true }), (start, offset, seconds, f) => {
        const s: StripScale = { startedAt: start + offset, start, end: start + offset + seconds * 1000, duration: seconds };
        const pos = posAtFraction(f, s);
        expect(pos).toBeGreaterThanOrEqual(0);
        expect(pos).toBeLessThanOrEqual(seconds);
        // The pointer over the part of the axis the recording covers: the cursor lands under it.
        if (f >= cursorFraction(0, s)) expect(cursorFraction(pos, s)).toBeCloseTo(f, 6);
      }),
    );
  });

  it('reads the value nearest a time (the strip\'s figures at the cursor, a batch host\'s at its run end)', () => {
    expect(valueNearest([[1000, 5], [2000, 7]], 1400)).toBe(5);
    expect(valueNearest([[1000, 5], [2000, 7]], 1600)).toBe(7);
    expect(valueNearest([[1000, 5], [2000, 7]], 99_999)).toBe(7);
    expect(valueNearest([], 1)).toBeUndefined();
  });
});

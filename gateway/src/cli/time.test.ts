import { describe, expect, it } from 'vitest';
import { parseDuration, parseTime } from './time';

describe('cli time parsing', () => {
  it('durations', () => {
    expect(parseDuration('30m')).toBe(1_800_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('7d')).toBe(604_800_000);
    for (const bad of ['', '10', 'h', '1x', '0m', '-1h']) expect(() => parseDuration(bad)).toThrow(/invalid duration/);
  });
  it('times', () => {
    expect(parseTime('now', 42)).toBe(42);
    expect(parseTime('2026-01-31T18:00:00Z')).toBe(Date.UTC(2026, 0, 31, 18));
    expect(parseTime('1767225600000')).toBe(1767225600000);
    expect(() => parseTime('tomorrow')).toThrow(/invalid time/);
  });
});

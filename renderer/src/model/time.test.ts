import { describe, expect, it } from 'vitest';
import type { Host } from '../../../shared/contract/inventory';
import { absoluteTime, describeAccessEnd, nearestExpiry, relativeTime } from './time';

const NOW = new Date(2026, 10, 21, 12, 0).getTime();
const H = 3_600_000;

describe('time', () => {
  it('says relative times as people do', () => {
    expect(relativeTime(NOW + 3 * H + 5, NOW)).toBe('in 3 h');
    expect(relativeTime(NOW + 26 * H, NOW)).toBe('in 1 d');
    expect(relativeTime(NOW + 90_000, NOW)).toBe('in 1 min');
    expect(relativeTime(NOW + 10_000, NOW)).toBe('in less than a minute');
    expect(relativeTime(NOW - 2 * H, NOW)).toBe('2 h ago');
    expect(absoluteTime(NOW + H)).toBe('2026-11-21 13:00');
  });

  it('describes access ends, including never and unknown', () => {
    expect(describeAccessEnd(NOW + 2 * H, NOW)).toBe('ends in 2 h (2026-11-21 14:00)');
    expect(describeAccessEnd(NOW - 2 * H, NOW)).toBe('ended 2 h ago (2026-11-21 10:00)');
    expect(describeAccessEnd(null, NOW)).toBe('no end date');
    expect(describeAccessEnd(undefined, NOW)).toBe('unknown');
  });

  it('finds the nearest future expiry', () => {
    const h = (name: string, accessUntil: number | null | undefined): Host => ({ name, address: '', nodes: [], tags: {}, logins: [], accessUntil });
    expect(nearestExpiry([h('a', NOW + 5 * H), h('b', NOW + H), h('c', null), h('d', NOW - H), h('e', undefined)], NOW)).toEqual({ host: 'b', at: NOW + H });
    expect(nearestExpiry([h('c', null)], NOW)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import type { Host } from '../../../shared/contract/inventory';
import { testLocale } from './locale-testing';
import { absoluteTime, describeAccessEnd, nearestExpiry, relativeTime } from './time';

const EN = testLocale('en');
const ZH = testLocale('zh-CN');

const NOW = new Date(2026, 10, 21, 12, 0).getTime();
const H = 3_600_000;
const h = (name: string, accessUntil: number | null | undefined): Host => ({ name, address: '', nodes: [], tags: {}, logins: [], accessUntil });

describe('time', () => {
  it('says relative times as people do', () => {
    expect(relativeTime(NOW + 3 * H + 5, NOW, EN)).toBe('in 3 hours');
    expect(relativeTime(NOW + 26 * H, NOW, EN)).toBe('in 1 day');
    expect(relativeTime(NOW + 90_000, NOW, EN)).toBe('in 1 minute');
    expect(relativeTime(NOW + 10_000, NOW, EN)).toBe('in less than a minute');
    expect(relativeTime(NOW - 2 * H, NOW, EN)).toBe('2 hours ago');
    expect(absoluteTime(NOW + H, 'en')).toBe('Nov 21, 2026, 1:00 PM');
  });

  it('says them in Simplified Chinese, formatted by Intl for the language', () => {
    expect(relativeTime(NOW + 3 * H + 5, NOW, ZH)).toBe('3小时后');
    expect(relativeTime(NOW - 2 * H, NOW, ZH)).toBe('2小时前');
    expect(absoluteTime(NOW + H, 'zh-CN')).toBe('2026年11月21日 13:00');
    expect(describeAccessEnd(NOW + 2 * H, NOW, ZH)).toBe('2小时后到期（2026年11月21日 14:00）');
    expect(describeAccessEnd(null, NOW, ZH)).toBe('长期有效');
  });

  it('describes access ends, including never and unknown', () => {
    expect(describeAccessEnd(NOW + 2 * H, NOW, EN)).toBe('ends in 2 hours (Nov 21, 2026, 2:00 PM)');
    expect(describeAccessEnd(NOW - 2 * H, NOW, EN)).toBe('ended 2 hours ago (Nov 21, 2026, 10:00 AM)');
    expect(describeAccessEnd(null, NOW, EN)).toBe('no end date');
    expect(describeAccessEnd(undefined, NOW, EN)).toBe('unknown');
  });

  it('finds the nearest future expiry', () => {
    expect(nearestExpiry([h('a', NOW + 5 * H), h('b', NOW + H), h('c', null), h('d', NOW - H), h('e', undefined)], NOW)).toEqual({ host: 'b', at: NOW + H, all: false });
    expect(nearestExpiry([h('c', null)], NOW)).toBeNull();
  });

  it('says when every grant ends at the same moment, and not when one never ends', () => {
    expect(nearestExpiry([h('a', NOW + H), h('b', NOW + H)], NOW)).toEqual({ host: 'a', at: NOW + H, all: true });
    expect(nearestExpiry([h('a', NOW + H), h('b', NOW + H), h('c', null)], NOW)).toMatchObject({ all: false });
    expect(nearestExpiry([h('a', NOW + H)], NOW)).toMatchObject({ host: 'a', all: false });
  });
});

import { describe, expect, it } from 'vitest';
import type { HealthLevel } from '../../../shared/contract/host-health';
import { groupsHealth, hostsOnScreen, isWithin, type ScreenRow } from './tree-health';

const g = (...path: string[]): ScreenRow => ({ kind: 'group', key: JSON.stringify(path) });
const h = (host: string, ...path: string[]): ScreenRow => ({ kind: 'host', key: `${JSON.stringify(path)}\u0000${host}`, host });

describe('tree health on screen', () => {
  it('watches each host on screen once, at most 500', () => {
    expect(hostsOnScreen([g('a'), h('web-01', 'a'), h('web-02', 'a'), g('b'), h('web-01', 'b')])).toEqual(['web-01', 'web-02']);
    expect(hostsOnScreen(Array.from({ length: 600 }, (_, i) => h(`h${i}`, 'a')))).toHaveLength(500);
  });

  it('knows a node\'s descendants by path, not by a prefix of a name', () => {
    expect(isWithin('["a","b"]', '["a"]')).toBe(true);
    expect(isWithin('["a"]', '["a"]')).toBe(true);
    expect(isWithin('["ab"]', '["a"]')).toBe(false);
    expect(isWithin('["a"]', '["a","b"]')).toBe(false);
  });

  it('gives each node the worst known level of the hosts on screen below it', () => {
    const levels: Record<string, HealthLevel> = { 'web-01': 'ok', 'web-02': 'critical', 'db-01': 'warn', 'db-02': 'unknown' };
    const rows = [g('shop'), g('shop', 'web'), h('web-01', 'shop', 'web'), h('web-02', 'shop', 'web'), g('shop', 'db'), h('db-01', 'shop', 'db'), h('db-02', 'shop', 'db'), g('shopping'), h('db-02', 'shopping'), g('empty')];
    const groups = groupsHealth(rows, (host) => levels[host] ?? 'unknown');
    expect(groups.get('["shop"]')).toEqual({ level: 'critical', known: 3 });
    expect(groups.get('["shop","web"]')).toEqual({ level: 'critical', known: 2 });
    expect(groups.get('["shop","db"]')).toEqual({ level: 'warn', known: 1 });
    // Only unknown hosts (or none on screen): nothing to show.
    expect(groups.get('["shopping"]')).toEqual({ level: 'unknown', known: 0 });
    expect(groups.get('["empty"]')).toEqual({ level: 'unknown', known: 0 });
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { confirmationText, needsConfirmation, receivers, toggleAll, togglePane, type BroadcastPane } from './broadcast';

const pane = (id: string, host: string, live = true): BroadcastPane => ({ id, host, live });
const tab = [pane('a', 'web-01'), pane('b', 'web-02'), pane('c', 'cache-01', false)];
const tags: Record<string, Record<string, string>> = { 'web-01': { env: 'lab' }, 'web-02': { env: 'lab' }, 'cache-01': { env: 'PROD' }, 'db-01': { env: 'prod' } };
const tagsOf = (host: string) => tags[host];

describe('broadcast group', () => {
  it('toggles one pane in and out', () => {
    const on = togglePane(new Set(), 'a');
    expect([...on]).toEqual(['a']);
    expect([...togglePane(on, 'a')]).toEqual([]);
  });

  it('turns every pane of the tab on, or all of them off when all were on, leaving other tabs alone', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'x'), { maxLength: 4 }), (start) => {
        const group = new Set<string>(start);
        const panes: string[] = ['a', 'b', 'c'];
        const next = toggleAll(group, panes);
        const allWereIn = panes.every((id) => group.has(id));
        for (const id of panes) expect(next.has(id)).toBe(!allWereIn);
        expect(next.has('x')).toBe(group.has('x'));
      }),
    );
  });
});

describe('receivers', () => {
  it('sends what a member types to the other live members and skips those not live', () => {
    expect(receivers(new Set(['a', 'b', 'c']), 'a', tab)).toEqual({ send: ['b'], skipped: ['c'] });
  });

  it('sends nothing from a pane outside the group, or from a group of one', () => {
    expect(receivers(new Set(['a', 'b']), 'c', tab)).toEqual({ send: [], skipped: [] });
    expect(receivers(new Set(['a']), 'a', tab)).toEqual({ send: [], skipped: [] });
  });

  it('counts only panes still in the tab (one moved away is not a member here)', () => {
    expect(receivers(new Set(['a', 'gone']), 'a', tab)).toEqual({ send: [], skipped: [] });
  });
});

describe('production confirmation', () => {
  it('asks once for a group that holds env=prod hosts, naming them', () => {
    const members = [pane('a', 'web-01'), pane('c', 'cache-01'), pane('d', 'db-01')];
    expect(needsConfirmation(members, new Set(), tagsOf)).toEqual({ prod: ['cache-01', 'db-01'], unknown: [] });
    expect(needsConfirmation(members, new Set(['c', 'd']), tagsOf)).toBeNull();
    // A prod pane that joins later asks again.
    expect(needsConfirmation([...members, pane('e', 'db-01')], new Set(['c', 'd']), tagsOf)).toEqual({ prod: ['cache-01', 'db-01'], unknown: [] });
  });

  it('does not ask for lab hosts or a group of one; asks for hosts whose tags are unknown', () => {
    expect(needsConfirmation([pane('a', 'web-01'), pane('b', 'web-02')], new Set(), tagsOf)).toBeNull();
    expect(needsConfirmation([pane('c', 'cache-01')], new Set(), tagsOf)).toBeNull();
    expect(needsConfirmation([pane('a', 'web-01'), pane('z', 'zeta')], new Set(), tagsOf)).toEqual({ prod: [], unknown: ['zeta'] });
  });

  it('words the question with the terminal catalog’s keys', () => {
    expect(confirmationText({ prod: ['cache-01', 'db-01'], unknown: [] }, 3)).toEqual([
      { key: 'broadcast.confirm.lead', values: { total: 3 } },
      { key: 'broadcast.confirm.prod', values: { count: 2, hosts: 'cache-01, db-01' } },
    ]);
    expect(confirmationText({ prod: [], unknown: ['zeta'] }, 2).map((l) => l.key)).toEqual(['broadcast.confirm.lead', 'broadcast.confirm.unknown']);
  });
});

import { describe, expect, it } from 'vitest';
import type { BroadcastPane } from '../model/broadcast';
import { BroadcastStore } from './broadcast-store';

const tab: BroadcastPane[] = [
  { id: 'a', host: 'web-01', live: true },
  { id: 'b', host: 'cache-01', live: true },
  { id: 'c', host: 'web-02', live: false },
];
const tags: Record<string, Record<string, string>> = { 'web-01': { env: 'lab' }, 'web-02': { env: 'lab' }, 'cache-01': { env: 'prod' } };
const tagsOf = (host: string) => tags[host];

describe('broadcast store', () => {
  it('applies a lab-only group at once and sends to its live members only', () => {
    const store = new BroadcastStore();
    expect(store.request(new Set(['a', 'c']), tab, tagsOf)).toBe('applied');
    expect([...store.getSnapshot().members]).toEqual(['a', 'c']);
    expect(store.receivers('a', tab)).toEqual([]); // c is not live: skipped
  });

  it('holds a group with a prod host until confirmed, then asks no more while the group lasts', () => {
    const store = new BroadcastStore();
    expect(store.request(new Set(['a', 'b']), tab, tagsOf)).toBe('confirm');
    expect(store.getSnapshot().members.size).toBe(0);
    expect(store.getSnapshot().pending?.hosts).toEqual({ prod: ['cache-01'], unknown: [] });
    expect(store.receivers('a', tab)).toEqual([]);
    store.confirm();
    expect(store.receivers('a', tab)).toEqual(['b']);
    // Turning a lab pane out and in again keeps the group: no new question.
    expect(store.request(new Set(['a', 'b', 'c']), tab, tagsOf)).toBe('applied');
    // The group ends (fewer than two): a new one asks again.
    expect(store.request(new Set(['b']), tab, tagsOf)).toBe('applied');
    expect(store.request(new Set(['a', 'b']), tab, tagsOf)).toBe('confirm');
  });

  it('keeps the group as it was when the user declines', () => {
    const store = new BroadcastStore();
    store.request(new Set(['a', 'c']), tab, tagsOf);
    expect(store.request(new Set(['a', 'b', 'c']), tab, tagsOf)).toBe('confirm');
    store.cancel();
    expect(store.getSnapshot()).toEqual({ members: new Set(['a', 'c']), pending: null });
  });

  it('drops a closed pane from its group', () => {
    const store = new BroadcastStore();
    store.request(new Set(['a', 'c']), tab, tagsOf);
    store.forget('c');
    expect([...store.getSnapshot().members]).toEqual(['a']);
  });
});

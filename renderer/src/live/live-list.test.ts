import { describe, expect, it } from 'vitest';
import type { LiveSession } from '../../../shared/contract/live-sessions';
import { applyLiveChange, EMPTY_LIVE_LIST } from './live-list';

const s = (id: string, startedAt: number): LiveSession => ({ id, user: 'alice', host: 'web-01', login: 'app', kind: 'shell', startedAt, command: null });

describe('the live sessions list', () => {
  it('joins the pages of the first list, newest first, loading until the last page', () => {
    const first = applyLiveChange(EMPTY_LIVE_LIST, { change: 'list', sessions: [s('a', 1), s('b', 3)], more: true });
    expect(first.loading).toBe(true);
    const all = applyLiveChange(first, { change: 'list', sessions: [s('c', 2)], more: false });
    expect(all).toEqual({ sessions: [s('b', 3), s('c', 2), s('a', 1)], loading: false });
  });

  it('adds a start once and drops an end', () => {
    let list = applyLiveChange(EMPTY_LIVE_LIST, { change: 'list', sessions: [s('a', 1)], more: false });
    list = applyLiveChange(list, { change: 'started', session: s('b', 5) });
    list = applyLiveChange(list, { change: 'started', session: s('b', 5) });
    expect(list.sessions.map((x) => x.id)).toEqual(['b', 'a']);
    list = applyLiveChange(list, { change: 'ended', id: 'a', user: 'alice', endedAt: 9 });
    expect(list.sessions.map((x) => x.id)).toEqual(['b']);
    expect(applyLiveChange(list, { change: 'ended', id: 'zzz', user: 'bob', endedAt: 9 }).sessions).toEqual(list.sessions);
  });
});

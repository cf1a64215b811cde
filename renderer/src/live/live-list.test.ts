import { describe, expect, it } from 'vitest';
import type { LiveForward, LiveSession } from '../../../shared/contract/live-sessions';
import { applyLiveChange, EMPTY_LIVE_LIST } from './live-list';

const s = (id: string, startedAt: number): LiveSession => ({ id, user: 'alice', host: 'web-01', login: 'app', kind: 'shell', startedAt, command: null });
const f = (id: string, startedAt: number): LiveForward => ({ kind: 'forward', id, user: 'alice', host: 'web-01', login: 'app', to: '127.0.0.1:5432', from: '127.0.0.1:50000', startedAt, bytesSent: 0, bytesReceived: 0 });

describe('the live sessions list', () => {
  it('joins the pages of the first list, newest first, loading until the last page', () => {
    const first = applyLiveChange(EMPTY_LIVE_LIST, { change: 'list', sessions: [s('a', 1), s('b', 3)], more: true });
    expect(first.loading).toBe(true);
    const all = applyLiveChange(first, { change: 'list', sessions: [s('c', 2)], more: false });
    expect(all).toEqual({ sessions: [s('b', 3), s('c', 2), s('a', 1)], forwards: [], loading: false });
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

  it('keeps forwards beside sessions: listed in pages, opened, counted, closed', () => {
    let list = applyLiveChange(EMPTY_LIVE_LIST, { change: 'list', sessions: [s('a', 1)], forwards: [f('x', 2)], more: true });
    list = applyLiveChange(list, { change: 'list', sessions: [], forwards: [f('y', 4)], more: false });
    expect(list.forwards.map((x) => x.id)).toEqual(['y', 'x']);
    list = applyLiveChange(list, { change: 'forward-opened', forward: f('z', 6) });
    list = applyLiveChange(list, { change: 'forward-bytes', id: 'x', user: 'alice', bytesSent: 10, bytesReceived: 2048 });
    expect(list.forwards.find((x) => x.id === 'x')).toMatchObject({ bytesSent: 10, bytesReceived: 2048 });
    list = applyLiveChange(list, { change: 'forward-closed', id: 'y', user: 'alice', closedAt: 9 });
    expect(list.forwards.map((x) => x.id)).toEqual(['z', 'x']);
    // A forward's end is not a session's: the session stays.
    expect(applyLiveChange(list, { change: 'forward-closed', id: 'a', user: 'alice', closedAt: 9 }).sessions.map((x) => x.id)).toEqual(['a']);
  });
});

// The live sessions list as the `sessions.live` topic builds it: the sessions and port forwards
// live at subscribe time (in pages), then each start and end, and a forward's byte counts. Pure,
// so the order and the paging are unit-tested.
import type { LiveForward, LiveSession, LiveSessionsData } from '../../../shared/contract/live-sessions';

export interface LiveList {
  /** Newest first. */
  sessions: readonly LiveSession[];
  /** Open port forwards, newest first. */
  forwards: readonly LiveForward[];
  /** The first pages are still arriving. */
  loading: boolean;
}

export const EMPTY_LIVE_LIST: LiveList = { sessions: [], forwards: [], loading: true };

const newestFirst = (a: { id: string; startedAt: number }, b: { id: string; startedAt: number }) => b.startedAt - a.startedAt || (a.id < b.id ? 1 : -1);

/** `items` with `added` in (an id already there is replaced), newest first. */
function merged<T extends { id: string; startedAt: number }>(items: readonly T[], added: readonly T[]): T[] {
  const ids = new Set(added.map((a) => a.id));
  return [...items.filter((i) => !ids.has(i.id)), ...added].sort(newestFirst);
}

export function applyLiveChange(list: LiveList, change: LiveSessionsData): LiveList {
  switch (change.change) {
    case 'list':
      return { sessions: merged(list.sessions, change.sessions), forwards: merged(list.forwards, change.forwards ?? []), loading: change.more };
    case 'started':
      return { ...list, sessions: merged(list.sessions, [change.session]) };
    case 'ended':
      return { ...list, sessions: list.sessions.filter((s) => s.id !== change.id) };
    case 'forward-opened':
      return { ...list, forwards: merged(list.forwards, [change.forward]) };
    case 'forward-closed':
      return { ...list, forwards: list.forwards.filter((f) => f.id !== change.id) };
    case 'forward-bytes':
      return { ...list, forwards: list.forwards.map((f) => (f.id === change.id ? { ...f, bytesSent: change.bytesSent, bytesReceived: change.bytesReceived } : f)) };
  }
}

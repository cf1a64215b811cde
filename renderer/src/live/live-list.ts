// The live sessions list as the `sessions.live` topic builds it: the sessions live at subscribe
// time (in pages), then each start and end. Pure, so the order and the paging are unit-tested.
import type { LiveSession, LiveSessionsData } from '../../../shared/contract/live-sessions';

export interface LiveList {
  /** Newest first. */
  sessions: readonly LiveSession[];
  /** The first pages are still arriving. */
  loading: boolean;
}

export const EMPTY_LIVE_LIST: LiveList = { sessions: [], loading: true };

const newestFirst = (a: LiveSession, b: LiveSession) => b.startedAt - a.startedAt || (a.id < b.id ? 1 : -1);

export function applyLiveChange(list: LiveList, change: LiveSessionsData): LiveList {
  switch (change.change) {
    case 'list': {
      const known = new Set(list.sessions.map((s) => s.id));
      const added = change.sessions.filter((s) => !known.has(s.id));
      return { sessions: [...list.sessions, ...added].sort(newestFirst), loading: change.more };
    }
    case 'started':
      return { ...list, sessions: [change.session, ...list.sessions.filter((s) => s.id !== change.session.id)].sort(newestFirst) };
    case 'ended':
      return { ...list, sessions: list.sessions.filter((s) => s.id !== change.id) };
  }
}

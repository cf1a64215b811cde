// The `sessions.live` topic: the sessions live at subscribe time (in pages), then each start and
// end as the lifecycle reports it (./live-feed.ts). Security and admin see every session, an
// operator only their own, anyone else nothing (deny by default).
import type Database from 'better-sqlite3';
import { LIVE_LIST_PAGE } from '../../../shared/contract/live-sessions';
import type { TopicRegistry } from '../events';
import type { UserRecord } from '../store';
import { liveSessionOf, type LiveFeed } from './live-feed';
import { createSessionRepo } from './repo';

function scopeOf(caller: UserRecord): 'all' | 'own' | undefined {
  if (caller.roles.includes('security') || caller.roles.includes('admin')) return 'all';
  if (caller.roles.includes('operator')) return 'own';
  return undefined;
}

export function registerLiveSessionsTopic(topics: TopicRegistry, deps: { db: Database.Database; feed: LiveFeed }): void {
  const sessions = createSessionRepo(deps.db);
  topics.register('sessions.live', {
    authorize(caller) {
      const scope = scopeOf(caller);
      return scope ? { ok: true, scope } : { ok: false, reason: 'only the operator, security and admin roles may watch live sessions' };
    },
    start(caller, _params, scope, emit) {
      const visible = (user: string) => scope === 'all' || user === caller.name;
      // Listing and listening in one turn: no start or end falls between them.
      const live = sessions
        .live()
        .filter((s) => visible(s.user))
        .sort((a, b) => a.startedAt - b.startedAt)
        .map(liveSessionOf);
      for (let i = 0; i === 0 || i < live.length; i += LIVE_LIST_PAGE) {
        emit({ change: 'list', sessions: live.slice(i, i + LIVE_LIST_PAGE), more: i + LIVE_LIST_PAGE < live.length });
      }
      return deps.feed.listen((change) => {
        if (visible(change.change === 'started' ? change.session.user : change.user)) emit(change);
      });
    },
  });
}

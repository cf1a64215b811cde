// The `sessions.live` topic: the sessions and port forwards live at subscribe time (in pages), then
// each start and end as the lifecycle and the forward registry report them (./live-feed.ts).
// Security and admin see every session and forward, an operator only their own, anyone else
// nothing (deny by default).
import type Database from 'better-sqlite3';
import { LIVE_LIST_PAGE } from '../../../shared/contract/live-sessions';
import type { TopicRegistry } from '../events';
import type { UserRecord } from '../store';
import { liveForwardOf, type ForwardRegistry } from './forward-registry';
import { liveSessionOf, userOf, type LiveFeed } from './live-feed';
import { createSessionRepo } from './repo';

function scopeOf(caller: UserRecord): 'all' | 'own' | undefined {
  if (caller.roles.includes('security') || caller.roles.includes('admin')) return 'all';
  if (caller.roles.includes('operator')) return 'own';
  return undefined;
}

export function registerLiveSessionsTopic(topics: TopicRegistry, deps: { db: Database.Database; feed: LiveFeed; forwards?: Pick<ForwardRegistry, 'list'> }): void {
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
      const forwards = (deps.forwards?.list() ?? [])
        .filter((f) => visible(f.user))
        .sort((a, b) => a.startedAt - b.startedAt)
        .map(liveForwardOf);
      // Sessions first, then forwards, LIVE_LIST_PAGE items a page.
      const total = live.length + forwards.length;
      for (let i = 0; i === 0 || i < total; i += LIVE_LIST_PAGE) {
        const end = i + LIVE_LIST_PAGE;
        const sessionsPage = live.slice(i, end);
        const forwardsPage = forwards.slice(Math.max(0, i - live.length), Math.max(0, end - live.length));
        emit({ change: 'list', sessions: sessionsPage, ...(forwardsPage.length > 0 && { forwards: forwardsPage }), more: end < total });
      }
      return deps.feed.listen((change) => {
        if (visible(userOf(change))) emit(change);
      });
    },
  });
}

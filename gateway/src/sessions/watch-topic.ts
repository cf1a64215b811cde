// The `sessions.output` topic: watch one live session read-only (./live-watch.ts). Only the
// security and admin roles may (deny by default; an operator may not, not even their own session:
// they have their terminal). Each watch is audited when it starts and when it stops, with who.
import type { TopicRegistry } from '../events';
import type { Store, UserRecord } from '../store';
import type { LiveWatch } from './live-watch';

const mayWatch = (caller: UserRecord) => caller.roles.includes('security') || caller.roles.includes('admin');

export function registerWatchTopic(topics: TopicRegistry, deps: { watch: LiveWatch; store: Store }): void {
  topics.register('sessions.output', {
    authorize: (caller) => (mayWatch(caller) ? { ok: true, scope: 'all' } : { ok: false, reason: 'only the security and admin roles may watch a live session' }),
    missing: ({ sessionId }) => (deps.watch.source(sessionId) ? undefined : `there is no live recorded session ${sessionId} to watch`),
    start(caller, { sessionId }, _scope, emit, end) {
      const source = deps.watch.source(sessionId);
      if (!source) {
        end('closed'); // it ended between the subscribe and now
        return () => {};
      }
      const started = Date.now();
      const about = { session: sessionId, user: source.user, host: source.host, login: source.login };
      deps.store.audit.record({ type: 'session.watch.start', actor: caller.name, data: about });
      const stop = deps.watch.watch(sessionId, { send: emit, ended: () => end('closed') });
      return () => {
        stop?.();
        deps.store.audit.record({ type: 'session.watch.stop', actor: caller.name, data: { ...about, ms: Date.now() - started } });
      };
    },
  });
}

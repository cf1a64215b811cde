// The gateway's liveness loop (the mechanism is in watch.ts): one watcher over the gateway's
// database, so a change committed by the CLI in another process (grant revoked, user disabled)
// wakes every check within a tick. The SSH server watches each authenticated connection with
// access.accountCheck and each target session with access.sessionCheck; nothing else ticks.
import type Database from 'better-sqlite3';
import type { Logger } from '../logger';
import { createWatcher, dbChanges, type Watcher } from './watch';

export type Liveness = Watcher;
export type { Check, Verdict, WatchedSession, WatchOptions } from './watch';
export { allOf, endedText, warningText } from './watch';

export function createLiveness(db: Database.Database, logger: Logger, intervalMs = 1000): Liveness {
  return createWatcher({
    changed: dbChanges(db),
    intervalMs,
    // A failing check is retried next tick (e.g. SQLITE_BUSY for a moment); the others run.
    onError: (error) => logger.warn({ err: String(error) }, 'liveness check failed'),
  });
}

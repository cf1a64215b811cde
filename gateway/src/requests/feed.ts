// What tells the `access.*` topics that something changed: one check on the liveness loop
// (gateway/src/liveness), which runs it when the database changed (the CLI's writes from another
// process too), at the next request expiry or grant boundary, and every 10 s. Each run expires
// the pending requests whose time has come, then hands the listeners the requests written since
// the last run (possibly none: a grant or a group may have changed instead).
import type Database from 'better-sqlite3';
import type { AccessRequest } from '../../../shared/contract/gateway-api/access';
import type { Liveness } from '../liveness';
import type { RequestService } from './service';

export type FeedListener = (changed: AccessRequest[]) => void;

export interface AccessFeed {
  listen(listener: FeedListener): () => void;
  /** Expires what is due and tells every listener; returns when it must run again (null: on a change only). */
  poll(now: number): number | null;
}

export function createAccessFeed(db: Database.Database, requests: RequestService, onError: (error: unknown) => void): AccessFeed {
  const listeners = new Set<FeedListener>();
  let revision = requests.lastRevision();
  const nextGrantBoundary = db
    .prepare<[number, number], number | null>('SELECT min(t) FROM (SELECT not_after AS t FROM grants WHERE not_after > ? UNION ALL SELECT not_before FROM grants WHERE not_before > ?)')
    .pluck();
  return {
    listen(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    poll(now) {
      requests.expireDue(now);
      const { changed, revision: next } = requests.changedSince(revision);
      revision = next;
      for (const listener of [...listeners]) {
        try {
          listener(changed);
        } catch (error) {
          onError(error);
        }
      }
      const deadlines = [requests.nextExpiry(), nextGrantBoundary.get(now, now) ?? null].filter((t): t is number => t !== null);
      return deadlines.length ? Math.min(...deadlines) : null;
    },
  };
}

/** Runs the feed on the liveness loop until the returned function is called. */
export function runAccessFeed(feed: AccessFeed, liveness: Liveness): () => void {
  return liveness.watch({ end: () => {} }, (now) => ({ ok: true, until: feed.poll(now) }), { what: 'access requests', warnBeforeMs: 0 });
}

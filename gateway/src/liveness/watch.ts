// The gateway's one liveness mechanism: everything that lives on a permission — each user
// connection (is the account still enabled?) and each target session (does a grant still cover
// it, and until when?) — is watched here with a check that answers "may it go on, and until
// when? if not, why?". Checks run again whenever the database changed (admin writes from the CLI
// in another process included), whenever a known deadline comes, and every 10 s as a safety net,
// on one timer ticking every second while anything is watched. Before a known end the user is
// warned; at the end the watched thing is told why and ends itself.
//
//   liveness.watch(subject, check, { what: 'root@web-01' })   → unwatch()
import type Database from 'better-sqlite3';
import type { EndedBy } from '../sessions/end-cause';

/** ok with the moment access ends (undefined/null: no known end), or why it ended (`endedBy`: the typed cause, for the session's end row). */
export type Verdict = { ok: true; until?: number | null } | { ok: false; reason: string; endedBy?: EndedBy };
export type Check = (now: number) => Verdict;

/** What the watcher needs of what it watches: two ways to talk to the user, one of them final. */
export interface WatchedSession {
  /** Shows a warning line to the user (in the terminal) without ending anything; omit to warn nobody. */
  notify?(text: string): void;
  /**
   * Ends it. `text` is the line to show (endedText(what, reason)); `reason` the check's own words,
   * for a subject that words its message itself; `endedBy` the check's typed cause. Called at most once.
   */
  end(text: string, reason: string, endedBy?: EndedBy): void;
}

export interface WatchOptions {
  /** Named in the messages: "your access to WHAT ends in 60 s". */
  what: string;
  /** How long before a known end to warn; default the watcher's. 0 = no warning. */
  warnBeforeMs?: number;
}

export interface Watcher {
  watch(session: WatchedSession, check: Check, options: WatchOptions): () => void;
  /** Runs every check now (after a change made in this process, or in tests). */
  checkNow(): void;
  /** How many sessions are watched. */
  size(): number;
  stop(): void;
}

export interface WatcherOptions {
  /** True when something may have changed since the last call (see dbChanges). */
  changed?: () => boolean;
  intervalMs?: number;
  warnBeforeMs?: number;
  /** Checks also run this often even without a change: a safety net. */
  fullCheckMs?: number;
  now?: () => number;
  onError?: (error: unknown) => void;
}

/** One check made of several: the first refusal wins; ok until the earliest known end. */
export function allOf(...checks: Check[]): Check {
  return (now) => {
    let until: number | null = null;
    for (const check of checks) {
      const verdict = check(now);
      if (!verdict.ok) return verdict;
      if (verdict.until != null && (until === null || verdict.until < until)) until = verdict.until;
    }
    return { ok: true, until };
  };
}

export const warningText = (what: string, ms: number) => `\r\n[portcullis] your access to ${what} ends in ${Math.max(1, Math.ceil(ms / 1000))} s\r\n`;
export const endedText = (what: string, reason: string) => `\r\n[portcullis] access to ${what} ended: ${reason} — session closed\r\n`;

/**
 * A change detector for a SQLite connection: `PRAGMA data_version` moves when another connection
 * commits, `total_changes()` when this one writes. Two tiny queries per call.
 */
export function dbChanges(db: Database.Database): () => boolean {
  const version = db.prepare('PRAGMA data_version').pluck();
  const own = db.prepare('SELECT total_changes()').pluck();
  const read = () => `${String(version.get())}:${String(own.get())}`;
  let last = read();
  return () => {
    const now = read();
    if (now === last) return false;
    last = now;
    return true;
  };
}

interface Entry {
  session: WatchedSession;
  check: Check;
  what: string;
  warnBeforeMs: number;
  until: number | null;
  warned: boolean;
  /** When the check must run again even without a change. */
  due: number;
}

export function createWatcher(options: WatcherOptions = {}): Watcher {
  const now = options.now ?? Date.now;
  const intervalMs = options.intervalMs ?? 1000;
  const fullCheckMs = options.fullCheckMs ?? 10_000;
  const defaultWarn = options.warnBeforeMs ?? 60_000;
  const entries = new Set<Entry>();
  let lastFull = now();

  const evaluate = (entry: Entry, t: number) => {
    let verdict: Verdict;
    try {
      verdict = entry.check(t);
    } catch (error) {
      options.onError?.(error); // e.g. SQLITE_BUSY for a moment: try again next tick
      entry.due = t + intervalMs;
      return;
    }
    if (!verdict.ok) {
      entries.delete(entry);
      entry.session.end(endedText(entry.what, verdict.reason), verdict.reason, verdict.endedBy);
      return;
    }
    const until = verdict.until ?? null;
    if (until !== entry.until) {
      entry.until = until;
      entry.warned = false; // a new end (extended or shortened) earns a new warning
    }
    if (until === null) {
      entry.due = Infinity;
      return;
    }
    const warnAt = until - entry.warnBeforeMs;
    if (!entry.warned && entry.warnBeforeMs > 0 && t >= warnAt) {
      entry.warned = true;
      entry.session.notify?.(warningText(entry.what, until - t));
    }
    entry.due = entry.warned || entry.warnBeforeMs <= 0 ? until : Math.min(warnAt, until);
  };

  const tick = (force: boolean) => {
    const t = now();
    let all = force;
    try {
      all ||= options.changed?.() ?? false;
    } catch (error) {
      options.onError?.(error);
      all = true;
    }
    if (t - lastFull >= fullCheckMs) all = true;
    if (all) lastFull = t;
    for (const entry of [...entries]) {
      // An earlier end in this pass may have unwatched it (a connection ends its sessions).
      if (entries.has(entry) && (all || t >= entry.due)) evaluate(entry, t);
    }
  };

  let timer: NodeJS.Timeout | undefined;
  const ensureTimer = () => {
    if (timer || entries.size === 0) return;
    timer = setInterval(() => {
      tick(false);
      if (entries.size === 0) {
        clearInterval(timer);
        timer = undefined;
      }
    }, intervalMs);
    timer.unref();
  };

  return {
    watch(session, check, opts) {
      const entry: Entry = { session, check, what: opts.what, warnBeforeMs: opts.warnBeforeMs ?? defaultWarn, until: null, warned: false, due: 0 };
      entries.add(entry);
      evaluate(entry, now()); // the first check at once: a session already out of time ends now
      ensureTimer();
      return () => entries.delete(entry);
    },
    checkNow: () => tick(true),
    size: () => entries.size,
    stop() {
      clearInterval(timer);
      timer = undefined;
      entries.clear();
    },
  };
}

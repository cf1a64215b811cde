// Audit without amplification. Events an outsider (or a user without a grant) can cause at will —
// failed logins, refused forwards — go through here: the first of a kind in a window is written at
// once with `count: 1`; identical ones (same type, actor and data) later in that window are only
// counted, and one row with their `count` and `from`/`until` (first and last of them) is written
// when the window ends. Per scope (the source address of a login, the user of a forward) at most
// `maxKinds` kinds are kept apart in a window; the rest fold into one row per scope and type
// (`actor: "(various)"`, `count`, `kinds`, a few `samples`). The counts of all rows add up to the
// number of events, and a flood costs a bounded number of rows per window.
import canonicalize from 'canonicalize';
import type { AuditEvent } from './log';

export interface AuditRepeats {
  /** Records `event`, counted with identical ones from the same scope (e.g. `{ source }`). */
  record(event: AuditEvent, scope: Record<string, string>): void;
  /** Writes the counts of every open window now (at shutdown). */
  flush(): void;
}

export interface AuditRepeatsOptions {
  windowMs?: number;
  maxKinds?: number;
  now?: () => number;
  /** Writing a window's count failed (e.g. the database is closing). */
  onError?(error: unknown): void;
}

export const DEFAULT_REPEAT_WINDOW_MS = 60_000;
const DEFAULT_MAX_KINDS = 20;
const MAX_SAMPLES = 5;

interface Window {
  scopeKey: string;
  /** Written when the window ends; count 0 writes nothing. */
  summary: AuditEvent;
  count: number;
  from?: number;
  until?: number;
  timer: NodeJS.Timeout;
  /** Overflow windows: the kinds folded in, a few of them as samples. */
  kinds?: Set<string>;
}

export function createAuditRepeats(audit: { record(event: AuditEvent): unknown }, options: AuditRepeatsOptions = {}): AuditRepeats {
  const windowMs = options.windowMs ?? DEFAULT_REPEAT_WINDOW_MS;
  const maxKinds = options.maxKinds ?? DEFAULT_MAX_KINDS;
  const now = options.now ?? Date.now;
  const windows = new Map<string, Window>();
  const kindsPerScope = new Map<string, number>();

  const close = (key: string, w: Window) => {
    clearTimeout(w.timer);
    windows.delete(key);
    if (!w.kinds) kindsPerScope.set(w.scopeKey, (kindsPerScope.get(w.scopeKey) ?? 1) - 1);
    if (kindsPerScope.get(w.scopeKey) === 0) kindsPerScope.delete(w.scopeKey);
    if (w.count === 0) return;
    const iso = (t?: number) => new Date(t ?? 0).toISOString();
    const data = { ...w.summary.data, count: w.count, from: iso(w.from), until: iso(w.until), ...(w.kinds && { kinds: w.kinds.size }) };
    try {
      audit.record({ ...w.summary, data });
    } catch (error) {
      options.onError?.(error);
    }
  };
  const open = (key: string, scopeKey: string, summary: AuditEvent, kinds?: Set<string>): Window => {
    const w: Window = { scopeKey, summary, count: 0, kinds, timer: setTimeout(() => close(key, w), windowMs) };
    w.timer.unref();
    windows.set(key, w);
    return w;
  };
  const count = (w: Window) => {
    const at = now();
    w.count++;
    w.from ??= at;
    w.until = at;
  };

  return {
    record(event, scope) {
      const scopeKey = canonicalize({ type: event.type, scope })!;
      const kind = canonicalize({ actor: event.actor, data: event.data ?? {} })!;
      const key = `${scopeKey}\n${kind}`;
      const same = windows.get(key);
      if (same) return count(same);
      const kinds = kindsPerScope.get(scopeKey) ?? 0;
      if (kinds >= maxKinds) {
        const overflowKey = `${scopeKey}\n*`;
        const overflow = windows.get(overflowKey) ?? open(overflowKey, scopeKey, { type: event.type, actor: '(various)', data: { ...scope, samples: [] } }, new Set());
        overflow.kinds!.add(kind);
        const samples = overflow.summary.data!.samples as unknown[];
        if (samples.length < MAX_SAMPLES && overflow.kinds!.size > samples.length) samples.push({ actor: event.actor, ...event.data });
        return count(overflow);
      }
      kindsPerScope.set(scopeKey, kinds + 1);
      open(key, scopeKey, event);
      audit.record({ ...event, data: { ...event.data, count: 1 } });
    },
    flush() {
      for (const [key, w] of [...windows]) close(key, w);
    },
  };
}

// The live sessions of the session core, by id: what later capabilities (live watch, terminate,
// batch jobs) find a running session by. An entry lives from the relay's start to the row's end.
import type { SessionKind } from '../repo';
import type { SessionHandle } from './handle';

export interface LiveSessionEntry {
  id: string;
  user: string;
  host: string;
  login: string;
  kind: SessionKind;
  startedAt: number;
  /** Bytes from the user so far, and from the target (stdout and stderr). */
  bytesIn: number;
  bytesOut: number;
  handle: SessionHandle;
}

export interface SessionRegistry {
  /** Adds a live session; the returned function removes it. */
  add(entry: LiveSessionEntry): () => void;
  get(id: string): LiveSessionEntry | undefined;
  list(): LiveSessionEntry[];
}

export function createSessionRegistry(): SessionRegistry {
  const live = new Map<string, LiveSessionEntry>();
  return {
    add(entry) {
      live.set(entry.id, entry);
      return () => live.delete(entry.id);
    },
    get: (id) => live.get(id),
    list: () => [...live.values()],
  };
}

// The port forwards open now (each `direct-tcpip` channel of ssh/local-forward.ts), by id, beside
// the session registry: what the `sessions.live` topic lists and what terminate finds a forward by.
// Opens, closes and (every FORWARD_BYTES_MS, while they change) byte counts go to the live feed.
import type { LiveForward } from '../../../shared/contract/live-sessions';
import type { ForwardRecord } from '../audit';
import type { LiveFeed } from './live-feed';

/** How often the byte counts of open forwards are published, when they changed. */
export const FORWARD_BYTES_MS = 2000;

/** An open forward: what its `forwarding.open` says, and its counts and cut while it lasts. */
export interface LiveForwardEntry extends Pick<ForwardRecord, 'id' | 'user' | 'host' | 'login' | 'to' | 'from'> {
  startedAt: number;
  bytes(): { sent: number; received: number };
  /** Closes this forward's channels only; resolves with when it closed, once its `forwarding.close` is audited. */
  cut(by: string, reason: string): Promise<number>;
}

export interface ForwardRegistry {
  /** Adds an open forward; the returned function removes it (it closed). */
  add(entry: LiveForwardEntry): () => void;
  get(id: string): LiveForwardEntry | undefined;
  list(): LiveForwardEntry[];
}

export function liveForwardOf(entry: LiveForwardEntry): LiveForward {
  const { id, user, host, login, to, from, startedAt } = entry;
  const { sent, received } = entry.bytes();
  return { kind: 'forward', id, user, host, login, to, from, startedAt, bytesSent: sent, bytesReceived: received };
}

export function createForwardRegistry(feed?: LiveFeed, bytesEveryMs = FORWARD_BYTES_MS): ForwardRegistry {
  const live = new Map<string, LiveForwardEntry>();
  /** The counts last published per forward, so an idle forward sends nothing. */
  const published = new Map<string, string>();
  let timer: NodeJS.Timeout | undefined;

  const publishBytes = () => {
    for (const entry of live.values()) {
      const { sent, received } = entry.bytes();
      const key = `${sent}/${received}`;
      if (published.get(entry.id) === key) continue;
      published.set(entry.id, key);
      feed?.publish({ change: 'forward-bytes', id: entry.id, user: entry.user, bytesSent: sent, bytesReceived: received });
    }
  };

  return {
    add(entry) {
      live.set(entry.id, entry);
      published.set(entry.id, '0/0');
      feed?.publish({ change: 'forward-opened', forward: liveForwardOf(entry) });
      if (!timer && feed) {
        timer = setInterval(publishBytes, bytesEveryMs);
        timer.unref();
      }
      return () => {
        if (!live.delete(entry.id)) return;
        published.delete(entry.id);
        feed?.publish({ change: 'forward-closed', id: entry.id, user: entry.user, closedAt: Date.now() });
        if (live.size === 0 && timer) {
          clearInterval(timer);
          timer = undefined;
        }
      };
    },
    get: (id) => live.get(id),
    list: () => [...live.values()],
  };
}

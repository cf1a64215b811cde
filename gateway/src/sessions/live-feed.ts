// In-process notification of sessions starting and ending (from ./lifecycle.ts) and of port
// forwards opening, moving bytes and closing (./forward-registry.ts), for the
// `sessions.live` topic (./live-topic.ts). A listener that throws is reported, never the session's problem.
import { LIVE_COMMAND_MAX, type LiveSession, type LiveSessionsData } from '../../../shared/contract/live-sessions';
import type { SessionRecord } from './repo';

export type LiveChange = Exclude<LiveSessionsData, { change: 'list' }>;

/** Whose session or forward a change is about (who may see it). */
export const userOf = (change: LiveChange) => (change.change === 'started' ? change.session.user : change.change === 'forward-opened' ? change.forward.user : change.user);

export interface LiveFeed {
  publish(change: LiveChange): void;
  listen(listener: (change: LiveChange) => void): () => void;
}

export function createLiveFeed(onListenerError: (error: unknown) => void = () => {}): LiveFeed {
  const listeners = new Set<(change: LiveChange) => void>();
  return {
    publish(change) {
      for (const listener of [...listeners]) {
        try {
          listener(change);
        } catch (error) {
          onListenerError(error);
        }
      }
    },
    listen(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** A session row as live events show it: the command cut to LIVE_COMMAND_MAX characters. */
export function liveSessionOf(row: Pick<SessionRecord, 'id' | 'user' | 'host' | 'login' | 'kind' | 'command' | 'startedAt'>): LiveSession {
  const { id, user, host, login, kind, command, startedAt } = row;
  return { id, user, host, login, kind, command: command === null ? null : command.slice(0, LIVE_COMMAND_MAX), startedAt };
}

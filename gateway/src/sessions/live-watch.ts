// Live watch: the running sessions a reviewer may watch read-only, and their watchers. The
// lifecycle opens each recorded session here and hands on the target's output, resizes and the
// end; a watcher (the `sessions.output` topic, ./watch-topic.ts) gets the screen as it is now,
// then that tail. The screen comes from the headless terminal the recorder already keeps for
// keyframes (recording/screen.ts): a snapshot taken after exactly the output handed over before
// the watcher joined, so nothing is shown twice or missed, and no file is read.
import { StringDecoder } from 'node:string_decoder';
import type { SessionOutputData } from '../../../shared/contract/gateway-api/live';
import type { ScreenSnapshot } from '../recording';
import type { EndCause } from './end-cause';

/** A watched session as the lifecycle describes it. */
export interface WatchSource {
  user: string;
  host: string;
  login: string;
  /** Whether the session has a terminal (an exec without one sends bare \n). */
  pty: boolean;
  /** The screen after everything handed to `output` so far; undefined once the session is gone. */
  screen(): Promise<ScreenSnapshot | undefined>;
}

/** What the lifecycle reports of one session, in order. */
export interface WatchFeed {
  output(data: Buffer): void;
  resize(cols: number, rows: number): void;
  /** The session ended: each watcher gets the cause, then its subscription ends. */
  end(cause: EndCause): void;
}

export interface Watcher {
  send(data: SessionOutputData): void;
  /** Called after the final `ended` event. */
  ended(): void;
}

export interface LiveWatch {
  open(id: string, source: WatchSource): WatchFeed;
  /** The session's description while it can be watched. */
  source(id: string): WatchSource | undefined;
  /** Starts watching; returns what stops it, or undefined when the session cannot be watched. */
  watch(id: string, watcher: Watcher): (() => void) | undefined;
}

interface Watched {
  source: WatchSource;
  watchers: Set<Watcher>;
  /** Decodes output for watchers; made anew when the first watcher joins. */
  decoder: StringDecoder;
}

export function createLiveWatch(): LiveWatch {
  const sessions = new Map<string, Watched>();

  const broadcast = (session: Watched, data: SessionOutputData) => {
    for (const watcher of session.watchers) watcher.send(data);
  };

  return {
    open(id, source) {
      const session: Watched = { source, watchers: new Set(), decoder: new StringDecoder('utf8') };
      sessions.set(id, session);
      return {
        output(data) {
          if (session.watchers.size === 0) return; // no decoding for nobody
          const text = session.decoder.write(data);
          if (text) broadcast(session, { kind: 'output', data: text });
        },
        resize: (cols, rows) => broadcast(session, { kind: 'resize', cols, rows }),
        end(cause) {
          if (sessions.get(id) !== session) return;
          sessions.delete(id);
          const ended: SessionOutputData = { kind: 'ended', endedBy: cause.endedBy, ...(cause.reason && { reason: cause.reason }), ...(cause.by && { by: cause.by }) };
          for (const watcher of [...session.watchers]) {
            watcher.send(ended);
            watcher.ended();
          }
          session.watchers.clear();
        },
      };
    },

    source: (id) => sessions.get(id)?.source,

    watch(id, watcher) {
      const session = sessions.get(id);
      if (!session) return undefined;
      if (session.watchers.size === 0) session.decoder = new StringDecoder('utf8');
      // Until the screen is drawn, what follows it waits here (at most what the terminal has yet
      // to parse: recording/screen.ts bounds that).
      let waiting: SessionOutputData[] | undefined = [];
      let stopped = false;
      const held: Watcher = {
        send: (data) => (waiting ? waiting.push(data) : watcher.send(data)),
        ended: () => {
          if (!waiting) watcher.ended();
        },
      };
      session.watchers.add(held);
      void session.source.screen().then((screen) => {
        if (stopped) return;
        const pending = waiting!;
        waiting = undefined;
        if (screen) watcher.send({ kind: 'screen', ...screen, pty: session.source.pty });
        for (const data of pending) watcher.send(data);
        if (pending.some((data) => data.kind === 'ended')) watcher.ended();
      });
      return () => {
        stopped = true;
        session.watchers.delete(held);
      };
    },
  };
}

// What the session core hands back for a session it runs: how to steer and end it, and how it ended.
import type { EndCause } from '../end-cause';
import type { ExitInfo } from '../outcome';

export type TerminalSize = { cols: number; rows: number; width?: number; height?: number };

export type SessionResult =
  | { status: 'ended'; exit?: ExitInfo; cause: EndCause }
  /** Nothing ran on the target; the user was told why (denied, unusable, unreachable, not recordable). */
  | { status: 'refused' }
  /** An error inside the gateway ended it (audited as session.failed). */
  | { status: 'failed'; error: string };

export interface SessionHandle {
  readonly id: string;
  resize(size: TerminalSize): void;
  signal(name: string): void;
  /**
   * Ends the session for `cause`; `message` (if any) is shown first, on stderr, or with `inTerminal`
   * in a pty session's terminal (where a watcher and the screen show it too).
   */
  end(cause: EndCause, message?: string, options?: { inTerminal?: boolean }): void;
  readonly done: Promise<SessionResult>;
}

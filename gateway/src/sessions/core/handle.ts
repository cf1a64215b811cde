// What the session core hands back for a session it runs: how to steer and end it, and how it ended.
import type { EndCause } from '../end-cause';
import type { ExitInfo } from '../outcome';

export type TerminalSize = { cols: number; rows: number; width?: number; height?: number };

/**
 * Why nothing ran, for callers without a terminal (a batch job): no grant (or no such host), no usable
 * credential, a command rule, the target could not be reached or logged in to, strict recording.
 */
export type SessionRefusal = 'bad_target' | 'no_grant' | 'no_credential' | 'command_rule' | 'target_failed' | 'recording_failed';

export type SessionResult =
  | { status: 'ended'; exit?: ExitInfo; cause: EndCause }
  /** Nothing ran on the target; the user was told why. */
  | { status: 'refused'; why: SessionRefusal }
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

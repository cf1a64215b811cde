// The user's side of a session as the session core sees it: the SSH adapter implements it over a
// ServerChannel (ssh/channel-side.ts); a batch job or a test implements it over plain streams.
import type { Readable, Writable } from 'node:stream';
import type { ExitInfo } from '../outcome';

export interface ClientSide {
  /**
   * Where the target's stdout and stderr go. Backpressure is stream semantics: a write that returns
   * false holds the target back until 'drain' (its SSH window stops moving), nothing is dropped.
   */
  output: Writable;
  stderr: Writable;
  /** What the user sends; paused until the session runs. Its end is the target's EOF. */
  input: Readable;
  /** Whether output can still be written (false once the user's side is gone). */
  readonly writable: boolean;
  /** How the command ended: an exit status or a signal. Sent before end(). */
  exit(exit: ExitInfo): void;
  /** Ends the user's side in order: EOF, then close. */
  end(): void;
  /** Closes the user's side at once (one that stopped reading still goes). */
  close(): void;
}

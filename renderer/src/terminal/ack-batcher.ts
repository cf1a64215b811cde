// Flow control, renderer half (docs/ARCHITECTURE.md "Flow control"): the main side pauses a
// terminal's SSH channel above a high watermark of unacknowledged bytes, so the renderer must
// acknowledge what xterm.js has processed — and only that. Acknowledging per chunk would turn a
// flood into a flood of `terminal.ack` requests, so drawn bytes are coalesced: one ack per
// scheduled flush (about one per animation frame), or at once when a batch grows past
// `maxBatchBytes`, which keeps the main side's view of the backlog fresh under load.
//
// Pure: no DOM, no timers of its own. The caller supplies `schedule` (e.g. requestAnimationFrame
// with a timeout fallback) and `send` (the terminal.ack request).

/** Runs `callback` once, later; returns a function that cancels it. */
export type Schedule = (callback: () => void) => () => void;

export interface AckBatcherOptions {
  /** Sends one acknowledgement of `bytes` (> 0) drawn bytes. */
  send: (bytes: number) => void;
  schedule: Schedule;
  /** Flush at once when this many drawn bytes are waiting. Default 16 KiB. */
  maxBatchBytes?: number;
}

/**
 * The main side pauses a channel above 64 KiB unacknowledged and resumes it at or below 16 KiB
 * (electron/core/terminals/flow-control.ts). Batches no larger than that low watermark let the resume
 * arrive while xterm still has output queued, so the pipe does not run dry after each pause;
 * larger batches would resume only once everything was drawn plus a frame. Pty output usually
 * comes in chunks of a few KiB, so this still coalesces many chunks into one ack.
 */
export const DEFAULT_MAX_BATCH_BYTES = 16 * 1024;

export class AckBatcher {
  private pending = 0;
  private cancelScheduled: (() => void) | null = null;
  private disposed = false;
  private readonly maxBatchBytes: number;

  constructor(private readonly options: AckBatcherOptions) {
    this.maxBatchBytes = options.maxBatchBytes ?? DEFAULT_MAX_BATCH_BYTES;
  }

  /** Bytes drawn but not yet acknowledged. */
  get pendingBytes(): number {
    return this.pending;
  }

  /** Call from xterm's write callback: `bytes` of output have been processed. */
  drawn(bytes: number): void {
    if (this.disposed || !(bytes > 0)) return;
    this.pending += bytes;
    if (this.pending >= this.maxBatchBytes) this.flush();
    else if (!this.cancelScheduled) this.cancelScheduled = this.options.schedule(() => {
      this.cancelScheduled = null;
      this.flush();
    });
  }

  /** Acknowledge everything drawn so far (no-op when nothing is waiting). */
  flush(): void {
    if (this.cancelScheduled) {
      this.cancelScheduled();
      this.cancelScheduled = null;
    }
    if (this.disposed || this.pending === 0) return;
    const bytes = this.pending;
    this.pending = 0;
    this.options.send(bytes);
  }

  /** Stop for good: the terminal is gone, nothing more is sent. */
  dispose(): void {
    this.cancelScheduled?.();
    this.cancelScheduled = null;
    this.disposed = true;
    this.pending = 0;
  }
}

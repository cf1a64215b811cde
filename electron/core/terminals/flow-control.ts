// Output flow control for one terminal: count the bytes sent to the renderer
// and not yet acknowledged; above the high watermark pause the SSH channel, at or below the low
// watermark resume it. Pausing the channel stops ssh2's window adjusts, which stops the gateway
// reading from the target: real backpressure, and nothing is ever dropped. Pure, no I/O.

/**
 * Everything sent and not yet drawn must still be drawn after Ctrl+C (nothing is dropped), so the
 * watermarks bound that wait: 64 KiB is ~60 ms of xterm.js at the ~1 MB/s it parses a `yes` flood in
 * headless Chromium on a busy machine (docs/BENCHMARKS.md), and with the SSH windows upstream
 * (shared/node/ssh-window.ts) about 150 KiB are in flight in all, down from ~550 KiB with the
 * earlier 256/32 KiB marks and 64 KiB windows. Still several SSH packets, so a fast renderer keeps
 * the channel flowing (the bench saw no throughput cost on loopback).
 * 16 KiB low: the channel resumes while xterm still has a packet's worth queued, and the
 * renderer's ack batches (renderer/src/terminal/ack-batcher.ts) are that size, so one ack can resume it.
 */
export const DEFAULT_HIGH_WATERMARK = 64 * 1024;
export const DEFAULT_LOW_WATERMARK = 16 * 1024;

export type FlowAction = 'pause' | 'resume' | null;

export interface FlowControl {
  /** Output of `bytes` raw bytes went to the renderer; 'pause' when the channel must stop. */
  sent(bytes: number): FlowAction;
  /** The renderer drew `bytes`; 'resume' when the channel may flow again. */
  acked(bytes: number): FlowAction;
  readonly unacked: number;
  readonly paused: boolean;
}

export function createFlowControl(high = DEFAULT_HIGH_WATERMARK, low = DEFAULT_LOW_WATERMARK): FlowControl {
  if (!(low >= 0 && high > low)) throw new RangeError(`watermarks must satisfy 0 <= low < high (got ${low}, ${high})`);
  let unacked = 0;
  let paused = false;
  return {
    sent(bytes) {
      unacked += bytes;
      if (!paused && unacked > high) {
        paused = true;
        return 'pause';
      }
      return null;
    },
    acked(bytes) {
      // A renderer that acknowledges more than it was sent is buggy; never let the count go negative.
      unacked = Math.max(0, unacked - bytes);
      if (paused && unacked <= low) {
        paused = false;
        return 'resume';
      }
      return null;
    },
    get unacked() {
      return unacked;
    },
    get paused() {
      return paused;
    },
  };
}

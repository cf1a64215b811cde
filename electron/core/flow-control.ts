// Output flow control for one terminal (peers.md lesson 8): count the bytes sent to the renderer
// and not yet acknowledged; above the high watermark pause the SSH channel, at or below the low
// watermark resume it. Pausing the channel stops ssh2's window adjusts, which stops the gateway
// reading from the target: real backpressure, and nothing is ever dropped. Pure, no I/O.

/**
 * 256 KiB of undrawn output is a few frames of xterm.js parsing, so Ctrl+C still reaches the
 * screen quickly during a flood, yet large enough that a fast stream is not paused per chunk.
 * 32 KiB low keeps some output queued while the channel refills (one SSH packet is 32 KiB).
 */
export const DEFAULT_HIGH_WATERMARK = 256 * 1024;
export const DEFAULT_LOW_WATERMARK = 32 * 1024;

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

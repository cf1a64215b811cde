// When the player's screen after a seek (or at opening) is on screen, as a performance mark the
// review benchmark times "seek → pixels" by (and anyone can see in a profile). Drawn means: xterm
// has parsed every write (a write's callback), rendered the rows (its renderer does so in an
// animation frame queued while parsing, so before ours), and the browser has painted that frame
// (a task posted from the frame runs after its style, layout and paint).

/** Marked once per seek's frame; `detail`: { to } (s into the recording), `opening` on the first. */
export const FRAME_PAINTED_MARK = 'portcullis:review-frame-painted';

export interface FramePaintedDetail {
  to: number;
  opening: boolean;
}

/** What is needed of an xterm: a write whose callback runs once it is parsed. */
export interface WritableTerminal {
  write(data: string, callback?: () => void): void;
}

export interface FrameScheduler {
  frame(callback: () => void): void;
  task(callback: () => void): void;
}

/** The browser's: an animation frame, then a message task (runs after the frame is painted). */
export function browserScheduler(): FrameScheduler {
  return {
    frame: (callback) => requestAnimationFrame(() => callback()),
    task: (callback) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        callback();
      };
      channel.port2.postMessage(null);
    },
  };
}

/** Resolves once what was written to `term` so far is parsed, rendered and painted. */
export function afterPaint(term: WritableTerminal, scheduler: FrameScheduler): Promise<void> {
  return new Promise((resolve) => term.write('', () => scheduler.frame(() => scheduler.task(resolve))));
}

/** Marks FRAME_PAINTED_MARK once `settled` (the seek) is done and its frame painted; never throws. */
export async function markFramePainted(term: WritableTerminal, settled: Promise<unknown>, detail: FramePaintedDetail, scheduler: FrameScheduler = browserScheduler()): Promise<void> {
  try {
    await settled;
    await afterPaint(term, scheduler);
    performance.mark(FRAME_PAINTED_MARK, { detail });
  } catch {
    // A failed seek shows its error; it has no frame to mark.
  }
}

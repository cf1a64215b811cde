// Schedules an ack flush for the next animation frame, with a timeout as a fallback because
// hidden windows and background tabs get no animation frames (their output must still be acked).
import type { Schedule } from './ack-batcher';

export const nextFrame: Schedule = (callback) => {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    cancelAnimationFrame(frame);
    clearTimeout(timer);
    callback();
  };
  const frame = requestAnimationFrame(run);
  const timer = setTimeout(run, 50);
  return () => {
    done = true;
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
};

// The metrics strip under the player: where the playhead is on the strip's time axis, and which
// recording time a point of the strip stands for. Second 0 of the recording is the session's
// start; the axis runs over the window the gateway answered (which may start a little earlier
// and end a little later, in whole seconds). Pure: the strip measures, this maps.

export interface StripScale {
  /** The session's start, ms since the epoch: recording time 0. */
  startedAt: number;
  /** The axis, ms since the epoch. */
  start: number;
  end: number;
  /** The recording's length, s: a seek never goes past it. */
  duration: number;
}

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

/** The playhead's place on the axis, 0 (left) to 1 (right). */
export function cursorFraction(pos: number, scale: StripScale): number {
  const span = scale.end - scale.start;
  return span > 0 ? clamp((scale.startedAt + pos * 1000 - scale.start) / span, 0, 1) : 0;
}

/** The recording time (s) a point of the axis stands for (0 left, 1 right), within the recording. */
export function posAtFraction(fraction: number, scale: StripScale): number {
  const at = scale.start + clamp(fraction, 0, 1) * (scale.end - scale.start);
  return clamp((at - scale.startedAt) / 1000, 0, Math.max(0, scale.duration));
}

// The player's clock: where in the recording (seconds) playback is after some wall time at a speed,
// with long pauses cut to the idle cap; and what the keyboard and the command markers ask for. Pure.

export const SPEEDS = [0.25, 0.5, 1, 2, 4, 8, 16, 32] as const;
export const SEEK_STEP_S = 5;
export const SEEK_FRACTION = 0.1;
/** The player opens this long before a command chosen in the command search. */
export const LEAD_IN_S = 2;

export interface ClockStep {
  /** Recording time now. */
  pos: number;
  /** Wall seconds since the last step. */
  wallDt: number;
  speed: number;
  /** Longest pause played as it was (s); 0: none cut. */
  idleCap: number;
  /** Time of the last event shown (≤ pos). */
  lastEventT: number;
  /** Time of the next event to show; undefined when none is known yet. */
  nextEventT: number | undefined;
}

/** Recording time after a step: a pause longer than the idle cap ends once the cap has been played. */
export function advance({ pos, wallDt, speed, idleCap, lastEventT, nextEventT }: ClockStep): number {
  const next = pos + wallDt * speed;
  if (nextEventT === undefined || idleCap <= 0 || nextEventT - lastEventT <= idleCap) return next;
  const capEnd = lastEventT + idleCap;
  // Past the cap: the rest of the pause is skipped, and what is left of the step plays after it.
  return next <= capEnd ? next : nextEventT + (next - Math.max(capEnd, pos));
}

export interface Marker {
  id: number;
  t: number;
  command: string;
}

/** A marker's place on the seek bar, 0–100 (%). */
export const markerLeft = (t: number, duration: number): number => (duration > 0 ? Math.min(100, Math.max(0, (t / duration) * 100)) : 0);

/** How far from a marker the position must be to count as past it: a seek lands on the marker's own time. */
const AT_MARKER_S = 0.01;

/**
 * The command before `pos` ([ key): from a marker, the one before it, however close (commands
 * typed in quick succession are a fraction of a second apart); while playing past a marker, that one.
 */
export function previousMarker(markers: readonly Marker[], pos: number): Marker | undefined {
  return markers.filter((m) => m.t < pos - AT_MARKER_S).at(-1);
}

export function nextMarker(markers: readonly Marker[], pos: number): Marker | undefined {
  return markers.find((m) => m.t > pos + AT_MARKER_S);
}

export type PlayerKey = { kind: 'toggle' } | { kind: 'seek'; to: number; marker?: number } | { kind: 'none' };

export interface KeyState {
  pos: number;
  duration: number;
  markers: readonly Marker[];
}

/** What a key does in the player: space, ←/→ 5 s, Shift+←/→ 10 %, [ / ] previous / next command. */
export function playerKey(key: { key: string; shiftKey: boolean; ctrlKey?: boolean; altKey?: boolean; metaKey?: boolean }, s: KeyState): PlayerKey {
  if (key.ctrlKey || key.altKey || key.metaKey) return { kind: 'none' };
  const clamp = (t: number) => Math.min(s.duration, Math.max(0, t));
  switch (key.key) {
    case ' ':
      return { kind: 'toggle' };
    case 'ArrowLeft':
      return { kind: 'seek', to: clamp(s.pos - (key.shiftKey ? s.duration * SEEK_FRACTION : SEEK_STEP_S)) };
    case 'ArrowRight':
      return { kind: 'seek', to: clamp(s.pos + (key.shiftKey ? s.duration * SEEK_FRACTION : SEEK_STEP_S)) };
    case '[':
    case ']': {
      const m = key.key === '[' ? previousMarker(s.markers, s.pos) : nextMarker(s.markers, s.pos);
      return m ? { kind: 'seek', to: m.t, marker: m.id } : { kind: 'none' };
    }
    default:
      return { kind: 'none' };
  }
}

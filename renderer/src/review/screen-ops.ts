// What a recording's events do to a screen, as operations a terminal applies in one go: output
// merged into one write between resizes, so a seek (or a frame's worth of events) costs one write,
// not one per event. Pure: the player applies them to its xterm, the tests to @xterm/headless.

/** One asciicast v2 event: seconds, type (o output, i input, r resize "COLSxROWS", m marker), data. */
export type CastEvent = [number, string, string];

export type ScreenOp = { kind: 'write'; data: string } | { kind: 'resize'; cols: number; rows: number };

/** What a player's screen is: @xterm/xterm's and @xterm/headless's Terminal both fit. */
export interface ScreenLike {
  reset(): void;
  resize(cols: number, rows: number): void;
  write(data: string): void;
  /** Resolves once everything written so far is parsed (xterm parses writes later). */
  drained(): Promise<void>;
}

const MAX_SIZE = 1000;

/** "COLSxROWS" → its size; null for 0×0 (a pty that sent none) or anything malformed. */
export function parseResize(data: string): { cols: number; rows: number } | null {
  const m = /^(\d{1,4})x(\d{1,4})$/.exec(data);
  if (!m) return null;
  const cols = Number(m[1]);
  const rows = Number(m[2]);
  return cols > 0 && rows > 0 && cols <= MAX_SIZE && rows <= MAX_SIZE ? { cols, rows } : null;
}

/** The screen operations of some events, in order: consecutive output joined into one write. */
export function opsOf(events: readonly CastEvent[]): ScreenOp[] {
  const ops: ScreenOp[] = [];
  let pending = '';
  for (const [, type, data] of events) {
    if (type === 'o') pending += data;
    else if (type === 'r') {
      const size = parseResize(data);
      if (!size) continue;
      if (pending) ops.push({ kind: 'write', data: pending });
      pending = '';
      ops.push({ kind: 'resize', ...size });
    }
  }
  if (pending) ops.push({ kind: 'write', data: pending });
  return ops;
}

/** Index of the first event later than `t` (events are in time order). */
export function firstAfter(events: readonly CastEvent[], t: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (events[mid]![0] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface SeekStart {
  /** The keyframe the gateway answered a seek with (an empty snapshot: an empty screen). */
  keyframe: { t: number; cols: number; rows: number; snapshot: string };
}

/** A seek's start: a clean screen of the keyframe's size showing the keyframe. */
export function keyframeOps({ keyframe }: SeekStart): ScreenOp[] {
  const ops: ScreenOp[] = [{ kind: 'resize', cols: keyframe.cols, rows: keyframe.rows }];
  if (keyframe.snapshot) ops.push({ kind: 'write', data: keyframe.snapshot });
  return ops;
}

/**
 * Applies operations; `reset` first clears the screen (a seek). A resize waits until the output
 * before it is parsed: xterm resizes at once but parses writes later.
 */
export async function applyOps(screen: ScreenLike, ops: readonly ScreenOp[], reset = false): Promise<void> {
  if (reset) screen.reset();
  for (const op of ops) {
    if (op.kind === 'resize') {
      await screen.drained();
      screen.resize(op.cols, op.rows);
    } else screen.write(op.data);
  }
}

/** What xtermScreen needs of an xterm Terminal (browser or headless). */
export interface XtermLike {
  readonly cols: number;
  write(data: string, callback?: () => void): void;
  resize(cols: number, rows: number): void;
}

/**
 * Clears a screen of `cols` columns to what a fresh terminal shows: the normal buffer, no
 * scrollback, the cursor home and shown, default modes, attributes, character sets, scroll region
 * and tab stops (every 8 columns). Not RIS (ESC c): on a full reset xterm.js also sets its size
 * options, and a size unlike the last reset's makes its renderer rebuild its styles and measure
 * every glyph again, tens of ms a seek in the browser.
 */
export function screenReset(cols: number): string {
  let tabs = '\x1b[3g';
  for (let col = 9; col <= cols; col += 8) tabs += `\x1b[${col}G\x1bH`;
  // Plain attributes before erasing (erase paints the background); DECSTR after the scrollback is
  // gone, as it saves the cursor where the top of the buffer is then.
  return '\x1b[?1049l\x1b[0m\x1b[H\x1b[2J\x1b[3J\x1b[!p' + tabs + '\x1b[H';
}

/** An xterm as a ScreenLike; its reset is written in band, so it lands after earlier output. */
export function xtermScreen(term: XtermLike): ScreenLike {
  return {
    reset: () => term.write(screenReset(term.cols)),
    resize: (cols, rows) => term.resize(cols, rows),
    write: (data) => term.write(data),
    drained: () => new Promise((resolve) => term.write('', resolve)),
  };
}

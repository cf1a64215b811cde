// The largest terminal the gateway accepts, in one place for the gateway and the client. A
// terminal request carries 32-bit sizes; the recorder's headless screen costs ~12 bytes per cell
// per line kept, so an unchecked size (4294967295 columns) froze the gateway and ran it out of
// memory. Requests beyond these are clamped, not refused: the session runs at the largest size.

/** Columns: generous for any real screen (a 4K display at a tiny font is ~640). */
export const MAX_TERMINAL_COLS = 2000;
/** Rows. */
export const MAX_TERMINAL_ROWS = 1000;
/** Pixel sizes travel to the target's TIOCSWINSZ, a 16-bit field. */
export const MAX_TERMINAL_PIXELS = 65535;
/** What a zero or unreadable size means (SSH allows 0 for "unknown"). */
export const DEFAULT_TERMINAL_COLS = 80;
export const DEFAULT_TERMINAL_ROWS = 24;

export interface TerminalSize {
  cols: number;
  rows: number;
  /** Pixels; 0 means unknown. */
  width: number;
  height: number;
}

/** An integer within [1, max]; `fallback` for 0 or anything that is not a positive number. */
function clampCells(value: number, max: number, fallback: number): number {
  if (!Number.isFinite(value) || value < 1) return fallback;
  return Math.min(Math.floor(value), max);
}

function clampPixels(value: number): number {
  if (!Number.isFinite(value) || value < 0) return 0;
  return Math.min(Math.floor(value), MAX_TERMINAL_PIXELS);
}

/** The size within the limits: too large is clamped to the largest, zero or nonsense is 80x24. */
export function clampTerminalSize(size: TerminalSize): TerminalSize {
  return {
    cols: clampCells(size.cols, MAX_TERMINAL_COLS, DEFAULT_TERMINAL_COLS),
    rows: clampCells(size.rows, MAX_TERMINAL_ROWS, DEFAULT_TERMINAL_ROWS),
    width: clampPixels(size.width),
    height: clampPixels(size.height),
  };
}

/** Whether clampTerminalSize changes anything (worth a log line). */
export function exceedsTerminalLimits(size: Pick<TerminalSize, 'cols' | 'rows'>): boolean {
  return size.cols > MAX_TERMINAL_COLS || size.rows > MAX_TERMINAL_ROWS;
}

// The player's font size: the recording's screen is drawn at its own columns and rows, so the font
// shrinks until that screen fits the room the window gives it (a narrow window, a 200-column
// recording), and grows back to the usual size when there is room. Pure: the player measures.

export const FIT_MAX_FONT = 13;
export const FIT_MIN_FONT = 6;

export interface Size {
  width: number;
  height: number;
}

/** The font size at which a screen measured `drawn` at `font` fits `room` (whole points, clamped). */
export function fittedFontSize(font: number, drawn: Size, room: Size): number {
  if (drawn.width <= 0 || drawn.height <= 0 || room.width <= 0 || room.height <= 0) return font;
  const scale = Math.min(room.width / drawn.width, room.height / drawn.height);
  return Math.min(FIT_MAX_FONT, Math.max(FIT_MIN_FONT, Math.floor(font * scale)));
}

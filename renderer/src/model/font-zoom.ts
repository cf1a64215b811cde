// Font zoom (Ctrl+=, Ctrl+-, Ctrl+0): an offset in points from the font size in the settings, kept
// per pane or for every pane (the `fontZoom` setting). Pure, so the steps and bounds are unit-tested.

/** The settings' own bounds for the font size (shared/contract/profiles.ts): zoom stays inside them. */
export const FONT_SIZE_MIN = 6;
export const FONT_SIZE_MAX = 48;

export type ZoomStep = 'in' | 'out' | 'reset';

const clampSize = (size: number) => Math.min(FONT_SIZE_MAX, Math.max(FONT_SIZE_MIN, Math.round(size)));

/** The size a terminal draws with: the settings' size plus the zoom, within the bounds. */
export function zoomedFontSize(base: number, offset: number): number {
  return clampSize(base + offset);
}

/**
 * The zoom after one step. One point a step; the offset never goes past a bound (so zooming out
 * after hitting the ceiling shrinks at once, not after a few "invisible" steps).
 */
export function nextZoom(base: number, offset: number, step: ZoomStep): number {
  if (step === 'reset') return 0;
  const from = zoomedFontSize(base, offset);
  return clampSize(from + (step === 'in' ? 1 : -1)) - base;
}

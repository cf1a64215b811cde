import { describe, expect, it } from 'vitest';
import { FIT_MAX_FONT, FIT_MIN_FONT, fittedFontSize } from './screen-fit';

describe('the player screen fit', () => {
  it('shrinks the font until the screen fits the narrower of width and height', () => {
    // 120 columns drawn 960 px wide at 13 pt, in a 600 px wide room: 13 × 0.625 → 8 pt.
    expect(fittedFontSize(13, { width: 960, height: 500 }, { width: 600, height: 700 })).toBe(8);
    expect(fittedFontSize(13, { width: 500, height: 800 }, { width: 900, height: 400 })).toBe(6);
  });

  it('grows back to the usual size, never past it, and never below the smallest readable one', () => {
    expect(fittedFontSize(8, { width: 600, height: 300 }, { width: 1200, height: 900 })).toBe(FIT_MAX_FONT);
    expect(fittedFontSize(13, { width: 2000, height: 2000 }, { width: 100, height: 100 })).toBe(FIT_MIN_FONT);
  });

  it('keeps the font while nothing is measured yet (the window hidden, the screen not drawn)', () => {
    expect(fittedFontSize(11, { width: 0, height: 0 }, { width: 800, height: 600 })).toBe(11);
    expect(fittedFontSize(11, { width: 800, height: 400 }, { width: 0, height: 0 })).toBe(11);
  });

  it('is stable once it fits: measuring again at the fitted size changes nothing', () => {
    const room = { width: 700, height: 500 };
    const at13 = { width: 960, height: 520 };
    const font = fittedFontSize(13, at13, room);
    const drawn = { width: (at13.width * font) / 13, height: (at13.height * font) / 13 };
    expect(fittedFontSize(font, drawn, room)).toBe(font);
  });
});

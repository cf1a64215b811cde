import { describe, expect, it } from 'vitest';
import { FONT_SIZE_MAX, FONT_SIZE_MIN, nextZoom, zoomedFontSize } from './font-zoom';

describe('font zoom', () => {
  it('steps one point in and out from the settings size, and resets to it', () => {
    expect(nextZoom(13, 0, 'in')).toBe(1);
    expect(zoomedFontSize(13, nextZoom(13, 1, 'in'))).toBe(15);
    expect(nextZoom(13, 0, 'out')).toBe(-1);
    expect(nextZoom(13, 7, 'reset')).toBe(0);
    expect(zoomedFontSize(13, 0)).toBe(13);
  });

  it('stops at the bounds, and the first step back moves at once', () => {
    let offset = 0;
    for (let i = 0; i < 100; i++) offset = nextZoom(13, offset, 'in');
    expect(zoomedFontSize(13, offset)).toBe(FONT_SIZE_MAX);
    expect(offset).toBe(FONT_SIZE_MAX - 13);
    expect(zoomedFontSize(13, nextZoom(13, offset, 'out'))).toBe(FONT_SIZE_MAX - 1);
    for (let i = 0; i < 100; i++) offset = nextZoom(13, offset, 'out');
    expect(zoomedFontSize(13, offset)).toBe(FONT_SIZE_MIN);
    expect(zoomedFontSize(13, nextZoom(13, offset, 'in'))).toBe(FONT_SIZE_MIN + 1);
  });

  it('keeps a zoomed size inside the bounds when the settings size changes under it', () => {
    // Zoomed +10 at 13, then the settings go to 46: the terminal draws at the ceiling, not 56.
    expect(zoomedFontSize(46, 10)).toBe(FONT_SIZE_MAX);
    expect(zoomedFontSize(46, nextZoom(46, 10, 'out'))).toBe(FONT_SIZE_MAX - 1);
  });
});

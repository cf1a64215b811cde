import { describe, expect, it } from 'vitest';
import { splitInput } from './input';

describe('splitInput', () => {
  it('passes keystrokes through as one chunk', () => {
    expect(splitInput('a')).toEqual(['a']);
    expect(splitInput('\x1b[A')).toEqual(['\x1b[A']);
    expect(splitInput('')).toEqual([]);
  });

  it('splits a large paste into bounded chunks that join back to the original', () => {
    const paste = 'x'.repeat(200_001);
    const chunks = splitInput(paste, 65_536);
    expect(chunks.every((c) => c.length <= 65_536)).toBe(true);
    expect(chunks.join('')).toBe(paste);
    expect(chunks).toHaveLength(4);
  });

  it('never cuts a surrogate pair', () => {
    const paste = 'ab😀cd😀😀e'.repeat(50);
    for (const max of [2, 3, 4, 5, 7]) {
      const chunks = splitInput(paste, max);
      expect(chunks.join('')).toBe(paste);
      for (const chunk of chunks) {
        expect(chunk.length).toBeLessThanOrEqual(max);
        expect(chunk.length).toBeGreaterThan(0);
        // A well-formed string survives an encode/decode round trip unchanged.
        expect(new TextDecoder().decode(new TextEncoder().encode(chunk))).toBe(chunk);
      }
    }
  });
});

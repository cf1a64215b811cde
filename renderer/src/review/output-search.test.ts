import { describe, expect, it } from 'vitest';
import { MAX_MATCHES, OutputSearch, visibleText } from './output-search';

describe('OutputSearch', () => {
  it('finds text through colours, case and splits across events and chunks, one time per event', () => {
    const s = new OutputSearch('Secret');
    s.feed([
      [1, 'o', 'no match here'],
      [2, 'o', 'the \x1b[31mSEC'],
      [2.5, 'i', 'ret'],
    ]);
    s.feed([
      [3, 'o', 'ret\x1b[0m and secret again'],
      [4, 'o', '\x1b]0;secret title\x07plain'],
    ]);
    expect(s.matches).toEqual([3]);
  });
  it('a match inside the kept tail is not counted twice', () => {
    const s = new OutputSearch('abc');
    s.feed([
      [1, 'o', 'xxabc'],
      [2, 'o', 'yy'],
      [3, 'o', 'abc'],
    ]);
    expect(s.matches).toEqual([1, 3]);
  });
  it('stops when full, and an empty query finds nothing', () => {
    const s = new OutputSearch('a');
    const events = Array.from({ length: MAX_MATCHES + 5 }, (_, i): [number, string, string] => [i, 'o', 'a']);
    expect(s.feed(events)).toBe(false);
    expect(s.matches).toHaveLength(MAX_MATCHES);
    expect(new OutputSearch('').feed(events)).toBe(false);
  });
  it('takes escape sequences out of what is searched', () => {
    expect(visibleText('\x1b[1;31mred\x1b[0m \x1b]0;t\x07x\x1b=')).toBe('red x');
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLineSplitter } from './lines';

describe('line splitter', () => {
  it('gives whole lines whatever the chunking, multi-byte characters included', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 20 }), { maxLength: 12 }), fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1 }), (lines, cuts) => {
        const text = Buffer.from(lines.map((l) => l.replace(/[\r\n]/g, '') + '\n').join(''));
        const split = createLineSplitter(1000);
        const out: string[] = [];
        for (let at = 0, i = 0; at < text.length; i++) {
          const size = cuts[i % cuts.length]!;
          out.push(...split.push(text.subarray(at, at + size)));
          at += size;
        }
        out.push(...split.flush());
        expect(out).toEqual(lines.map((l) => l.replace(/[\r\n]/g, '')));
      }),
    );
  });

  it('cuts an endless line at the limit and drops its rest up to the newline', () => {
    const split = createLineSplitter(4);
    expect(split.push(Buffer.from('abcdefgh'))).toEqual(['abcd']);
    expect(split.push(Buffer.from('ijklmnop'))).toEqual([]);
    expect(split.push(Buffer.from('q\nxy'))).toEqual([]);
    expect(split.push(Buffer.from('\r\n'))).toEqual(['xy']);
    expect(split.push(Buffer.from('last'))).toEqual([]);
    expect(split.flush()).toEqual(['last']);
  });
});

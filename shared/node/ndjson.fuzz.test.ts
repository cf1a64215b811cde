// Fuzzing the NDJSON codec with random bytes, random chunking and random pauses: it never throws,
// and every non-blank line comes out exactly once, in order, as a message or as an error.
import fc from 'fast-check';
import { Duplex, PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { fuzzParams } from '../testing/fuzz';
import { attachNdjson, createLineSplitter } from './ndjson';

const MAX_LINE = 64;

/** Lines of random bytes without a newline: short, empty, around the limit, far over it. */
const lineArb = fc.oneof(
  fc.uint8Array({ maxLength: 20 }),
  fc.uint8Array({ minLength: MAX_LINE - 2, maxLength: MAX_LINE + 2 }),
  fc.uint8Array({ minLength: 100, maxLength: 400 }),
  fc.jsonValue().map((v) => new TextEncoder().encode(JSON.stringify(v) ?? 'null')),
).map((bytes) => Buffer.from(bytes.map((b) => (b === 0x0a ? 0x20 : b))));

/** The input cut into chunks at random places. */
function chunked(input: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => c % (input.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let at = 0;
  for (const p of [...points, input.length]) {
    if (p > at) chunks.push(input.subarray(at, p));
    at = p;
  }
  return chunks;
}

describe('line splitter fuzz', () => {
  it('delivers each line once, in order, whatever the chunking and pauses', () => {
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 30 }), fc.boolean(), fc.array(fc.nat(), { maxLength: 20 }), fc.array(fc.boolean(), { maxLength: 50 }), (lines, finalNewline, cuts, pauses) => {
        const input = Buffer.concat(lines.flatMap((l, i) => (i < lines.length - 1 || finalNewline ? [l, Buffer.from('\n')] : [l])));
        const expected = lines.filter((l) => l.length > 0).map((l) => (l.length > MAX_LINE ? `!${l.length}` : l.toString('latin1')));
        const got: string[] = [];
        let p = 0;
        const s = createLineSplitter(MAX_LINE, (l) => (got.push(l.toString('latin1')), pauses[p++ % Math.max(1, pauses.length)] && s.pause()), (n) => got.push(`!${n}`));
        for (const chunk of chunked(input, cuts)) {
          s.push(chunk);
          while (s.paused) s.resume();
        }
        let ended = false;
        s.end(() => (ended = true));
        while (s.paused) s.resume();
        expect(ended).toBe(true);
        expect(got).toEqual(expected);
      }),
      fuzzParams(300),
    );
  });
});

describe('attachNdjson fuzz', () => {
  it('never throws and reports every non-blank line as exactly one message or error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(lineArb, { maxLength: 30 }), fc.array(fc.nat(), { maxLength: 10 }), async (lines, cuts) => {
        const input = Buffer.concat(lines.flatMap((l) => [l, Buffer.from('\n')]));
        const nonBlank = lines.filter((l) => l.length > MAX_LINE || l.toString('utf8').replace(/\r$/, '').trim() !== '').length;
        const toB = new PassThrough();
        const b = Duplex.from({ readable: toB, writable: new PassThrough() });
        let outcomes = 0;
        const closed = new Promise<void>((resolve) =>
          attachNdjson(b, { maxLine: MAX_LINE, onMessage: () => outcomes++, onError: () => outcomes++, onClose: () => resolve() }),
        );
        for (const chunk of chunked(input, cuts)) toB.write(chunk);
        toB.end();
        await closed;
        expect(outcomes).toBe(nonBlank);
      }),
      fuzzParams(200),
    );
  });
});

import { randomBytes } from 'node:crypto';
import { isUtf8 } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { escapeValidUtf8, wasmEscapeAvailable } from './json-escape-wasm';
import { escapeOf, JsonLineEncoder, plain, repeatedByte } from './json-line';
import { seededRandom } from '../../../shared/testing/seeded-random';

/** What the recording must hold for these bytes: the decoded text as JSON.stringify writes it. */
const expected = (data: Uint8Array) => JSON.stringify(new TextDecoder('utf-8').decode(data)).slice(1, -1);

/** Encodes `data` in chunks of the given sizes (cycled) into one buffer; returns the bytes. */
function encodeChunked(data: Uint8Array, sizes: number[]): Buffer {
  const enc = new JsonLineEncoder();
  const out = Buffer.alloc(JsonLineEncoder.maxBytes(data.length) + 16, 0xaa);
  let o = 0;
  for (let i = 0, k = 0; i < data.length; k++) {
    const chunk = data.subarray(i, i + sizes[k % sizes.length]!);
    const before = o;
    o = enc.encodeInto(chunk, out, o);
    expect(o - before).toBeLessThanOrEqual(JsonLineEncoder.maxBytes(chunk.length));
    i += chunk.length;
  }
  o = enc.endInto(out, o);
  expect(enc.carrying).toBe(false);
  return out.subarray(0, o);
}

describe('JsonLineEncoder', () => {
  it('writes exactly the bytes JSON.stringify writes for valid UTF-8', () => {
    const all = Buffer.from(Array.from({ length: 128 }, (_, b) => b));
    for (const text of ['', 'plain', 'quote " backslash \\ tab \t', '\x00\x00\x00\x01\x1b[31mred\x7f', 'héllo ✓ 𝄞 \r\n', '\x00'.repeat(20) + 'x' + '\x1b'.repeat(9)]) {
      const out = Buffer.alloc(JsonLineEncoder.maxBytes(Buffer.byteLength(text)));
      const end = new JsonLineEncoder().encodeInto(Buffer.from(text), out, 0);
      expect(out.subarray(0, end).toString('utf8')).toBe(JSON.stringify(text).slice(1, -1));
    }
    expect(encodeChunked(all, [128]).toString('latin1')).toBe(expected(all));
  });

  it('matches TextDecoder + JSON.stringify on random bytes in any chunking (split and invalid UTF-8)', () => {
    // Random bytes are mostly invalid UTF-8; text with multi-byte characters cut anywhere is valid.
    const text = Buffer.from('héllo ✓ 𝄞 wörld \x1b[1m"q"\\ \r\n\x00'.repeat(200));
    const random = randomBytes(30_000);
    const mixed = Buffer.concat([text.subarray(0, 5000), random.subarray(0, 5000), text.subarray(3, 4000)]);
    for (const data of [text, random, mixed]) {
      for (const sizes of [[1], [2], [3], [7, 1, 64], [4096], [data.length]]) {
        expect(encodeChunked(data, sizes).toString('utf8')).toBe(expected(data));
      }
    }
  });

  it('replaces invalid sequences like the WHATWG decoder, and a sequence cut at the very end', () => {
    const cases = [[0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82], [0xff], [0xf0, 0x9d, 0x84], [0x61, 0xe2], [0xe2, 0x82, 0x61]];
    for (const bad of cases) {
      for (const sizes of [[1], [bad.length]]) expect(encodeChunked(Buffer.from(bad), sizes).toString('utf8')).toBe(expected(Buffer.from(bad)));
    }
  });

  it('writes only the carried bytes when a chunk is nothing but the start of a sequence', () => {
    const enc = new JsonLineEncoder();
    const out = Buffer.alloc(64);
    expect(enc.encodeInto(Buffer.from([0xf0, 0x9d]), out, 5)).toBe(5);
    expect(enc.carrying).toBe(true);
    const end = enc.encodeInto(Buffer.from([0x84, 0x9e, 0x41]), out, 5);
    expect(out.subarray(5, end).toString('utf8')).toBe('𝄞A');
  });

  it('finds chunks that are one byte repeated, and knows which bytes need an escape', () => {
    expect(repeatedByte(Buffer.alloc(32768))).toBe(0);
    expect(repeatedByte(Buffer.alloc(5000, 0x1b))).toBe(0x1b);
    const almost = Buffer.alloc(32768);
    for (const at of [1, 4095, 16384, 32766]) {
      almost[at] = 1;
      expect(repeatedByte(almost)).toBe(-1);
      almost[at] = 0;
    }
    expect(repeatedByte(Buffer.alloc(100, 0xc3))).toBe(-1); // not ASCII
    expect(repeatedByte(Buffer.alloc(0))).toBe(-1);
    expect(escapeOf(0)?.toString()).toBe('\\u0000');
    expect(escapeOf(0x0a)?.toString()).toBe('\\n');
    expect(escapeOf(0x22)?.toString()).toBe('\\"');
    expect(escapeOf(0x61)).toBeUndefined();
    expect(escapeOf(0x7f)).toBeUndefined(); // DEL: JSON.stringify leaves it
  });
});

describe('the two escapers of valid UTF-8', () => {
  it('SIMD (WebAssembly) and the JS loop write the same bytes as JSON.stringify, at any alignment and length', () => {
    expect(wasmEscapeAvailable).toBe(true); // Node ≥ 16 has WebAssembly SIMD
    const text = Buffer.from('héllo ✓ 𝄞 "q" \\ \x1b[1m\x00\x7f\r\n plain plain plain plain plain '.repeat(300));
    const out = Buffer.alloc(6 * text.length + 64);
    for (const [start, len] of [[0, 0], [0, 1], [1, 15], [3, 16], [5, 17], [0, 31], [7, 4096], [0, text.length]] as const) {
      const data = text.subarray(start, start + len);
      if (!isUtf8(data)) continue;
      const want = JSON.stringify(data.toString('utf8')).slice(1, -1);
      expect(out.subarray(9, escapeValidUtf8(data, out, 9)).toString('utf8')).toBe(want);
      expect(out.subarray(2, plain(data, out, 2)).toString('utf8')).toBe(want);
    }
    const big = Buffer.from(randomBytes(100_000).toString('base64').replace(/.{76}/g, '$&\n'));
    const end = new JsonLineEncoder().encodeInto(big, Buffer.alloc(JsonLineEncoder.maxBytes(big.length)).fill(0), 0);
    expect(end).toBe(big.length + big.toString().split('\n').length - 1); // \n is 2 bytes; more than one WASM_PIECE
  });

  it('SIMD escaping matches JSON.stringify for any density of escapes in a block (none, one, a few, all)', () => {
    const random = seededRandom(7);
    const escapes = ['\n', '\r', '\t', '"', '\\', '\x1b', '\x00'];
    const plainText = ['a', 'Z', '0', ' ', '~', 'é', '✓', '𝄞', '\x7f'];
    const pick = (xs: string[]) => xs[Math.floor(random() * xs.length)]!;
    const out = Buffer.alloc(6 * 4096 + 64);
    for (let round = 0; round < 400; round++) {
      const density = [0, 0.01, 0.07, 0.15, 0.3, 1][round % 6]!; // share of characters to escape
      let text = '';
      const length = Math.floor(random() * 300);
      while (text.length < length) text += random() < density ? pick(escapes) : pick(plainText);
      const data = Buffer.from(text);
      const at = Math.floor(random() * 32);
      expect(out.subarray(at, escapeValidUtf8(data, out, at)).toString('utf8')).toBe(expected(data));
    }
  });
});

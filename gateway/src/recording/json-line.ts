// Encodes terminal bytes as the body of a JSON string (an asciicast event's data), the recorder's
// cost per byte. It writes straight into a buffer the caller owns (cast-writer's reusable slabs):
// no intermediate JS strings, no allocation per chunk. The bytes are what JSON.stringify writes
// for the decoded text: control bytes, `"` and `\` escaped, everything else (DEL, UTF-8 text)
// copied as is. Invalid UTF-8 becomes U+FFFD, as a TextDecoder makes it, so the file is always
// valid UTF-8 JSON; a sequence cut at the end of a chunk waits for the next chunk.
//
// Valid UTF-8 (checked natively with isUtf8), the common case, goes through the SIMD escaper
// (json-escape-wasm.ts); V8's JSON.stringify with the string↔Buffer conversions around it, and a
// JS byte loop, ran at a third of its speed (docs/BENCHMARKS.md).
import { isUtf8 } from 'node:buffer';
import { escapeValidUtf8, WASM_PIECE, wasmEscapeAvailable } from './json-escape-wasm';

/** ESCAPES[b]: the bytes JSON.stringify writes for ASCII byte b ('' for bytes copied as they are). */
const ESCAPES: Buffer[] = [];
/** 1 for bytes copied unchanged when the chunk is known to be valid UTF-8. */
const PLAIN = new Uint8Array(256);
for (let b = 0; b < 0x100; b++) {
  const needs = b < 0x20 || b === 0x22 || b === 0x5c;
  PLAIN[b] = needs ? 0 : 1;
  if (b < 0x80) ESCAPES[b] = Buffer.from(needs ? JSON.stringify(String.fromCharCode(b)).slice(1, -1) : '', 'latin1');
}

/** The JSON bytes for an ASCII byte that needs escaping, or undefined when it is written as is. */
export function escapeOf(b: number): Buffer | undefined {
  const e = ESCAPES[b];
  return e && e.length > 0 ? e : undefined;
}

/** The byte `data` consists of when it is one ASCII byte repeated (a NUL flood), else -1. */
export function repeatedByte(data: Uint8Array): number {
  const n = data.length;
  const b = data[0]!;
  if (n === 0 || b >= 0x80 || data[n - 1] !== b) return -1;
  // Compare the chunk with itself shifted by one block, doubling: native compares, no JS loop.
  const buf = Buffer.from(data.buffer, data.byteOffset, n);
  let same = 1;
  while (same < n) {
    const len = Math.min(same, n - same);
    if (buf.compare(buf, same, same + len, 0, len) !== 0) return -1;
    same += len;
  }
  return b;
}

/**
 * Length of the valid UTF-8 sequence at data[i] (2-4); 0 if the end cuts it off; if invalid, minus
 * the length of its longest valid start (replaced by one U+FFFD, as the WHATWG decoder does).
 */
function utf8Length(data: Uint8Array, i: number, end: number): number {
  const b = data[i]!;
  let n: number;
  let lo = 0x80;
  let hi = 0xbf;
  if (b >= 0xc2 && b <= 0xdf) n = 2;
  else if (b >= 0xe0 && b <= 0xef) {
    n = 3;
    if (b === 0xe0) lo = 0xa0;
    else if (b === 0xed) hi = 0x9f; // no surrogates
  } else if (b >= 0xf0 && b <= 0xf4) {
    n = 4;
    if (b === 0xf0) lo = 0x90;
    else if (b === 0xf4) hi = 0x8f; // nothing above U+10FFFF
  } else return -1;
  for (let k = 1; k < n; k++) {
    if (i + k >= end) return 0;
    const c = data[i + k]!;
    if (c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return -k;
  }
  return n;
}

/** Second result of escapeRun: the index after the run (a module variable: no allocation per call). */
let runEnd = 0;

/** Writes the escape of ASCII byte data[i] once per repeat of it from i; returns the new offset. */
function escapeRun(data: Uint8Array, i: number, n: number, out: Buffer, o: number): number {
  const b = data[i]!;
  let j = i + 1;
  while (j < n && data[j] === b) j++;
  runEnd = j;
  const escape = ESCAPES[b]!;
  const count = j - i;
  if (count > 8) {
    // A flood of one control byte: one native pattern fill.
    const len = escape.length * count;
    out.fill(escape, o, o + len);
    return o + len;
  }
  for (let k = 0; k < count; k++) for (let e = 0; e < escape.length; e++) out[o++] = escape[e]!;
  return o;
}

export class JsonLineEncoder {
  private carry: Buffer | undefined;

  /** Bytes encodeInto() writes at most for `n` input bytes (6 per byte, plus a carried sequence). */
  static maxBytes(n: number): number {
    return 6 * (n + 3);
  }

  /** Whether a cut-off UTF-8 sequence waits for the next chunk. */
  get carrying(): boolean {
    return this.carry !== undefined;
  }

  /**
   * Writes the JSON string body of `data` into `out` at `o` (room: maxBytes(data.length)) and
   * returns the offset after it. Bytes of a UTF-8 sequence cut off at the end of `data` are kept
   * for the next call (or endInto()): the result may then equal `o`.
   */
  encodeInto(data: Uint8Array, out: Buffer, o: number): number {
    if (this.carry) {
      const input = Buffer.concat([this.carry, data]);
      this.carry = undefined;
      return this.checked(input, out, o);
    }
    if (!isUtf8(data)) return this.checked(data, out, o);
    if (!wasmEscapeAvailable) return plain(data, out, o);
    for (let i = 0; i < data.length; i += WASM_PIECE) o = escapeValidUtf8(data.subarray(i, i + WASM_PIECE), out, o);
    return o;
  }

  /** What is left (a cut-off sequence) as U+FFFD into `out` at `o`; returns the new offset. */
  endInto(out: Buffer, o: number): number {
    if (!this.carry) return o;
    this.carry = undefined;
    out[o++] = 0xef;
    out[o++] = 0xbf;
    out[o++] = 0xbd;
    return o;
  }

  /** Chunks that are not known-valid UTF-8: each sequence is checked. */
  private checked(data: Uint8Array, out: Buffer, o: number): number {
    const end = data.length;
    for (let i = 0; i < end; i++) {
      const b = data[i]!;
      if (b < 0x80) {
        if (PLAIN[b] === 1) out[o++] = b;
        else {
          o = escapeRun(data, i, end, out, o);
          i = runEnd - 1;
        }
        continue;
      }
      const n = utf8Length(data, i, end);
      if (n > 0) {
        for (let k = 0; k < n; k++) out[o++] = data[i + k]!;
        i += n - 1;
      } else if (n === 0) {
        this.carry = Buffer.from(data.subarray(i)); // completed by the next chunk
        break;
      } else {
        out[o++] = 0xef; // U+FFFD
        out[o++] = 0xbf;
        out[o++] = 0xbd;
        i += -n - 1;
      }
    }
    return o;
  }
}

/** Valid UTF-8 without WebAssembly SIMD: every byte ≥ 0x80 is copied, ASCII goes through the table. */
export function plain(data: Uint8Array, out: Buffer, o: number): number {
  const end = data.length;
  for (let i = 0; i < end; i++) {
    const b = data[i]!;
    if (PLAIN[b] === 1) out[o++] = b;
    else {
      o = escapeRun(data, i, end, out, o);
      i = runEnd - 1;
    }
  }
  return o;
}

// Encodes terminal bytes into an asciicast event line (JSON), the recorder's cost per chunk.
// Two ways to the same bytes: plain text that is valid UTF-8 goes through V8's native
// JSON.stringify (fastest there); control-heavy output (where each byte becomes a 6-byte \u00XX
// escape and stringify is ~2x slower) and chunks that cut a UTF-8 sequence go through a byte loop
// that writes the escapes directly. Invalid UTF-8 becomes U+FFFD, as a TextDecoder would make it,
// so the file is always valid UTF-8 JSON; a sequence cut at the end of a chunk waits for the next.
import { isUtf8 } from 'node:buffer';

/** A few sampled bytes say whether the chunk is mostly control bytes (e.g. binary, NUL floods). */
function looksBinary(data: Uint8Array): boolean {
  const n = data.length;
  for (const i of [0, n >> 2, n >> 1, n - (n >> 2) - 1, n - 1]) {
    const b = data[i]!;
    if (b < 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09 && b !== 0x1b) return true;
  }
  return false;
}

const BLOCK = 4096;
const blocks = new Map<number, Buffer>();
/** BLOCK copies of byte b (runs are found with memcmp against it). */
function sameBytes(b: number): Buffer {
  let block = blocks.get(b);
  if (!block) blocks.set(b, (block = Buffer.alloc(BLOCK, b)));
  return block;
}

/** How JSON.stringify writes each ASCII byte that needs care (and DEL, which needs none). */
const ESCAPES: string[] = [];
for (let b = 0; b < 0x80; b++) ESCAPES[b] = b < 0x20 || b === 0x22 || b === 0x5c ? JSON.stringify(String.fromCharCode(b)).slice(1, -1) : String.fromCharCode(b);

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

export class JsonLineEncoder {
  private scratch = Buffer.allocUnsafe(64 * 1024);
  private carry: Buffer | undefined;

  /**
   * `prefix` + JSON string body of `data` + `suffix`, as one new Buffer. Bytes of a UTF-8
   * sequence cut off at the end of `data` are kept for the next call (or `end()`).
   */
  encode(prefix: string, data: Uint8Array, suffix: string): Buffer | undefined {
    if (data.length === 0) return undefined;
    if (!this.carry && !looksBinary(data) && isUtf8(data)) {
      // prefix ends with the opening quote and suffix starts with the closing one: stringify's own.
      const text = Buffer.from(data.buffer, data.byteOffset, data.length).toString('utf8');
      return Buffer.from(prefix.slice(0, -1) + JSON.stringify(text) + suffix.slice(1), 'utf8');
    }
    if (!this.carry && data[0]! < 0x80 && data[0] === data[data.length - 1]) {
      const line = this.oneByteRun(prefix, data, suffix);
      if (line) return line;
    }
    let input = data;
    if (this.carry) {
      input = Buffer.concat([this.carry, data]);
      this.carry = undefined;
    }
    const need = prefix.length * 3 + input.length * 6 + suffix.length * 3;
    if (this.scratch.length < need) this.scratch = Buffer.allocUnsafe(Math.max(need, this.scratch.length * 2));
    const out = this.scratch;
    let o = out.write(prefix, 0, 'utf8');
    const start = o;
    const end = input.length;
    for (let i = 0; i < end; i++) {
      const b = input[i]!;
      if (b >= 0x20 && b < 0x7f && b !== 0x22 && b !== 0x5c) {
        out[o++] = b;
      } else if (b < 0x80) {
        // A run of the same byte (a NUL flood) is found with native compares, then written with
        // one native pattern fill.
        let j = i + 1;
        const block = sameBytes(b);
        while (j + BLOCK <= end && block.compare(input, j, j + BLOCK) === 0) j += BLOCK;
        while (j < end && input[j] === b) j++;
        const escape = ESCAPES[b]!;
        out.fill(escape, o, o + escape.length * (j - i), 'latin1');
        o += escape.length * (j - i);
        i = j - 1;
      } else {
        const n = utf8Length(input, i, end);
        if (n > 0) {
          for (let k = 0; k < n; k++) out[o++] = input[i + k]!;
          i += n - 1;
        } else if (n === 0) {
          this.carry = Buffer.from(input.subarray(i)); // completed by the next chunk
          break;
        } else {
          out[o++] = 0xef; // U+FFFD
          out[o++] = 0xbf;
          out[o++] = 0xbd;
          i += -n - 1;
        }
      }
    }
    if (o === start) return undefined; // nothing but a carried partial sequence
    o += out.write(suffix, o, 'utf8');
    return Buffer.from(out.subarray(0, o));
  }

  /** A chunk that is one byte repeated (a NUL flood): sized exactly, no scratch copy. */
  private oneByteRun(prefix: string, data: Uint8Array, suffix: string): Buffer | undefined {
    const b = data[0]!;
    const block = sameBytes(b);
    let j = 0;
    while (j + BLOCK <= data.length && block.compare(data, j, j + BLOCK) === 0) j += BLOCK;
    while (j < data.length && data[j] === b) j++;
    if (j < data.length) return undefined;
    const escape = ESCAPES[b]!;
    const head = Buffer.byteLength(prefix);
    const out = Buffer.allocUnsafe(head + escape.length * data.length + Buffer.byteLength(suffix));
    out.write(prefix, 0, 'utf8');
    out.fill(escape, head, head + escape.length * data.length, 'latin1');
    out.write(suffix, head + escape.length * data.length, 'utf8');
    return out;
  }

  /** What is left (a cut-off sequence) as replacement characters; undefined when nothing. */
  end(prefix: string, suffix: string): Buffer | undefined {
    if (!this.carry) return undefined;
    this.carry = undefined;
    return Buffer.from(`${prefix}\ufffd${suffix}`, 'utf8');
  }
}

// JSON string escaping of known-valid UTF-8, 16 bytes at a time (WebAssembly SIMD): blocks with no
// byte that needs an escape (< 0x20, `"`, `\`) are copied as they are, a block with one or two of
// them is copied up to the first one, which goes through a table of escapes, and blocks dense
// with them go byte by byte through the table. Text with a newline per line runs at ~2 GB per
// CPU-second here (1.2 when every block with a newline went byte by byte); a JS byte loop and V8's
// JSON.stringify ran at ~300 MB per CPU-second, a third of what the relay itself needs per byte.
//
// The module is small enough to be written out below, instruction by instruction (the text form is
// in the comments), so there is no toolchain and no binary file to trust. Bytes ≥ 0x80 are copied:
// the caller has checked the chunk is valid UTF-8 (json-line.ts).

/** Input bytes one call handles at most; longer chunks are done in pieces. */
export const WASM_PIECE = 64 * 1024;
const TABLE = 0; // 256 entries of 8 bytes: [output length, output bytes…]
const SRC = 4096;
const DST = SRC + WASM_PIECE;
const PAGES = Math.ceil((DST + 6 * WASM_PIECE + 16) / 65536);

const leb = (n: number) => {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return out;
};
const section = (id: number, body: number[]) => [id, ...leb(body.length), ...body];
const vector = (items: number[][]) => [...leb(items.length), ...items.flat()];
const name = (s: string) => [...leb(s.length), ...Buffer.from(s, 'latin1')];
const func = (locals: number[][], code: number[]) => {
  const body = [...vector(locals), ...code, 0x0b];
  return [...leb(body.length), ...body];
};

// Opcodes used.
const [GET, SET, I32C, ADD, SUB, SHL, GEU, GTU] = [0x20, 0x21, 0x41, 0x6a, 0x6b, 0x74, 0x4f, 0x4b];
const [BLOCK, LOOP, IF, ELSE, END, BR, BRIF, CALL, VOID] = [0x02, 0x03, 0x04, 0x05, 0x0b, 0x0c, 0x0d, 0x10, 0x40];
const LOAD8U = [0x2d, 0x00, 0x00];
const I64LOAD1 = [0x29, 0x00, 0x01]; // offset 1: the entry's output bytes
const I64STORE = [0x37, 0x00, 0x00];
const V128LOAD = [0xfd, 0x00, 0x00, 0x00];
const V128STORE = [0xfd, 0x0b, 0x00, 0x00];
const splat = (b: number) => [0xfd, 0x0c, ...new Array<number>(16).fill(b)];
const [LTU8, EQ8, OR, BITMASK] = [
  [0xfd, 0x26],
  [0xfd, 0x23],
  [0xfd, 0x50],
  [0xfd, 0x64], // i8x16.bitmask: one bit per lane
];
const [EQZ, CTZ, POPCNT] = [0x45, 0x68, 0x69];

// func 0 bytes(p, len, o) -> o: each byte through the table; writes 8 bytes, advances by the entry's length.
const bytesFn = func(
  [[2, 0x7f]], // locals 3 = end, 4 = entry address
  [
    ...[GET, 0, GET, 1, ADD, SET, 3],
    ...[BLOCK, VOID, LOOP, VOID],
    ...[GET, 0, GET, 3, GEU, BRIF, 1], // p >= end: done
    ...[GET, 0, ...LOAD8U, I32C, 3, SHL, SET, 4], // entry = byte * 8
    ...[GET, 2, GET, 4, ...I64LOAD1, ...I64STORE], // *(u64*)o = *(u64*)(entry + 1)
    ...[GET, 2, GET, 4, ...LOAD8U, ADD, SET, 2], // o += entry length
    ...[GET, 0, I32C, 1, ADD, SET, 0, BR, 0],
    ...[END, END, GET, 2],
  ],
);
// func 1 escape(src, n, o) -> o: 16-byte blocks, each stored as it is first. A block with no byte to
// escape is done; one with a few (text: a newline every line) keeps its bytes up to the first of
// them, that byte goes through the table, and the next block starts right after it; a block with
// many (binary output) goes byte by byte.
const escapeFn = func(
  [
    [1, 0x7f], // local 3 = src end
    [1, 0x7b], // local 4 = the block (v128)
    [2, 0x7f], // locals 5 = mask of bytes to escape, 6 = index of the first
  ],
  [
    ...[GET, 0, GET, 1, ADD, SET, 3],
    ...[BLOCK, VOID, LOOP, VOID],
    ...[GET, 0, I32C, 16, ADD, GET, 3, GTU, BRIF, 1], // fewer than 16 left: the tail below
    ...[GET, 0, ...V128LOAD, SET, 4],
    ...[GET, 2, GET, 4, ...V128STORE],
    ...[GET, 4, ...splat(0x20), ...LTU8, GET, 4, ...splat(0x22), ...EQ8, ...OR, GET, 4, ...splat(0x5c), ...EQ8, ...OR, ...BITMASK, SET, 5],
    ...[GET, 5, EQZ, IF, VOID],
    ...[GET, 0, I32C, 16, ADD, SET, 0, GET, 2, I32C, 16, ADD, SET, 2],
    ...[ELSE, GET, 5, POPCNT, I32C, 2, GTU, IF, VOID],
    ...[GET, 0, I32C, 16, GET, 2, CALL, 0, SET, 2, GET, 0, I32C, 16, ADD, SET, 0], // many: byte by byte
    ...[ELSE, GET, 5, CTZ, SET, 6], // few: skip to the first, escape it, go on after it
    ...[GET, 0, GET, 6, ADD, SET, 0, GET, 2, GET, 6, ADD, SET, 2],
    ...[GET, 0, I32C, 1, GET, 2, CALL, 0, SET, 2, GET, 0, I32C, 1, ADD, SET, 0],
    ...[END, END, BR, 0],
    ...[END, END],
    ...[GET, 0, GET, 3, GET, 0, SUB, GET, 2, CALL, 0],
  ],
);
const I32 = 0x7f;
const MODULE = new Uint8Array([
  ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
  ...section(1, vector([[0x60, 3, I32, I32, I32, 1, I32]])),
  ...section(3, vector([[0], [0]])),
  ...section(5, vector([[0x00, ...leb(PAGES)]])),
  ...section(7, vector([[...name('mem'), 0x02, 0], [...name('escape'), 0x00, 1]])),
  ...section(10, vector([bytesFn, escapeFn])),
]);

interface Escaper {
  escape(src: number, n: number, o: number): number;
  heap: Uint8Array;
}

function instantiate(): Escaper | undefined {
  if (!WebAssembly.validate(MODULE)) return undefined; // no SIMD in this runtime
  const instance = new WebAssembly.Instance(new WebAssembly.Module(MODULE));
  const exports = instance.exports as { mem: WebAssembly.Memory; escape(src: number, n: number, o: number): number };
  const heap = new Uint8Array(exports.mem.buffer);
  for (let b = 0; b < 256; b++) {
    const escaped = b < 0x20 || b === 0x22 || b === 0x5c ? Buffer.from(JSON.stringify(String.fromCharCode(b)).slice(1, -1), 'latin1') : Buffer.from([b]);
    heap[TABLE + b * 8] = escaped.length;
    heap.set(escaped, TABLE + b * 8 + 1);
  }
  return { escape: exports.escape, heap };
}

const escaper = instantiate();

/** Whether the SIMD escaper runs here (else json-line.ts uses its JS loop). */
export const wasmEscapeAvailable = escaper !== undefined;

/**
 * Writes the JSON string body of `data` (valid UTF-8, at most WASM_PIECE bytes) into `out` at
 * `o`; returns the offset after it. `out` needs room for 6 bytes per input byte.
 */
export function escapeValidUtf8(data: Uint8Array, out: Uint8Array, o: number): number {
  const { escape, heap } = escaper!;
  heap.set(data, SRC);
  const end = escape(SRC, data.length, DST);
  out.set(heap.subarray(DST, end), o);
  return o + end - DST;
}

// Where each keyframe of a recording's index (.idx, NDJSON, append-only) starts, and its time, so a
// seek reads and parses one keyframe instead of the whole index (tens of MB for a long recording:
// every line holds a serialized screen). Built once per file from the `t` at the start of each line
// and kept for the few recordings being reviewed; a live recording's index grows and only what was
// appended since is read.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { Keyframe } from '../recording';

interface Entries {
  ino: number;
  /** Bytes read so far: up to the end of the last complete line. */
  size: number;
  times: number[];
  starts: number[];
  ends: number[];
}

/** Indexes kept (least recently used dropped first): a handful of reviewers' open recordings. */
const KEPT = 16;
const READ_BYTES = 1024 * 1024;
/** Each line starts as the writer writes it: {"t":…,"offset":…. */
const LINE_START = /^\{"t":(-?\d+(?:\.\d+)?(?:e[-+]?\d+)?),"offset":\d+,/;
const HEAD_BYTES = 64;

const cache = new Map<string, Entries>();

/** Bytes of index files read so far (for tests and diagnostics: a seek reads one keyframe's line). */
export const keyframeIndexStats = { bytesRead: 0 };

/** Reads lines appended after `e.size`; a torn last line waits for the next time. */
function extend(fd: number, e: Entries, fileSize: number): void {
  const buf = Buffer.alloc(READ_BYTES);
  let lineStart = e.size;
  let head = '';
  let pos = e.size;
  while (pos < fileSize) {
    const n = readSync(fd, buf, 0, Math.min(READ_BYTES, fileSize - pos), pos);
    if (n === 0) break;
    keyframeIndexStats.bytesRead += n;
    let from = 0;
    for (;;) {
      const nl = buf.indexOf(0x0a, from);
      const upTo = nl === -1 || nl >= n ? n : nl;
      if (head.length < HEAD_BYTES) head += buf.toString('latin1', from, Math.min(upTo, from + HEAD_BYTES - head.length));
      if (nl === -1 || nl >= n) break;
      const m = LINE_START.exec(head);
      if (m) {
        e.times.push(Number(m[1]));
        e.starts.push(lineStart);
        e.ends.push(pos + nl);
      }
      lineStart = pos + nl + 1;
      e.size = lineStart;
      head = '';
      from = nl + 1;
    }
    pos += n;
  }
}

/** The index of `idxFile`, brought up to date; empty when there is no index. */
function entriesOf(idxFile: string): { fd: number; e: Entries } | undefined {
  let fd: number;
  try {
    fd = openSync(idxFile, 'r');
  } catch {
    return undefined; // no index: seeking replays from the start
  }
  const st = fstatSync(fd);
  let e = cache.get(idxFile);
  if (!e || e.ino !== st.ino || e.size > st.size) e = { ino: st.ino, size: 0, times: [], starts: [], ends: [] };
  cache.delete(idxFile);
  cache.set(idxFile, e); // most recently used last
  while (cache.size > KEPT) cache.delete(cache.keys().next().value!);
  if (st.size > e.size) extend(fd, e, st.size);
  return { fd, e };
}

/** The times (s) of an index's keyframes, oldest first. */
export function keyframeTimes(idxFile: string): number[] {
  const found = entriesOf(idxFile);
  if (!found) return [];
  closeSync(found.fd);
  return [...found.e.times];
}

/** Index of the last time ≤ t (-1 when none): binary search, the writer appends in time order. */
function lastAtOrBefore(times: number[], t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** The nearest keyframe at or before t, reading only its own line; a damaged one gives way to the one before. */
export function keyframeAt(idxFile: string, t: number): Keyframe | undefined {
  const found = entriesOf(idxFile);
  if (!found) return undefined;
  const { fd, e } = found;
  try {
    for (let i = lastAtOrBefore(e.times, t); i >= 0; i--) {
      const line = Buffer.alloc(e.ends[i]! - e.starts[i]!);
      keyframeIndexStats.bytesRead += readSync(fd, line, 0, line.length, e.starts[i]!);
      try {
        const k = JSON.parse(line.toString('utf8')) as Keyframe;
        if (typeof k.t === 'number' && typeof k.offset === 'number' && typeof k.snapshot === 'string') return k;
      } catch {
        // damaged line: the keyframe before it
      }
    }
    return undefined;
  } finally {
    closeSync(fd);
  }
}

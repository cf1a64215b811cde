// A recording as the player fetches it: its header (size, duration, keyframe times) and bounded
// chunks. A seek starts at the nearest keyframe at or before the asked time (the serialized
// screen) with the events after it; each chunk ends at a line boundary and names the byte offset
// the next one starts from, so no reply holds more than maxBytes (or one event, when a single
// event is larger) and nothing is replayed from the start to seek.
import { open, stat } from 'node:fs/promises';
import { lastEventSeconds } from '../recording';
import { keyframeAt, keyframeTimes } from './keyframe-index';
import { REVIEW_DEFAULT_SIZE } from '../../../shared/contract/gateway-api/review';

export type CastTuple = [number, string, string];

export interface RecordingHeader {
  width: number;
  height: number;
  duration: number;
  size: number;
  keyframes: number[];
}

export interface RecordingChunk {
  keyframe: { t: number; cols: number; rows: number; snapshot: string } | null;
  events: CastTuple[];
  next: number | null;
}

/** One line longer than this is not an event the writer makes: the file is damaged. */
const MAX_LINE = 4 * 1024 * 1024;

/** A pty that sent no size (0×0) is shown at 80×24. */
const sized = (n: unknown, fallback: number) => (typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : fallback);

async function readAt(file: string, position: number, length: number): Promise<Buffer> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(length);
    const { bytesRead } = await fh.read(buf, 0, length, position);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** The complete lines from `start`: at least one when there is one, then as many as fit in `budget` bytes. */
async function linesFrom(file: string, start: number, budget: number): Promise<{ lines: string[]; end: number }> {
  let length = Math.max(budget, 1024);
  for (;;) {
    const buf = await readAt(file, start, length);
    const last = buf.lastIndexOf(0x0a);
    if (last === -1) {
      if (buf.length < length || length >= MAX_LINE) return { lines: [], end: start }; // end of file, or a torn line
      length = Math.min(length * 4, MAX_LINE);
      continue;
    }
    const lines = buf.subarray(0, last).toString('utf8').split('\n');
    return { lines, end: start + last + 1 };
  }
}

function parseEvent(line: string): CastTuple | undefined {
  try {
    const v = JSON.parse(line) as unknown;
    if (Array.isArray(v) && typeof v[0] === 'number' && typeof v[1] === 'string' && typeof v[2] === 'string') return [v[0], v[1], v[2]];
  } catch {
    // not an event (a damaged line): skipped, as the reader does
  }
  return undefined;
}

async function headerOf(castFile: string): Promise<{ width: number; height: number; end: number }> {
  const { lines } = await linesFrom(castFile, 0, 16 * 1024);
  let header: Record<string, unknown> | undefined;
  try {
    header = JSON.parse(lines[0] ?? '') as Record<string, unknown>;
  } catch {
    header = undefined;
  }
  if (!header || header.version !== 2) throw new Error('not an asciicast v2 recording');
  return { width: sized(header.width, REVIEW_DEFAULT_SIZE.cols), height: sized(header.height, REVIEW_DEFAULT_SIZE.rows), end: Buffer.byteLength(lines[0]!) + 1 };
}

export async function openRecording(castFile: string, idxFile: string): Promise<RecordingHeader> {
  const { width, height } = await headerOf(castFile);
  const { size } = await stat(castFile);
  return { width, height, duration: lastEventSeconds(castFile) ?? 0, size, keyframes: keyframeTimes(idxFile) };
}

/**
 * A seek (`from`, seconds) or the chunk after another (`cursor`, a byte offset). `live`: more may
 * come after the end, so the cursor stays (the player asks again) instead of null.
 */
export async function readChunk(castFile: string, idxFile: string, ask: { from?: number; cursor?: number; maxBytes: number; live?: boolean }): Promise<RecordingChunk> {
  let start: number;
  let keyframe: RecordingChunk['keyframe'] = null;
  if (ask.cursor !== undefined) start = ask.cursor;
  else {
    const k = keyframeAt(idxFile, ask.from ?? 0);
    if (k) {
      keyframe = { t: k.t, cols: sized(k.cols, REVIEW_DEFAULT_SIZE.cols), rows: sized(k.rows, REVIEW_DEFAULT_SIZE.rows), snapshot: k.snapshot };
      start = k.offset;
    } else {
      const header = await headerOf(castFile);
      keyframe = { t: 0, cols: header.width, rows: header.height, snapshot: '' };
      start = header.end;
    }
  }
  const budget = ask.maxBytes - (keyframe ? Buffer.byteLength(keyframe.snapshot) : 0);
  const { lines, end } = await linesFrom(castFile, start, Math.max(budget, 1));
  const events: CastTuple[] = [];
  let used = 0;
  let next = start;
  for (const line of lines) {
    const size = Buffer.byteLength(line) + 1;
    if (events.length > 0 && used + size > budget) break;
    used += size;
    next += size;
    const e = parseEvent(line);
    if (e) events.push(e);
  }
  const atEnd = next === end && lines.length > 0 ? (await stat(castFile)).size <= next : lines.length === 0;
  return { keyframe, events, next: atEnd && !ask.live ? null : next };
}

// Reads recordings back: the .cast events (tolerating a torn last line, as a crash leaves it) and
// seeking through the keyframe index: the nearest keyframe at or before t, then the events to replay.
import { createReadStream, readFileSync } from 'node:fs';

export type CastEventType = 'o' | 'i' | 'r' | 'm';

export interface CastEvent {
  /** Byte offset of the event's line in the .cast file. */
  offset: number;
  /** Seconds since the start of the recording. */
  t: number;
  type: CastEventType;
  data: string;
}

export interface Keyframe {
  t: number;
  /** Byte offset in the .cast file of the first event the snapshot does not include. */
  offset: number;
  cols: number;
  rows: number;
  /** ANSI text that redraws the screen (xterm serialize addon). */
  snapshot: string;
}

function parseEvent(line: string, offset: number): CastEvent | undefined {
  try {
    const v = JSON.parse(line) as unknown;
    if (!Array.isArray(v) || typeof v[0] !== 'number' || typeof v[1] !== 'string' || typeof v[2] !== 'string') return undefined;
    return { offset, t: v[0], type: v[1] as CastEventType, data: v[2] };
  } catch {
    return undefined;
  }
}

/**
 * Calls `onLine` for each complete line from `start`; a last line without its newline (torn by a
 * crash) is not passed on. Stops early when `onLine` returns false.
 */
async function eachLine(file: string, start: number, onLine: (line: string, offset: number) => boolean | void): Promise<void> {
  let carry = Buffer.alloc(0);
  let offset = start;
  const stream = createReadStream(file, { start });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let buf = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      let nl: number;
      while ((nl = buf.indexOf(10)) !== -1) {
        const line = buf.subarray(0, nl).toString('utf8');
        if (onLine(line, offset) === false) return;
        offset += nl + 1;
        buf = buf.subarray(nl + 1);
      }
      carry = Buffer.from(buf);
    }
  } finally {
    stream.destroy();
  }
}

export interface CastFile {
  header: Record<string, unknown>;
  events: CastEvent[];
}

/** The whole recording; throws when the header is missing or not asciicast v2. */
export async function readCast(file: string): Promise<CastFile> {
  let header: Record<string, unknown> | undefined;
  const events: CastEvent[] = [];
  await eachLine(file, 0, (line, offset) => {
    if (!header) {
      header = JSON.parse(line) as Record<string, unknown>;
      return;
    }
    const e = parseEvent(line, offset);
    if (e) events.push(e);
  });
  if (!header || header.version !== 2) throw new Error(`${file} is not an asciicast v2 recording`);
  return { header, events };
}

/** The keyframes of an index file, oldest first; unreadable lines (a torn last one) are skipped. */
export function readKeyframes(idxFile: string): Keyframe[] {
  let text: string;
  try {
    text = readFileSync(idxFile, 'utf8');
  } catch {
    return []; // no index: seeking replays from the start
  }
  const out: Keyframe[] = [];
  for (const line of text.split('\n')) {
    if (!line) continue;
    try {
      const k = JSON.parse(line) as Keyframe;
      if (typeof k.t === 'number' && typeof k.offset === 'number' && typeof k.snapshot === 'string') out.push(k);
    } catch {
      // torn line
    }
  }
  return out;
}

export interface SeekResult {
  /** The screen at the keyframe (null: start from an empty screen). */
  keyframe: Keyframe | null;
  /** Events after the keyframe up to and including time t: replay them onto the snapshot. */
  events: CastEvent[];
}

/** Everything a player needs to show the screen at time t (seconds). */
export async function seek(castFile: string, idxFile: string, t: number): Promise<SeekResult> {
  let keyframe: Keyframe | null = null;
  for (const k of readKeyframes(idxFile)) {
    if (k.t <= t) keyframe = k;
    else break;
  }
  const events: CastEvent[] = [];
  let sawHeader = keyframe !== null;
  await eachLine(castFile, keyframe?.offset ?? 0, (line, offset) => {
    if (!sawHeader) {
      sawHeader = true;
      return;
    }
    const e = parseEvent(line, offset);
    if (!e) return;
    if (e.t > t) return false;
    events.push(e);
  });
  return { keyframe, events };
}

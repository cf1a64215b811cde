// What a player does to show the screen at time t, in @xterm/headless: fetch the nearest keyframe
// and the chunks after it (from the gateway's API or straight from its review code), draw the
// snapshot, apply output and resizes up to t. And the other way, asciinema-player's way of seeking
// backwards: replay the file from its start.
import { createReadStream } from 'node:fs';
import xtermHeadless from '@xterm/headless';
import type { CastTuple, RecordingChunk } from '../gateway/src/review/recording-chunks';
import { REVIEW_MAX_CHUNK_BYTES } from '../shared/contract/gateway-api/review';

type Term = InstanceType<typeof xtermHeadless.Terminal>;
export type ChunkSource = (ask: { from?: number; cursor?: number; maxBytes: number }) => Promise<RecordingChunk>;

export const newTerm = (cols: number, rows: number): Term => new xtermHeadless.Terminal({ cols, rows, allowProposedApi: true, scrollback: 0 });
const drawn = (term: Term) => new Promise<void>((resolve) => term.write('', resolve));

/** Applies output and resize events to the terminal, in order. */
function apply(term: Term, events: CastTuple[]): void {
  for (const [, type, data] of events) {
    if (type === 'o') term.write(data);
    else if (type === 'r') {
      const m = /^(\d+)x(\d+)$/.exec(data);
      if (m) term.resize(Math.max(1, Number(m[1])), Math.max(1, Number(m[2])));
    }
  }
}

/** The screen at t from the nearest keyframe and the events after it; resolves once xterm has drawn it. */
export async function seekTo(source: ChunkSource, t: number, term: Term): Promise<{ chunks: number }> {
  let chunk = await source({ from: t, maxBytes: REVIEW_MAX_CHUNK_BYTES });
  const k = chunk.keyframe!;
  term.reset();
  term.resize(k.cols, k.rows);
  term.write(k.snapshot);
  let chunks = 1;
  for (;;) {
    const upTo = chunk.events.filter((e) => e[0] <= t);
    apply(term, upTo);
    if (upTo.length < chunk.events.length || chunk.next === null) break;
    chunk = await source({ cursor: chunk.next, maxBytes: REVIEW_MAX_CHUNK_BYTES });
    chunks++;
  }
  await drawn(term);
  return { chunks };
}

/** Each complete line of a file after its first (the asciicast header), parsed as an event; `afterPiece` after each MiB read. */
async function eachEvent(file: string, onEvent: (e: CastTuple) => boolean | void, afterPiece?: () => Promise<void>): Promise<void> {
  let carry = '';
  let header = true;
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 1024 * 1024 });
  try {
    for await (const piece of stream as AsyncIterable<string>) {
      const lines = (carry + piece).split('\n');
      carry = lines.pop()!;
      for (const line of lines) {
        if (header) {
          header = false;
          continue;
        }
        if (onEvent(JSON.parse(line) as CastTuple) === false) return;
      }
      await afterPiece?.();
    }
  } finally {
    stream.destroy();
  }
}

/** Straight replay: every event from the start of the file up to t, fed to a fresh terminal. */
export async function replayFromStart(file: string, width: number, height: number, t: number): Promise<void> {
  const term = newTerm(width, height);
  await eachEvent(
    file,
    (e) => {
      if (e[0] > t) return false;
      apply(term, [e]);
    },
    () => drawn(term), // xterm keeps pace with the reading, as a player's render loop does
  );
  await drawn(term);
  term.dispose();
}

/** What a naive player does before its first frame: read and parse the whole file (events counted, not kept). */
export async function parseWhole(file: string): Promise<number> {
  let events = 0;
  await eachEvent(file, () => void events++);
  return events;
}

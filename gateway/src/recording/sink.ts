// A session stream's second reader, beside the relay: it records each chunk and, while the
// recorder is behind the disk, holds its write callback. Piped from the same stream as the relay,
// it pauses that stream the way a slow client does (a readable piped to several writables waits
// for all of them to drain), so the target is slowed to the disk's pace instead of the recorder
// dropping what it could not write.
import { Writable, type Readable } from 'node:stream';
import type { CastWriter } from './cast-writer';

/** Chunks a held sink buffers before its source pauses: a few SSH packets. */
const HELD_CHUNKS_BYTES = 256 * 1024;

/** How often a sink has held its stream (for tests and diagnostics). */
export const recordingSinkStats = { holds: 0 };

export interface RecordedStream {
  /** Takes no more from the source; resolves once what it took is recorded. */
  finish(): Promise<void>;
}

/** Records what `source` emits through `record`, holding `source` back while `writer` is behind. */
export function recordStream(source: Readable, record: (chunk: Buffer) => void, writer: Pick<CastWriter, 'behind' | 'whenCaughtUp'>): RecordedStream {
  const sink = new Writable({
    highWaterMark: HELD_CHUNKS_BYTES,
    write(chunk: Buffer, _encoding, done) {
      record(chunk);
      if (!writer.behind) return done();
      recordingSinkStats.holds++;
      writer.whenCaughtUp(() => done());
    },
  });
  // Belt and braces: a write after end must not become an uncaught exception that takes the
  // gateway down (finish() unpipes first, so none is expected).
  sink.on('error', () => {});
  source.pipe(sink, { end: false });
  return {
    finish() {
      // Unpiped first: a source that still pushes (a channel closing mid-flood) must not write to
      // a sink that is ending while it holds.
      source.unpipe(sink);
      return new Promise((resolve) => sink.end(() => resolve()));
    },
  };
}

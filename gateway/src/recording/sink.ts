// A session stream's second reader, beside the relay: it records each chunk and, while the
// recorder is behind the disk, holds its write callback. Piped from the same stream as the relay,
// it pauses that stream the way a slow client does (a readable piped to several writables waits
// for all of them to drain), so the target is slowed to the disk's pace instead of the recorder
// dropping what it could not write.
import { Writable } from 'node:stream';
import type { CastWriter } from './cast-writer';

/** Chunks a held sink buffers before its source pauses: a few SSH packets. */
const HELD_CHUNKS_BYTES = 256 * 1024;

export function recordingSink(record: (chunk: Buffer) => void, writer: Pick<CastWriter, 'behind' | 'whenCaughtUp'>): Writable {
  return new Writable({
    highWaterMark: HELD_CHUNKS_BYTES,
    write(chunk: Buffer, _encoding, done) {
      record(chunk);
      if (writer.behind) writer.whenCaughtUp(() => done());
      else done();
    },
  });
}

import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { recordStream } from './sink';

/** A writer that is behind until caughtUp() is called (the contract recordStream relies on). */
function heldWriter() {
  const waiters: Array<() => void> = [];
  const writer = {
    behind: true,
    whenCaughtUp: (fn: () => void) => void waiters.push(fn),
    caughtUp() {
      writer.behind = false;
      for (const fn of waiters.splice(0)) setImmediate(fn);
    },
  };
  return writer;
}
const tick = () => new Promise((r) => setImmediate(r));
const chunk = (i: number) => Buffer.alloc(64 * 1024, i);

describe('recordStream', () => {
  it('holds its source while the writer is behind, then records everything in order', async () => {
    const source = new PassThrough();
    const writer = heldWriter();
    const got: number[] = [];
    const relayed: number[] = [];
    source.on('data', (d: Buffer) => relayed.push(d[0]!)); // the relay, the stream's other reader
    recordStream(source, (d) => got.push(d[0]!), writer);
    for (let i = 0; i < 12; i++) source.write(chunk(i));
    await tick();
    expect(got).toEqual([0]); // the first chunk is recorded, then the sink holds
    expect(source.readableFlowing).toBe(false); // and the source is paused for every reader
    expect(relayed.length).toBeLessThan(12);
    writer.caughtUp();
    for (let i = 0; i < 20 && got.length < 12; i++) await tick();
    expect(got).toEqual([...Array(12).keys()]);
    expect(relayed).toEqual([...Array(12).keys()]);
  });

  it('finish() while held: what it took is recorded, later pushes are neither recorded nor an error', async () => {
    const source = new PassThrough();
    const writer = heldWriter();
    const got: number[] = [];
    const recorded = recordStream(source, (d) => got.push(d[0]!), writer);
    source.write(chunk(1));
    source.write(chunk(2));
    await tick();
    const finished = recorded.finish();
    source.resume(); // a closing channel that still pushes data
    source.write(chunk(3));
    await tick();
    writer.caughtUp();
    await finished;
    expect(got).toEqual([1, 2]);
  });
});

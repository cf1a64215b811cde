import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, constants, mkdtempSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { waitFor } from '../testing';
import { CastWriter } from './cast-writer';
import { readCast, readKeyframes } from './reader';
import { recordStream } from './sink';

const dir = mkdtempSync(join(tmpdir(), 'cast-writer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function open(name: string, failures: string[] = []) {
  const castPath = join(dir, `${name}.cast`);
  const idxPath = join(dir, `${name}.idx`);
  const w = CastWriter.open({ castPath, idxPath, header: { width: 80, height: 24, timestamp: 1 }, onFailure: (r) => failures.push(r) });
  return { w, castPath, idxPath };
}

describe('CastWriter', () => {
  it('records every byte of mixed output (NUL floods, escapes, split UTF-8, binary) across many slabs, at the offsets it reported', async () => {
    const { w, castPath, idxPath } = open('mixed');
    const chunks: Buffer[] = [];
    const text = Buffer.from('héllo ✓ 𝄞 "q" \\ \x1b[1m\r\n'.repeat(1500));
    for (let i = 0; i < 120; i++) {
      const kind = i % 5;
      if (kind === 0) chunks.push(Buffer.alloc(32768)); // shared constant escapes
      else if (kind === 1) chunks.push(Buffer.alloc(5000 + i, 0x1b));
      else if (kind === 2) chunks.push(text.subarray(i * 7, i * 7 + 30_001)); // cuts UTF-8 sequences
      else if (kind === 3) chunks.push(randomBytes(20_000));
      else chunks.push(Buffer.alloc(32768, 0x61)); // a repeated byte without escape
    }
    const offsets: number[] = [];
    for (const [i, chunk] of chunks.entries()) {
      offsets.push(w.offset);
      w.output(chunk);
      if (i % 7 === 0) w.input(Buffer.from('x'));
      if (i % 10 === 0) {
        w.keyframe({ t: i, offset: w.offset, cols: 80, rows: 24, snapshot: `S${i}` });
        await new Promise((r) => setImmediate(r)); // let writes complete and slabs come back for reuse
      }
    }
    const size = await w.close();
    expect(size).toBe(statSync(castPath).size);

    const cast = await readCast(castPath);
    const out = cast.events.filter((e) => e.type === 'o');
    // Decoding per stream, as the encoder does (a sequence cut between chunks is joined).
    expect(out.map((e) => e.data).join('')).toBe(new TextDecoder().decode(Buffer.concat(chunks)));
    expect(cast.events.filter((e) => e.type === 'i').map((e) => e.data).join('')).toBe('x'.repeat(18));
    // Every output event starts where the writer said the next event would start (unless a chunk
    // was only the start of a UTF-8 sequence, which none here is).
    const outOffsets = new Set(out.map((e) => e.offset));
    for (const o of offsets) expect(outOffsets.has(o)).toBe(true);
    const keyframes = readKeyframes(idxPath);
    expect(keyframes.map((k) => k.snapshot)).toEqual(Array.from({ length: 12 }, (_, k) => `S${k * 10}`));
    const starts = new Set(cast.events.map((e) => e.offset));
    for (const k of keyframes) expect(starts.has(k.offset)).toBe(true);
  });

  it('stamps events with the clock it is given (a benchmark records hours of session in seconds)', async () => {
    let now = 5000;
    const castPath = join(dir, 'clock.cast');
    const w = CastWriter.open({ castPath, idxPath: join(dir, 'clock.idx'), header: { width: 80, height: 24, timestamp: 1 }, onFailure: () => {}, clock: () => now });
    w.output(Buffer.from('a'));
    now += 3_600_000;
    w.resize(100, 30);
    now += 250;
    w.input(Buffer.from('b'));
    await w.close();
    expect((await readCast(castPath)).events.map((e) => [e.t, e.type])).toEqual([[0, 'o'], [3600, 'r'], [3600.25, 'i']]);
  });

  it('writes a sequence cut at the very end as U+FFFD when closing', async () => {
    const { w, castPath } = open('cut');
    w.output(Buffer.from('ab\xe2\x82', 'latin1'));
    await w.close();
    expect((await readCast(castPath)).events.map((e) => e.data)).toEqual(['ab', '\ufffd']);
  });

  it('a hung disk holds the session only for stallMs: then what waits is dropped, reported as non-fatal, and the stream flows again', async () => {
    // The "disk" is a FIFO whose reader never reads: the first write fills the pipe, the next one
    // hangs in the thread pool as a write to a dead NFS server or a failing device does.
    const castPath = join(dir, 'hung.cast');
    execFileSync('mkfifo', [castPath]);
    const reader = openSync(castPath, constants.O_RDONLY | constants.O_NONBLOCK);
    const failures: Array<[string, boolean]> = [];
    const w = CastWriter.open({
      castPath,
      idxPath: join(dir, 'hung.idx'),
      header: { width: 80, height: 24, timestamp: 1 },
      maxBuffered: 1024 * 1024,
      stallMs: 300,
      directIo: false, // a pipe takes no positioned writes
      onFailure: (reason, fatal) => failures.push([reason, fatal]),
    });
    const source = new PassThrough();
    let relayed = 0;
    source.on('data', (d: Buffer) => (relayed += d.length)); // the relay, the stream's other reader
    const recorded = recordStream(source, (d) => w.output(d), w);
    const total = 4 * 1024 * 1024;
    for (let sent = 0; sent < total; sent += 32 * 1024) source.write(Buffer.alloc(32 * 1024, 0x61));
    try {
      expect(await waitFor(() => source.readableFlowing === false, 5000)).toBe(true); // the sink holds the stream
      const whenHeld = relayed;
      expect(whenHeld).toBeLessThan(total);
      expect(failures).toEqual([]); // held, not dropped: a slow disk alone loses nothing
      expect(await waitFor(() => failures.length > 0, 5000)).toBe(true); // the stall is released
      expect(failures[0]).toEqual(['the disk has not kept up for 0.3 s', false]);
      expect(w.dropped).toBeGreaterThan(0);
      expect(await waitFor(() => relayed > whenHeld, 5000)).toBe(true); // the stream flows again
      expect(await waitFor(() => relayed === total, 10_000)).toBe(true); // held and released again as needed
    } finally {
      // Unhang the write, then close.
      const drain = setInterval(() => {
        try {
          while (readSync(reader, Buffer.alloc(1 << 16)) > 0);
        } catch {
          /* EAGAIN: empty for now */
        }
      }, 5);
      await recorded.finish();
      await w.close();
      clearInterval(drain);
      closeSync(reader);
    }
  });
});

// Seek correctness at the recorder level: random recordings made by the real CastWriter and
// ScreenFollower (as the session lifecycle wires them); for a random time t, the screen rebuilt
// from review.recording.chunk's keyframe plus the chunks after it equals a straight replay to t.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import xtermHeadless from '@xterm/headless';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { CastWriter, readCast, ScreenFollower, KEYFRAME_BYTES } from '../recording';
import { openRecording, readChunk } from './recording-chunks';

const dir = mkdtempSync(join(tmpdir(), 'gw-review-chunks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

/** Records `outputs` as a session would: the .cast, and keyframes from a screen follower into the .idx. */
async function record(outputs: string[], size: { cols: number; rows: number }): Promise<{ cast: string; idx: string }> {
  const cast = join(dir, `r${++n}.cast`);
  const idx = join(dir, `r${n}.idx`);
  const writer = CastWriter.open({ castPath: cast, idxPath: idx, header: { width: size.cols, height: size.rows, timestamp: 0 }, onFailure: (reason) => { throw new Error(reason); } });
  const screen = new ScreenFollower({ cols: size.cols || 80, rows: size.rows || 24, budgetBytesPerSec: 1e12, onKeyframe: (k) => writer.keyframe(k) });
  for (const text of outputs) {
    const data = Buffer.from(text);
    writer.output(data);
    screen.output(data, writer.offset, writer.lastT);
    await screen.settled(); // paced as a person's session is: no flood protection kicks in
  }
  await screen.settled();
  await writer.close();
  screen.dispose();
  return { cast, idx };
}

type Term = InstanceType<typeof xtermHeadless.Terminal>;
const newTerm = (cols: number, rows: number) => new xtermHeadless.Terminal({ cols, rows, allowProposedApi: true });
const written = (term: Term, data: string) => new Promise<void>((resolve) => term.write(data, resolve));
/** What is on the screen: each row's text and the cursor. */
function screenOf(term: Term): string[] {
  const b = term.buffer.active;
  const rows = Array.from({ length: term.rows }, (_, y) => b.getLine(b.viewportY + y)?.translateToString(true) ?? '');
  return [...rows, `cursor ${b.cursorX},${b.cursorY}`];
}

async function straightReplay(cast: string, t: number): Promise<string[]> {
  const { header, events } = await readCast(cast);
  const term = newTerm(Number(header.width) || 80, Number(header.height) || 24);
  for (const e of events) if (e.t <= t && e.type === 'o') await written(term, e.data);
  return screenOf(term);
}

async function seekReplay(cast: string, idx: string, t: number): Promise<{ screen: string[]; fromKeyframe: boolean; chunks: number }> {
  let chunk = await readChunk(cast, idx, { from: t, maxBytes: 8 * 1024 });
  const k = chunk.keyframe!;
  const term = newTerm(k.cols, k.rows);
  await written(term, k.snapshot);
  let chunks = 1;
  for (;;) {
    const upTo = chunk.events.filter((e) => e[0] <= t);
    for (const e of upTo) if (e[1] === 'o') await written(term, e[2]);
    if (upTo.length < chunk.events.length || chunk.next === null) break;
    chunk = await readChunk(cast, idx, { cursor: chunk.next, maxBytes: 8 * 1024 });
    expect(chunk.keyframe).toBeNull();
    chunks++;
  }
  return { screen: screenOf(term), fromKeyframe: k.snapshot !== '', chunks };
}

// Screen-changing pieces: text, newlines, colours, cursor moves, erases, clears.
const piece = fc.oneof(
  fc.string({ unit: fc.constantFrom(...'abcdefghij XYZ#$-_'.split('')), minLength: 1, maxLength: 40 }),
  fc.constant('\r\n'),
  fc.integer({ min: 30, max: 37 }).map((c) => `\x1b[${c}m`),
  fc.constant('\x1b[0m'),
  fc.tuple(fc.integer({ min: 1, max: 24 }), fc.integer({ min: 1, max: 80 })).map(([r, c]) => `\x1b[${r};${c}H`),
  fc.constantFrom('\x1b[K', '\x1b[2J', '\x1b[1J', '\x1b[J'),
);
// Enough output for several keyframes (one every KEYFRAME_BYTES).
const filler = (i: number) => `${'-'.repeat(64)} line ${i}\r\n`.repeat(Math.ceil(KEYFRAME_BYTES / 3 / 75));

describe('review.recording.chunk', () => {
  it('the screen after seeking to t (keyframe + chunks) equals a straight replay to t', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(piece, { minLength: 1, maxLength: 30 }), { minLength: 8, maxLength: 14 }), fc.double({ min: 0, max: 1, noNaN: true }), async (bursts, where) => {
        const outputs = bursts.flatMap((b, i) => [filler(i), b.join('')]);
        const { cast, idx } = await record(outputs, { cols: 80, rows: 24 });
        const header = await openRecording(cast, idx);
        expect(header.keyframes.length).toBeGreaterThan(1);
        const t = header.duration * where;
        const seek = await seekReplay(cast, idx, t);
        expect(seek.screen).toEqual(await straightReplay(cast, t));
      }),
      { numRuns: 8 },
    );
  }, 120_000);

  it('a pty that sent no size (0×0) opens and plays at 80×24; chunks stay under maxBytes', async () => {
    const { cast, idx } = await record(['hello\r\n', 'x'.repeat(5000), 'y'.repeat(5000)], { cols: 0, rows: 0 });
    expect(await openRecording(cast, idx)).toMatchObject({ width: 80, height: 24 });
    const first = await readChunk(cast, idx, { from: 0, maxBytes: 6 * 1024 });
    expect(first.keyframe).toMatchObject({ t: 0, cols: 80, rows: 24, snapshot: '' });
    expect(first.events.map((e) => e[2])).toEqual(['hello\r\n', 'x'.repeat(5000)]);
    const second = await readChunk(cast, idx, { cursor: first.next!, maxBytes: 6 * 1024 });
    expect(second.events.map((e) => e[2])).toEqual(['y'.repeat(5000)]);
    expect(second.next).toBeNull();
  });
});

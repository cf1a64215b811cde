// The app player's seek (renderer/src/review/playhead.ts) on the chunks the gateway really serves:
// random recordings with resizes, made by the gateway's CastWriter and ScreenFollower, read back by
// its review.recording.chunk code. For random times a ≤ b, seeking to b — and seeking to a then
// playing on to b — shows the same screen as a straight replay to b, resizes included.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import xtermHeadless from '@xterm/headless';
import fc from 'fast-check';
import { afterAll, expect, it } from 'vitest';
import { CastWriter, KEYFRAME_BYTES, readCast, ScreenFollower } from '../../../gateway/src/recording';
import { openRecording, readChunk } from '../../../gateway/src/review/recording-chunks';
import { Playhead } from '../../../renderer/src/review/playhead';
import { xtermScreen } from '../../../renderer/src/review/screen-ops';

const dir = mkdtempSync(join(tmpdir(), 'client-player-seek-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

type Step = { out: string } | { cols: number; rows: number };

async function record(steps: Step[]): Promise<{ cast: string; idx: string }> {
  const cast = join(dir, `p${++n}.cast`);
  const idx = join(dir, `p${n}.idx`);
  const writer = CastWriter.open({ castPath: cast, idxPath: idx, header: { width: 80, height: 24, timestamp: 0 }, onFailure: (reason) => { throw new Error(reason); } });
  const screen = new ScreenFollower({ cols: 80, rows: 24, budgetBytesPerSec: 1e12, onKeyframe: (k) => writer.keyframe(k) });
  for (const step of steps) {
    if ('out' in step) {
      const data = Buffer.from(step.out);
      writer.output(data);
      screen.output(data, writer.offset, writer.lastT);
    } else {
      writer.resize(step.cols, step.rows);
      screen.resize(step.cols, step.rows);
    }
    await screen.settled();
  }
  await writer.close();
  screen.dispose();
  return { cast, idx };
}

type Term = InstanceType<typeof xtermHeadless.Terminal>;
// A keyframe is the screen only: lines above it are not rebuilt, so each resize below is followed
// by a redraw (as a full-screen program does), and what is compared is the screen.
const newTerm = (cols = 80, rows = 24) => new xtermHeadless.Terminal({ cols, rows, allowProposedApi: true });
const drained = (term: Term) => new Promise<void>((resolve) => term.write('', resolve));
async function screenOf(term: Term): Promise<string[]> {
  await drained(term);
  const b = term.buffer.active;
  const rows = Array.from({ length: term.rows }, (_, y) => b.getLine(b.viewportY + y)?.translateToString(true) ?? '');
  return [`${term.cols}x${term.rows}`, ...rows, `cursor ${b.cursorX},${b.cursorY}`];
}

async function straightReplay(cast: string, t: number): Promise<string[]> {
  const term = newTerm();
  for (const e of (await readCast(cast)).events) {
    if (e.t > t) break;
    if (e.type === 'o') term.write(e.data);
    else if (e.type === 'r') {
      await drained(term);
      const [cols, rows] = e.data.split('x').map(Number);
      term.resize(cols!, rows!);
    }
  }
  return screenOf(term);
}

function playhead(cast: string, idx: string) {
  const term = newTerm();
  let fetched = 0;
  const head = new Playhead((ask) => {
    fetched++;
    return readChunk(cast, idx, { ...ask, maxBytes: 8 * 1024 });
  }, xtermScreen(term));
  return { head, term, fetched: () => fetched };
}

const text = fc.string({ unit: fc.constantFrom(...'abcdefghij XYZ#$-_'.split('')), minLength: 1, maxLength: 40 });
const piece = fc.oneof(
  text,
  fc.constant('\r\n'),
  fc.integer({ min: 30, max: 37 }).map((c) => `\x1b[${c}m`),
  fc.tuple(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 100 })).map(([r, c]) => `\x1b[${r};${c}H`),
  fc.constantFrom('\x1b[K', '\x1b[2J', '\x1b[J'),
);
// A resize as a full-screen program meets it: the new size, then it redraws.
const resize = fc.record({ cols: fc.integer({ min: 20, max: 120 }), rows: fc.integer({ min: 5, max: 30 }) });
const filler = (i: number) => `${'='.repeat(60)} ${i}\r\n`.repeat(Math.ceil(KEYFRAME_BYTES / 2 / 64));
const burst = fc.tuple(fc.array(piece, { minLength: 1, maxLength: 20 }), fc.option(resize, { nil: undefined }));

it('seeking to t, or seeking earlier and playing on to t, shows what a straight replay to t shows', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(burst, { minLength: 6, maxLength: 10 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), async (bursts, x, y) => {
      const steps: Step[] = bursts.flatMap(([pieces, size], i): Step[] => [{ out: filler(i) }, ...(size ? [size, { out: '\x1b[2J\x1b[H' }] : []), { out: pieces.join('') }]);
      const { cast, idx } = await record(steps);
      const { duration, keyframes } = await openRecording(cast, idx);
      expect(keyframes.length).toBeGreaterThan(1);
      const [a, b] = [Math.min(x, y) * duration, Math.max(x, y) * duration];
      const expected = await straightReplay(cast, b);

      const direct = playhead(cast, idx);
      await direct.head.seek(b);
      expect(await screenOf(direct.term)).toEqual(expected);

      const onwards = playhead(cast, idx);
      await onwards.head.seek(a);
      await onwards.head.playTo(b);
      expect(await screenOf(onwards.term)).toEqual(expected);
      expect(onwards.head.pos).toBe(b);
    }),
    { numRuns: 6 },
  );
}, 120_000);

it('a seek fetches from the nearest keyframe, not from the start', async () => {
  const { cast, idx } = await record(Array.from({ length: 6 }, (_, i) => ({ out: filler(i) })));
  const { duration } = await openRecording(cast, idx);
  const p = playhead(cast, idx);
  await p.head.seek(duration);
  // 8 KiB chunks: from the start it would take ~100; from the last keyframe a handful.
  expect(p.fetched()).toBeLessThan(40);
  expect(p.head.atEnd).toBe(true);
});

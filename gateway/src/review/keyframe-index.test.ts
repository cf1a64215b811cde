// The keyframe index a seek uses: the same keyframe as reading the whole .idx would give, found by
// reading only that keyframe's line once the index is known; a growing (live) index is read only
// where it grew, a torn last line waits, a replaced file is read anew.
import { appendFileSync, copyFileSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRecording, prng } from '../../../bench/review-recording';
import { readKeyframes, type Keyframe } from '../recording';
import { keyframeAt, keyframeIndexStats, keyframeTimes } from './keyframe-index';

const dir = mkdtempSync(join(tmpdir(), 'gw-keyframe-index-'));
const cast = join(dir, 's.cast');
const idx = join(dir, 's.idx');
let duration = 0;
beforeAll(async () => {
  ({ duration } = await generateRecording({ castPath: cast, idxPath: idx, bytes: 3 * 1024 * 1024, seed: 5 }));
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What reading the whole index gives: the last keyframe at or before t. */
const reference = (file: string, t: number) => readKeyframes(file).filter((k) => k.t <= t).at(-1);
const lineBytes = (k: Keyframe | undefined) => (k ? Buffer.byteLength(JSON.stringify(k)) : 0);

describe('keyframe index', () => {
  it('finds the same keyframe as reading the whole index, for times before, inside and after the recording', () => {
    const all = readKeyframes(idx);
    expect(all.length).toBeGreaterThan(50);
    expect(keyframeTimes(idx)).toEqual(all.map((k) => k.t));
    const rand = prng(9);
    const times = [-1, 0, all[0]!.t, all[10]!.t, all[10]!.t - 1e-6, duration + 1, ...Array.from({ length: 300 }, () => rand() * duration)];
    for (const t of times) expect(keyframeAt(idx, t)).toEqual(reference(idx, t));
  });

  it('once the index is known, a seek reads only the keyframe it returns', () => {
    keyframeTimes(idx);
    const before = keyframeIndexStats.bytesRead;
    const rand = prng(10);
    let expected = 0;
    for (let i = 0; i < 100; i++) expected += lineBytes(keyframeAt(idx, rand() * duration));
    expect(keyframeIndexStats.bytesRead - before).toBe(expected);
  });

  it('a growing index is read only where it grew; a torn last line waits until it is whole; a replaced file is read anew', () => {
    const live = join(dir, 'live.idx');
    copyFileSync(idx, live);
    const last = readKeyframes(live).at(-1)!;
    expect(keyframeAt(live, duration + 1)).toEqual(last);

    const next = JSON.stringify({ t: last.t + 100, offset: last.offset + 10, cols: 80, rows: 24, snapshot: 'later' });
    appendFileSync(live, next.slice(0, 20)); // torn: the writer has not finished the line
    expect(keyframeAt(live, last.t + 200)).toEqual(last);
    appendFileSync(live, next.slice(20) + '\n');
    const before = keyframeIndexStats.bytesRead;
    expect(keyframeAt(live, last.t + 200)).toEqual(JSON.parse(next));
    // The appended line (read to index it), then that keyframe's line again: nothing before it.
    expect(keyframeIndexStats.bytesRead - before).toBe(2 * Buffer.byteLength(next) + 1);
    expect(keyframeTimes(live).at(-1)).toBe(last.t + 100);

    // Replaced by another (shorter) file under the same name: its own keyframes, not the old ones.
    const other = join(dir, 'other.idx');
    appendFileSync(other, JSON.stringify({ t: 1, offset: 5, cols: 80, rows: 24, snapshot: 'x' }) + '\n');
    renameSync(other, live);
    expect(keyframeTimes(live)).toEqual([1]);
  });
});

import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCast, readKeyframes, seek } from './reader';

const dir = mkdtempSync(join(tmpdir(), 'cast-reader-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A cast file of the given events; returns its path and each event line's byte offset. */
function castOf(events: Array<[number, string, string]>): { file: string; offsets: number[] } {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.cast`);
  let text = JSON.stringify({ version: 2, width: 80, height: 24 }) + '\n';
  const offsets: number[] = [];
  for (const e of events) {
    offsets.push(Buffer.byteLength(text));
    text += JSON.stringify(e) + '\n';
  }
  writeFileSync(file, text);
  return { file, offsets };
}

describe('seek', () => {
  const events: Array<[number, string, string]> = [
    [0.1, 'o', 'a'],
    [1.0, 'o', 'ü'],
    [2.0, 'i', 'x'],
    [3.0, 'o', 'c'],
    [4.0, 'r', '100x30'],
    [5.0, 'o', 'd'],
  ];

  it('starts from the nearest keyframe at or before t and returns the events up to t', async () => {
    const { file, offsets } = castOf(events);
    const idx = file.replace('.cast', '.idx');
    writeFileSync(idx, [{ t: 1.0, offset: offsets[2], cols: 80, rows: 24, snapshot: 'S1' }, { t: 3.0, offset: offsets[4], cols: 80, rows: 24, snapshot: 'S3' }].map((k) => JSON.stringify(k)).join('\n') + '\n');
    const at0 = await seek(file, idx, 0.5);
    expect(at0.keyframe).toBeNull();
    expect(at0.events.map((e) => e.data)).toEqual(['a']);
    const at2 = await seek(file, idx, 2.5);
    expect(at2.keyframe?.snapshot).toBe('S1');
    expect(at2.events.map((e) => [e.t, e.type, e.data, e.offset])).toEqual([[2.0, 'i', 'x', offsets[2]]]);
    const at9 = await seek(file, idx, 9);
    expect(at9.keyframe?.snapshot).toBe('S3');
    expect(at9.events.map((e) => e.data)).toEqual(['100x30', 'd']);
  });

  it('tolerates a torn last line in the recording and in the index, and a missing index', async () => {
    const { file, offsets } = castOf(events);
    appendFileSync(file, '[6.0, "o", "tor');
    const idx = file.replace('.cast', '.idx');
    writeFileSync(idx, JSON.stringify({ t: 3.0, offset: offsets[4], cols: 80, rows: 24, snapshot: 'S3' }) + '\n{"t": 5.5, "off');
    expect(readKeyframes(idx)).toHaveLength(1);
    expect((await readCast(file)).events.map((e) => e.data)).toEqual(['a', 'ü', 'x', 'c', '100x30', 'd']);
    expect((await seek(file, idx, 99)).events.map((e) => e.data)).toEqual(['100x30', 'd']);
    expect((await seek(file, join(dir, 'none.idx'), 99)).events).toHaveLength(6);
  });

  it('refuses a file that is not asciicast v2', async () => {
    const file = join(dir, 'bad.cast');
    writeFileSync(file, '{"version": 1}\n');
    await expect(readCast(file)).rejects.toThrow(/not an asciicast v2/);
  });
});

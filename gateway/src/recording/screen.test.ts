import { describe, expect, it } from 'vitest';
import { ScreenFollower } from './screen';

const lastLines = (s: ScreenFollower) => {
  const b = s.term.buffer.active;
  return [b.getLine(b.baseY + b.cursorY - 1)?.translateToString(true), b.getLine(b.baseY + b.cursorY)?.translateToString(true)];
};

describe('ScreenFollower', () => {
  it('survives resizes between writes with no observer (xterm throws from its write loop with no scrollback at all)', async () => {
    let seed = 2; // mulberry32: a fixed sequence that reaches the throw (at its 28th follower, before the fix)
    const next = (n: number) => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
    };
    let offset = 0;
    for (let trial = 0; trial < 40; trial++) {
      const screen = new ScreenFollower({ cols: 80, rows: 24 }); // no observer: no scrollback needed
      for (let step = 0; step < 40; step++) {
        const kind = next(4);
        if (kind === 0) screen.resize(1 + next(200), 1 + next(60));
        else {
          const text = ['x'.repeat(next(500)) + '\r\n'.repeat(next(30)), '\x1b[?1049h' + 'y'.repeat(next(300)), '\x1b[?1049l' + 'z\r\n'.repeat(next(50))][kind - 1]!;
          offset += text.length;
          screen.output(Buffer.from(text), offset, step);
        }
        await screen.settled();
      }
      screen.dispose();
    }
  });

  it('skips a flood instead of falling behind, then redraws from the tail', async () => {
    const keyframes: Array<{ offset: number }> = [];
    const screen = new ScreenFollower({ cols: 80, rows: 24, budgetBytesPerSec: 1024 * 1024, onKeyframe: (k) => keyframes.push(k) });
    const chunk = Buffer.from('flood flood flood flood flood flood flood flood\r\n'.repeat(650)); // ~32 KB
    for (let i = 0; i < 1600; i++) screen.output(chunk, (i + 1) * 1000, i); // ~50 MB
    screen.output(Buffer.from('the end\r\n'), 9_999_999, 2000);
    expect(screen.skipped).toBeGreaterThan(40_000_000); // handed over, not queued behind xterm
    await new Promise((r) => setTimeout(r, 400)); // the resume timer fires after the window
    await screen.settled();
    expect(lastLines(screen)).toEqual(['the end', '']);
    expect([1_600_000, 9_999_999]).toContain(keyframes.at(-1)?.offset); // a keyframe right after the gap
    screen.dispose();
  });

  it('hands typing-paced output and input to xterm in batches, in order', async () => {
    const seen: string[] = [];
    const observer = { typed() {}, input: (term: unknown, text: string) => seen.push(`in:${text}`), wantsNewline: () => false, beforeNewline() {}, gap() {} };
    const screen = new ScreenFollower({ cols: 40, rows: 5, observer });
    let parses = 0;
    screen.term.onWriteParsed(() => parses++);
    // 30 keystrokes' echoes a millisecond apart, each followed by the next key.
    for (let i = 0; i < 30; i++) {
      screen.output(Buffer.from(String.fromCharCode(97 + (i % 26))), i, i);
      screen.input(String(i % 10), i, i);
      await new Promise((r) => setTimeout(r, 1));
    }
    await screen.settled();
    // xterm parsed them a batch at a time (one parse run per keystroke before), in arrival order.
    expect(parses).toBeLessThan(12);
    expect(seen).toEqual(Array.from({ length: 30 }, (_, i) => `in:${i % 10}`));
    const b = screen.term.buffer.active;
    expect(b.getLine(b.baseY + b.cursorY)?.translateToString(true)).toBe('abcdefghijklmnopqrstuvwxyzabcd');
    screen.dispose();
  });

  it('takes a keyframe after 256 KB of output with the offset and time of that output', async () => {
    const keyframes: Array<{ t: number; offset: number; snapshot: string }> = [];
    const screen = new ScreenFollower({ cols: 40, rows: 5, budgetBytesPerSec: 1e12, onKeyframe: (k) => keyframes.push(k) });
    const line = Buffer.from('x'.repeat(1023) + '\n');
    for (let i = 1; i <= 300; i++) screen.output(line, i * 1100, i * 10);
    await screen.settled();
    expect(keyframes.map((k) => [k.t, k.offset])).toEqual([[2.56, 256 * 1100]]);
    expect(keyframes[0]!.snapshot).toContain('xxxx');
    screen.dispose();
  });
  it('redraws from the last 32 KiB of a flood in order, whatever the chunk sizes', async () => {
    const screen = new ScreenFollower({ cols: 80, rows: 5, budgetBytesPerSec: 1024 });
    const text = Buffer.from(Array.from({ length: 20_000 }, (_, i) => `line ${i}\r\n`).join(''));
    for (let at = 0, size = 1; at < text.length; at += size, size = (size * 7 + 3) % 9001) screen.output(text.subarray(at, at + size), at + size, 0);
    expect(screen.skipped).toBeGreaterThan(text.length - 1024);
    await new Promise((r) => setTimeout(r, 400)); // the resume timer redraws from the tail
    await screen.settled();
    expect(lastLines(screen)).toEqual(['line 19999', '']);
    const b = screen.term.buffer.active;
    expect(b.getLine(b.baseY + b.cursorY - 2)?.translateToString(true)).toBe('line 19998');
    screen.dispose();
  });
  it('during a long flood redraws from the tail once per window, with a keyframe each time', async () => {
    const keyframes: Array<{ offset: number; snapshot: string }> = [];
    const screen = new ScreenFollower({ cols: 80, rows: 5, budgetBytesPerSec: 64 * 1024, onKeyframe: (k) => keyframes.push(k) });
    const started = performance.now();
    let offset = 0;
    for (let i = 0; performance.now() - started < 1200; i++) {
      const chunk = Buffer.from(`chunk ${i}\r\n`.repeat(2000));
      offset += chunk.length;
      screen.output(chunk, offset, i);
      await new Promise((r) => setTimeout(r, 5)); // like network reads: xterm gets to parse in between
    }
    await screen.settled();
    expect(keyframes.length).toBeGreaterThanOrEqual(3); // about one per 250 ms window
    expect(keyframes.length).toBeLessThanOrEqual(8);
    for (const k of keyframes) expect(k.snapshot).toMatch(/chunk \d+/);
    expect(keyframes.map((k) => k.offset)).toEqual([...keyframes.map((k) => k.offset)].sort((a, b) => a - b));
    screen.dispose();
  });
});

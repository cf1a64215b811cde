import { describe, expect, it } from 'vitest';
import { ScreenFollower } from './screen';

const lastLines = (s: ScreenFollower) => {
  const b = s.term.buffer.active;
  return [b.getLine(b.baseY + b.cursorY - 1)?.translateToString(true), b.getLine(b.baseY + b.cursorY)?.translateToString(true)];
};

describe('ScreenFollower', () => {
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
});

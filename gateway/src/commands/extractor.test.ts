// The extractor against a real headless xterm, with input and output interleaved the way the
// network can deliver them: keys typed before the shell's earlier output has fully arrived.
import { describe, expect, it } from 'vitest';
import { ScreenFollower } from '../recording/screen';
import { CommandExtractor, type ExtractedCommand } from './extractor';

type Step = { out: string } | { keys: string };

async function commandsOf(steps: Step[], size = { cols: 80, rows: 24 }): Promise<string[]> {
  const found: string[] = [];
  const screen = new ScreenFollower({ ...size, budgetBytesPerSec: 1e12, observer: new CommandExtractor((c) => found.push(c.command)) });
  let offset = 0;
  for (const step of steps) {
    offset += 10;
    if ('out' in step) screen.output(Buffer.from(step.out), offset, offset);
    else screen.input(step.keys, offset, offset);
  }
  await screen.settled();
  screen.dispose();
  return found;
}

describe('CommandExtractor', () => {
  it('takes a typed line from the prompt to the end', async () => {
    expect(await commandsOf([{ out: '$ ' }, { keys: 'echo one\r' }, { out: 'echo one\r\none\r\n$ ' }])).toEqual(['echo one']);
  });

  // After Ctrl+C the shell prints ^C, a newline and a new prompt; the user may already be typing
  // the next line before all of it has arrived. The abandoned line must not be taken as a command.
  it.each([
    ['^C arrived, its newline not yet', [{ out: '^C' }, { keys: 'echo after-c\r' }, { out: '\r\n$ ' }]],
    ['the newline split between \\r and \\n', [{ out: '^C\r' }, { keys: 'echo after-c\r' }, { out: '\n$ ' }]],
    ['everything arrived first', [{ out: '^C\r\n$ ' }, { keys: 'echo after-c\r' }]],
  ] as Array<[string, Step[]]>)('ignores a line abandoned with Ctrl+C (%s)', async (_name, afterInterrupt) => {
    const steps: Step[] = [{ out: '$ ' }, { keys: 'echo never' }, { out: 'echo never' }, { keys: '\x03' }, ...afterInterrupt, { out: 'echo after-c\r\nafter-c\r\n$ ' }];
    expect(await commandsOf(steps)).toEqual(['echo after-c']);
  });

  it('takes lines pasted together once the shell shows each', async () => {
    const steps: Step[] = [{ out: '$ ' }, { keys: 'echo p1\recho p2\r' }, { out: 'echo p1\r\np1\r\n$ echo p2\r\np2\r\n$ ' }];
    expect(await commandsOf(steps)).toEqual(['echo p1', 'echo p2']);
  });

  it('takes a command many screens long: the follower keeps scrollback for the longest command (small otherwise)', async () => {
    const long = `echo ${'y'.repeat(2000)}`; // 51 rows at 40 columns, on a 5-row screen
    expect(await commandsOf([{ out: '$ ' }, { keys: `${long}\r` }, { out: `${long}\r\nyyy\r\n$ ` }], { cols: 40, rows: 5 })).toEqual([long]);
    const follower = new ScreenFollower({ cols: 120, rows: 40, observer: new CommandExtractor(() => {}) });
    expect(follower.term.options.scrollback).toBe(Math.ceil(8192 / 120));
    follower.resize(80, 24);
    await follower.settled();
    expect(follower.term.options.scrollback).toBe(Math.ceil(8192 / 80));
    follower.dispose();
    const keyframesOnly = new ScreenFollower({ cols: 120, rows: 40 });
    expect(keyframesOnly.term.options.scrollback).toBe(1); // the least xterm survives resizes with
    keyframesOnly.dispose();
  });

  it('forgets an Enter typed just before a flood it could not follow: the next command keeps its own time and offset', async () => {
    const found: ExtractedCommand[] = [];
    const screen = new ScreenFollower({ cols: 80, rows: 24, budgetBytesPerSec: 1024, observer: new CommandExtractor((c) => found.push(c)) });
    screen.output(Buffer.from('$ '), 10, 10);
    screen.input('cat big\r', 20, 20);
    screen.output(Buffer.from('cat big\r\n' + 'x'.repeat(20_000)), 30, 30); // past the budget: skipped, a gap
    await new Promise((r) => setTimeout(r, 400)); // the follower redraws from the flood's tail
    screen.output(Buffer.from('\r\n$ '), 40, 40);
    screen.input('ls\r', 50, 50);
    screen.output(Buffer.from('ls\r\nfile\r\n$ '), 60, 60);
    await screen.settled();
    screen.dispose();
    expect(found.map(({ command, offset, at }) => ({ command, offset, at }))).toEqual([{ command: 'ls', offset: 50, at: 50 }]);
  });
});

// The line gate over plain streams: what reaches the shell for each key sequence.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { compileRules } from './check';
import { hitText } from './guard';
import { gateShellInput } from './line-gate';
import { ScreenLine } from './screen-line';

function gate(confirmTimeoutMs = 60_000, withScreen = false) {
  const keys = new PassThrough();
  const terminal = new PassThrough();
  const shellOutput = new PassThrough();
  const screen = withScreen ? new ScreenLine({ cols: 40, rows: 10, shellOutput, quietMs: 30 }) : undefined;
  const rules = compileRules([
    { id: 1, pattern: 'rm', regex: false, action: 'reject' },
    { id: 2, pattern: 'reboot', regex: false, action: 'confirm' },
  ]);
  const decisions: string[] = [];
  const sent: string[] = [];
  const out = gateShellInput(keys, {
    terminal,
    shellOutput,
    check: (line) => {
      const hit = rules.check(line).hit;
      return hit ? { action: hit.rule.action, hit } : { action: 'pass' };
    },
    decided: (decision, _hit, line) => decisions.push(`${decision} ${line}`),
    why: hitText,
    confirmTimeoutMs,
    screen,
  });
  out.on('data', (d: Buffer) => sent.push(d.toString()));
  const said = () => terminal.read()?.toString() ?? '';
  const type = async (text: string) => {
    keys.write(text);
    await new Promise((r) => setImmediate(r));
  };
  return { type, sent: () => sent.join(''), decisions, said, shellOutput, screen };
}

describe('the line gate', () => {
  it('reads the line as edited by Backspace, Ctrl+W and Ctrl+U before checking it', async () => {
    const g = gate();
    await g.type('rmx\x7f\x7f\x7fls\r');
    expect(g.sent()).toBe('rmx\x7f\x7f\x7fls\r');
    await g.type('ls rm\x17\x17rm -rf /\r');
    expect(g.decisions).toEqual(['command.rejected rm -rf /']);
    expect(g.sent().endsWith('rm -rf /\x05\x15\r')).toBe(true);
    await g.type('rm x\x15echo ok\r');
    expect(g.decisions).toHaveLength(1);
  });

  it('lets Enter through unchecked in a full-screen program, and checks again after it', async () => {
    const g = gate();
    g.shellOutput.write('\x1b[?1049h');
    await g.type('irm -rf /\r\x1b:wq\r');
    expect(g.decisions).toEqual([]);
    g.shellOutput.write('\x1b[?1049l');
    await g.type('rm y\r');
    expect(g.decisions).toEqual(['command.rejected rm y']);
  });

  it('holds a confirm line: no answer in time refuses it, and keys typed behind it are dropped', async () => {
    const g = gate(50);
    await g.type('reboot\rls\r');
    expect(g.sent()).toBe('reboot');
    expect(g.said()).toMatch(/"reboot" matches "reboot" \(rule 2\): confirm to run it/);
    await new Promise((r) => setTimeout(r, 120));
    expect(g.decisions).toEqual(['command.refused_timeout reboot']);
    expect(g.sent()).toBe('reboot\x05\x15\r');
  });

  it('reads the line with the cursor: keys typed after Home go in front', async () => {
    const g = gate();
    await g.type('m -rf /\x01r\r');
    expect(g.decisions).toEqual(['command.rejected rm -rf /']);
  });

  it('after completion or history, holds Enter and checks the line the screen shows too', async () => {
    const g = gate(60_000, true);
    g.shellOutput.write('$ ');
    await new Promise((r) => setTimeout(r, 40));
    // `r` Tab: the shell completes it to `rm ` (echoed), then ` x` and Enter.
    await g.type('r');
    g.shellOutput.write('r');
    await g.type('\t');
    g.shellOutput.write('m ');
    await g.type('x\rls');
    g.shellOutput.write('x');
    expect(g.sent()).toBe('r\tx'); // Enter held until the screen has caught up
    await waitUntil(() => g.decisions.length > 0);
    expect(g.decisions).toEqual(['command.rejected rm x']);
    expect(g.sent()).toBe('r\tx\x05\x15\rls'); // erased; the keys behind it follow
    g.screen!.dispose();
  });

  it('an uncertain line that the screen shows harmless passes, with the keys behind it in order', async () => {
    const g = gate(60_000, true);
    g.shellOutput.write('$ ');
    await g.type('l');
    g.shellOutput.write('l');
    await g.type('\x1b[A');
    g.shellOutput.write('\r$ ls -l');
    await g.type('\recho');
    await waitUntil(() => g.sent().endsWith('echo'));
    expect(g.decisions).toEqual([]);
    expect(g.sent()).toBe('l\x1b[A\recho');
    g.screen!.dispose();
  });
});

async function waitUntil(done: () => boolean, ms = 3000): Promise<void> {
  const until = Date.now() + ms;
  while (!done()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

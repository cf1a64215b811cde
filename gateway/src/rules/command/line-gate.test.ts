// The line gate over plain streams: what reaches the shell for each key sequence.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { compileRules } from './check';
import { hitText } from './guard';
import { gateShellInput } from './line-gate';

function gate(confirmTimeoutMs = 60_000) {
  const keys = new PassThrough();
  const terminal = new PassThrough();
  const shellOutput = new PassThrough();
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
  });
  out.on('data', (d: Buffer) => sent.push(d.toString()));
  const said = () => terminal.read()?.toString() ?? '';
  const type = async (text: string) => {
    keys.write(text);
    await new Promise((r) => setImmediate(r));
  };
  return { type, sent: () => sent.join(''), decisions, said, shellOutput };
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
});

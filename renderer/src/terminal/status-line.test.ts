import { describe, expect, it } from 'vitest';
import { describeEnd, openFailedLine, sanitizeForTerminal, statusLine } from './status-line';

describe('status line', () => {
  it('describes a clean exit, a signal and a message', () => {
    expect(describeEnd({ status: 'closed', exitCode: 0 })).toBe('session closed: exit 0');
    expect(describeEnd({ status: 'closed', signal: 'TERM' })).toBe('session closed: signal TERM');
    expect(describeEnd({ status: 'closed', exitCode: 130, message: 'ended by user' })).toBe('session closed: exit 130, ended by user');
    expect(describeEnd({ status: 'closed' })).toBe('session closed');
    expect(describeEnd({ status: 'lost', message: 'gateway went away' })).toBe('connection lost: gateway went away');
    expect(describeEnd({ status: 'lost' })).toBe('connection lost');
  });

  it('has nothing to say while connecting or live', () => {
    expect(statusLine({ status: 'connecting' }, true)).toBeNull();
    expect(statusLine({ status: 'live' }, false)).toBeNull();
  });

  it('writes a dim line, breaking the current line only when needed', () => {
    expect(statusLine({ status: 'closed', exitCode: 0 }, true)).toBe('\x1b[2m[session closed: exit 0]\x1b[0m\r\n');
    expect(statusLine({ status: 'closed', exitCode: 0 }, false)).toBe('\r\n\x1b[2m[session closed: exit 0]\x1b[0m\r\n');
  });

  it('strips escape sequences and control characters from remote text', () => {
    const hostile = 'bye\x1b]52;c;ZXZpbA==\x07\r\nnow\x9b31m';
    const clean = sanitizeForTerminal(hostile);
    expect(clean).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    expect(clean).toBe('bye ]52;c;ZXZpbA== now 31m');
    const line = statusLine({ status: 'lost', message: hostile }, true)!;
    // Only our own SGR sequences remain.
    expect(line.replace(/\x1b\[[0-9]+m/g, '')).not.toContain('\x1b');
    expect(openFailedLine('denied\x1b[2J')).not.toContain('\x1b[2J');
  });
});

import { describe, expect, it } from 'vitest';
import { describeEnd, openFailedLine, sanitizeForTerminal, statusLine } from './status-line';

describe('status line', () => {
  it('words the facts of a clean exit once: no "exit 0 … exit code 0"', () => {
    // What the main side sends when a shell exits 0 (electron/core/client-service.test.ts).
    expect(describeEnd({ status: 'closed', reason: 'ended', exitCode: 0 })).toBe('session closed: exit 0');
  });

  it('describes an exit code, a signal, and an end without either', () => {
    expect(describeEnd({ status: 'closed', reason: 'ended', signal: 'SIGTERM' })).toBe('session closed: signal SIGTERM');
    expect(describeEnd({ status: 'closed', reason: 'ended', exitCode: 130 })).toBe('session closed: exit 130');
    expect(describeEnd({ status: 'closed', reason: 'closed' })).toBe('session closed');
  });

  it('says why the connection went, from its code', () => {
    expect(describeEnd({ status: 'lost', reason: 'gateway_lost', connectionError: { code: 'gateway_closed' } })).toBe('connection lost: the gateway closed the connection');
    expect(describeEnd({ status: 'lost', reason: 'gateway_lost' })).toBe('connection lost');
    expect(describeEnd({ status: 'lost', reason: 'gateway_disconnected' })).toBe('connection lost: disconnected from the gateway');
    expect(describeEnd({ status: 'lost', reason: 'main_side_gone', detail: 'socket closed' })).toBe("connection lost: the app's main side is gone: socket closed");
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
    for (const end of [
      { status: 'lost', reason: 'gateway_lost', connectionError: { code: 'unreachable', detail: hostile } },
      { status: 'closed', reason: 'ended', signal: hostile },
    ] as const) {
      // Only our own SGR sequences remain.
      expect(statusLine(end, true)!.replace(/\x1b\[[0-9]+m/g, '')).not.toContain('\x1b');
    }
    expect(openFailedLine('denied\x1b[2J')).not.toContain('\x1b[2J');
  });
});

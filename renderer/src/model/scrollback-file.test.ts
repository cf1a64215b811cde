import { describe, expect, it } from 'vitest';
import { scrollbackFileName, scrollbackText } from './scrollback-file';

describe('scrollback file', () => {
  it('joins soft-wrapped rows into their line and drops trailing blanks', () => {
    const text = scrollbackText([
      { text: '$ echo aaaa', wrapped: false },
      { text: 'bbbb  ', wrapped: true },
      { text: 'aaaabbbb', wrapped: false },
      { text: '$ ', wrapped: false },
      { text: '', wrapped: false },
      { text: '   ', wrapped: false },
    ]);
    expect(text).toBe('$ echo aaaabbbb\naaaabbbb\n$\n');
  });

  it('keeps empty lines between output, and is empty for an empty buffer', () => {
    expect(scrollbackText([{ text: 'a', wrapped: false }, { text: '', wrapped: false }, { text: 'b', wrapped: false }])).toBe('a\n\nb\n');
    expect(scrollbackText([{ text: '', wrapped: false }])).toBe('');
  });

  it('names the file after login, host and local time', () => {
    expect(scrollbackFileName('root', 'web-01', new Date(2025, 2, 7, 14, 25, 1))).toBe('root@web-01-2025-03-07-142501.txt');
  });

  it('replaces characters a file system may refuse', () => {
    expect(scrollbackFileName('a/b', 'c:d\u0007', new Date(2025, 0, 1, 0, 0, 0))).toBe('a_b@c_d_-2025-01-01-000000.txt');
    expect(scrollbackFileName('..', 'h', new Date(2025, 0, 1, 0, 0, 0))).toBe('_@h-2025-01-01-000000.txt');
  });
});

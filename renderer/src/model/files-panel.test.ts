import { describe, expect, it } from 'vitest';
import { childPath, formatSize, parentPath, percentDone } from './files-panel';

describe('remote paths', () => {
  it('goes up to the root and no further', () => {
    expect(parentPath('/home/alice/logs')).toBe('/home/alice');
    expect(parentPath('/home/alice/')).toBe('/home');
    expect(parentPath('/home')).toBe('/');
    expect(parentPath('/')).toBe('/');
  });

  it('joins a name to a directory, the root included', () => {
    expect(childPath('/home/alice', 'a b.txt')).toBe('/home/alice/a b.txt');
    expect(childPath('/', 'etc')).toBe('/etc');
  });

  it('reports whole percents, never past 100', () => {
    expect(percentDone(0, 0, false)).toBe(0);
    expect(percentDone(0, 0, true)).toBe(100);
    expect(percentDone(1, 3, false)).toBe(33);
    expect(percentDone(5, 3, false)).toBe(100);
  });
});

describe('formatSize', () => {
  it('uses binary units and the language', () => {
    expect(formatSize(0, 'en')).toBe('0 B');
    expect(formatSize(1536, 'en')).toBe('1.5 KiB');
    expect(formatSize(3 * 1024 * 1024, 'en')).toBe('3 MiB');
  });
});

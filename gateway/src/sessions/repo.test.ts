// Session ids are typed on command lines: a leading dash would make `recording export ID` read the
// id as an option (commander exits 2), which happened to about one session in 32.
import { describe, expect, it } from 'vitest';
import { newSessionId } from './repo';

describe('newSessionId', () => {
  it('is 22 URL-safe characters, unique, and never starts with - or _', () => {
    const ids = Array.from({ length: 4000 }, newSessionId);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9][A-Za-z0-9_-]{21}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

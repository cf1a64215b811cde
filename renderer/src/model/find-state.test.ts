import { describe, expect, it } from 'vitest';
import { FIND_HIGHLIGHT_LIMIT, findStatus, isSearchable } from './find-state';

const plain = { caseSensitive: false, regex: false };
const regex = { caseSensitive: false, regex: true };

describe('find state', () => {
  it('says "n of m" from the addon\'s 0-based index', () => {
    expect(findStatus('err', plain, { resultIndex: 2, resultCount: 17 })).toEqual({ kind: 'at', index: 3, count: 17, more: false });
    expect(findStatus('err', plain, { resultIndex: 16, resultCount: 17 })).toEqual({ kind: 'at', index: 17, count: 17, more: false });
  });

  it('says nothing before a query, and "no matches" when there are none or no answer yet', () => {
    expect(findStatus('', plain, { resultIndex: 0, resultCount: 3 })).toEqual({ kind: 'idle' });
    expect(findStatus('x', plain, { resultIndex: -1, resultCount: 0 })).toEqual({ kind: 'none' });
    expect(findStatus('x', plain, null)).toEqual({ kind: 'none' });
  });

  it('marks a count at the highlight limit as "or more"', () => {
    expect(findStatus('a', plain, { resultIndex: 999, resultCount: FIND_HIGHLIGHT_LIMIT })).toMatchObject({ index: 1000, more: true });
    // The active match beyond the limit is not among the counted ones: index -1.
    expect(findStatus('a', plain, { resultIndex: -1, resultCount: FIND_HIGHLIGHT_LIMIT })).toMatchObject({ index: FIND_HIGHLIGHT_LIMIT, more: true });
  });

  it('refuses a regex that does not compile instead of searching (the addon would throw)', () => {
    expect(isSearchable('a(b', regex)).toBe(false);
    expect(findStatus('a(b', regex, { resultIndex: 0, resultCount: 4 })).toEqual({ kind: 'invalid' });
    // The same text is fine as plain text, and a valid regex is searchable.
    expect(isSearchable('a(b', plain)).toBe(true);
    expect(isSearchable('err(or)?\\d+', regex)).toBe(true);
    expect(isSearchable('', plain)).toBe(false);
  });
});

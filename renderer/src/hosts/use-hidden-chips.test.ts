import { describe, expect, it } from 'vitest';
import { wrappedCount } from './use-hidden-chips';

describe('wrappedCount', () => {
  it('counts the items below the first line', () => {
    expect(wrappedCount([])).toBe(0);
    expect(wrappedCount([2, 2, 2])).toBe(0);
    expect(wrappedCount([2, 2, 20, 20, 38])).toBe(3);
  });
});

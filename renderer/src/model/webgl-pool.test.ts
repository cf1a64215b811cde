import { describe, expect, it } from 'vitest';
import { WebglPool } from './webgl-pool';

describe('WebglPool', () => {
  it('grants up to the cap, then DOM; a released slot goes to the next terminal', () => {
    const pool = new WebglPool(2);
    expect(pool.acquire('a')).toBe(true);
    expect(pool.acquire('b')).toBe(true);
    expect(pool.acquire('c')).toBe(false);
    expect(pool.acquire('a')).toBe(true); // idempotent, still 2
    expect(pool.live).toBe(2);
    pool.release('a');
    expect(pool.acquire('c')).toBe(true);
  });

  it('a terminal whose context was lost frees its slot and stays on the DOM renderer', () => {
    const pool = new WebglPool(1);
    expect(pool.acquire('a')).toBe(true);
    pool.contextLost('a');
    expect(pool.live).toBe(0);
    expect(pool.acquire('a')).toBe(false);
    expect(pool.acquire('b')).toBe(true);
    pool.forget('a');
    pool.release('b');
    expect(pool.acquire('a')).toBe(true);
  });
});

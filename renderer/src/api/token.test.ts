import { describe, expect, it } from 'vitest';
import { takeTokenFromHash } from './token';

const HEX = '0123456789abcdef0123456789ABCDEF';

describe('takeTokenFromHash', () => {
  it('takes the token and leaves an empty fragment', () => {
    expect(takeTokenFromHash(`#token=${HEX}`)).toEqual({ token: HEX, hashWithoutToken: '' });
  });

  it('keeps other fragment parameters', () => {
    expect(takeTokenFromHash(`#a=1&token=${HEX}&b=2`)).toEqual({ token: HEX, hashWithoutToken: '#a=1&b=2' });
  });

  it('reports a missing token and leaves the fragment alone', () => {
    expect(takeTokenFromHash('')).toEqual({ token: null, hashWithoutToken: '' });
    expect(takeTokenFromHash('#')).toEqual({ token: null, hashWithoutToken: '' });
    expect(takeTokenFromHash('#other=1')).toEqual({ token: null, hashWithoutToken: '#other=1' });
  });

  it('refuses a malformed token but still removes it from the URL', () => {
    expect(takeTokenFromHash('#token=not-hex!')).toEqual({ token: null, hashWithoutToken: '' });
    expect(takeTokenFromHash('#token=abc')).toEqual({ token: null, hashWithoutToken: '' });
    expect(takeTokenFromHash('#token=')).toEqual({ token: null, hashWithoutToken: '' });
  });
});

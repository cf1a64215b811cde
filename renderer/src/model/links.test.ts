import { describe, expect, it } from 'vitest';
import { openableUrl } from './links';

describe('openableUrl', () => {
  it('accepts http and https only, without credentials', () => {
    expect(openableUrl('https://example.com/a?b=1')).toBe('https://example.com/a?b=1');
    expect(openableUrl('http://10.0.0.1:8080')).toBe('http://10.0.0.1:8080/');
    expect(openableUrl('file:///etc/passwd')).toBeNull();
    expect(openableUrl('javascript:alert(1)')).toBeNull();
    expect(openableUrl('https://bank.com@evil.example/')).toBeNull();
    expect(openableUrl('not a url')).toBeNull();
  });
});

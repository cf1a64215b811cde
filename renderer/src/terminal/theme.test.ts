import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, terminalOptionsFor } from './theme';

describe('terminalOptionsFor', () => {
  it('keeps the scrollback the user set, but never none at all (xterm can throw on resize with none)', () => {
    expect(terminalOptionsFor({ ...DEFAULT_SETTINGS, scrollback: 5000 }).scrollback).toBe(5000);
    expect(terminalOptionsFor({ ...DEFAULT_SETTINGS, scrollback: 0 }).scrollback).toBe(1);
  });

  it('follows the light or dark theme', () => {
    expect(terminalOptionsFor({ ...DEFAULT_SETTINGS, theme: 'light' }).theme).not.toEqual(terminalOptionsFor({ ...DEFAULT_SETTINGS, theme: 'dark' }).theme);
  });
});

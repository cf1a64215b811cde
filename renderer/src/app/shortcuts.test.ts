import { describe, expect, it } from 'vitest';
import { matchShortcut, type KeyLike } from './shortcuts';

const key = (k: Partial<KeyLike>): KeyLike => ({ key: '', code: '', ctrlKey: false, shiftKey: false, altKey: false, metaKey: false, ...k });

describe('matchShortcut', () => {
  it('closes the tab on Ctrl+Shift+W, whatever the layout reports', () => {
    expect(matchShortcut(key({ key: 'W', code: 'KeyW', ctrlKey: true, shiftKey: true }))).toBe('tab.close');
    expect(matchShortcut(key({ key: 'w', code: 'KeyZ', ctrlKey: true, shiftKey: true }))).toBe('tab.close');
  });

  it('leaves everything else to the terminal (Ctrl+W is the shell\'s delete-word)', () => {
    expect(matchShortcut(key({ key: 'w', code: 'KeyW', ctrlKey: true }))).toBeNull();
    expect(matchShortcut(key({ key: 'W', code: 'KeyW', ctrlKey: true, shiftKey: true, altKey: true }))).toBeNull();
    expect(matchShortcut(key({ key: 'c', code: 'KeyC', ctrlKey: true }))).toBeNull();
  });
});

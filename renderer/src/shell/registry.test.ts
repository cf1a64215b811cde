import { describe, expect, it } from 'vitest';
import { formatShortcut, matchAction as matchIn, searchActions as searchIn, type KeyLike } from '../model/actions';
import { createI18n } from '../ui';
import type { Slot } from '../registry';
import { ACTIONS, AREAS } from './areas';

const en = await createI18n(AREAS, 'en');

const matchAction = (event: KeyLike) => matchIn(event, ACTIONS);
const searchActions = (query: string) => searchIn(query, ACTIONS, (a) => `${a.group} ${en.t(a.title)}`);

const key = (k: Partial<KeyLike>): KeyLike => ({ key: '', code: '', ctrlKey: false, shiftKey: false, altKey: false, metaKey: false, ...k });

describe('action registry', () => {
  it('has unique ids and no two actions on the same shortcut', () => {
    expect(new Set(ACTIONS.map((a) => a.id)).size).toBe(ACTIONS.length);
    const shortcuts = ACTIONS.filter((a) => a.shortcut).map((a) => formatShortcut(a));
    expect(new Set(shortcuts).size).toBe(shortcuts.length);
  });

  it('matches by code, by key on other layouts, and Cmd only where allowed', () => {
    expect(matchAction(key({ key: 'W', code: 'KeyW', ctrlKey: true, shiftKey: true }))).toBe('tab.close');
    expect(matchAction(key({ key: 'w', code: 'KeyZ', ctrlKey: true, shiftKey: true }))).toBe('tab.close');
    expect(matchAction(key({ key: 'D', code: 'KeyD', ctrlKey: true, shiftKey: true }))).toBe('pane.splitRight');
    expect(matchAction(key({ key: 'ArrowLeft', code: 'ArrowLeft', altKey: true }))).toBe('pane.focusLeft');
    expect(matchAction(key({ key: 'P', code: 'KeyP', metaKey: true, shiftKey: true }))).toBe('palette.open');
    expect(matchAction(key({ key: 'W', code: 'KeyW', metaKey: true, shiftKey: true }))).toBeNull();
  });

  it('toggles broadcast typing with Ctrl+Shift+\\ (any layout’s key on that place) and Ctrl+Shift+Z', () => {
    expect(matchAction(key({ key: '|', code: 'Backslash', ctrlKey: true, shiftKey: true }))).toBe('broadcast.togglePane');
    expect(matchAction(key({ key: 'Z', code: 'KeyZ', ctrlKey: true, shiftKey: true }))).toBe('broadcast.toggleAll');
    // Ctrl+\ alone is the terminal's (SIGQUIT).
    expect(matchAction(key({ key: '\\', code: 'Backslash', ctrlKey: true }))).toBeNull();
    expect(formatShortcut(ACTIONS.find((a) => a.id === 'broadcast.togglePane')!)).toBe('Ctrl+Shift+\\');
  });

  it('leaves the terminal its keys (Ctrl+W, Ctrl+C, plain letters)', () => {
    expect(matchAction(key({ key: 'w', code: 'KeyW', ctrlKey: true }))).toBeNull();
    expect(matchAction(key({ key: 'c', code: 'KeyC', ctrlKey: true }))).toBeNull();
    expect(matchAction(key({ key: 'r', code: 'KeyR' }))).toBeNull();
    expect(matchAction(key({ key: 'W', code: 'KeyW', ctrlKey: true, shiftKey: true, altKey: true }))).toBeNull();
  });

  it('formats shortcuts and searches titles by subsequence', () => {
    const split = ACTIONS.find((a) => a.id === 'pane.splitRight')!;
    expect(formatShortcut(split)).toBe('Ctrl+Shift+D');
    expect(formatShortcut(ACTIONS.find((a) => a.id === 'pane.moveLeft')!)).toBe('Ctrl+Shift+←');
    expect(searchActions('splt rgt').map((a) => a.id)).toEqual(['pane.splitRight']);
    expect(searchActions('')).toHaveLength(ACTIONS.length);
  });
});

describe('area registry', () => {
  it('binds a handler to every registered action, and none to an action nobody registered', () => {
    const ctx = new Proxy({}, { get: () => () => {} }) as never;
    const bound = AREAS.flatMap((area) => Object.keys(area.handlers?.(ctx) ?? {}));
    expect(bound.sort()).toEqual(ACTIONS.map((a) => a.id).sort());
  });

  it('lets each area fill the shell’s slots and preload its own chunks', () => {
    const names = AREAS.map((a) => a.name);
    expect(new Set(names).size).toBe(names.length);
    const slots = (slot: Slot) => AREAS.filter((a) => a.panels?.[slot]).map((a) => a.name);
    expect(slots('sidebar')).toEqual(['connection', 'hosts']); // the gateway card above the host tree
    expect(slots('main')).toEqual(['terminal', 'metrics']); // the metrics panel to the right of the terminals
    expect(slots('overlay')).toEqual(['shell', 'connection', 'terminal', 'batch', 'files', 'live', 'audit', 'review', 'access', 'inventory', 'rules', 'directory']);
    expect(slots('status')).toEqual(['access']);
  });
});

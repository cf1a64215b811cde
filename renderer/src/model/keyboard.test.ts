import { describe, expect, it } from 'vitest';
import { ctrlShift, type ActionContext, type ActionDef, type KeyLike } from './actions';
import { dispatchKey, type KeyPlace } from './keyboard';

const actions: ActionDef[] = [
  { id: 'tab.close', title: 'Close tab', group: 'Tabs', shortcut: ctrlShift('KeyW'), when: (c) => c.hasTab },
  { id: 'palette.open', title: 'Palette', group: 'App', shortcut: ctrlShift('KeyP') },
  { id: 'filter.focus', title: 'Filter', group: 'Hosts', plainKey: { key: '/', where: 'outside-terminal' } },
  {
    id: 'gateway.reconnect',
    title: 'Reconnect',
    group: 'Gateway',
    plainKey: { key: 'r', where: 'anywhere', onlyWhen: (c) => c.gateway === 'lost' },
    when: (c) => c.gateway === 'lost' || c.gateway === 'disconnected',
  },
  { id: 'pane.reopen', title: 'Reopen', group: 'Panes', plainKey: { key: 'Enter', where: 'ended-pane' }, when: (c) => c.hasTab },
];
const key = (k: Partial<KeyLike>): KeyLike => ({ key: '', code: '', ctrlKey: false, shiftKey: false, altKey: false, metaKey: false, ...k });
const place = (p: Partial<KeyPlace> = {}): KeyPlace => ({ inDialog: false, inTerminal: false, typing: false, onPane: false, ...p });
const ctx = (c: Partial<ActionContext> = {}): ActionContext => ({ hasTab: true, gateway: 'connected', focusedPaneEnded: false, ...c });
const ctrlShiftW = key({ key: 'W', code: 'KeyW', ctrlKey: true, shiftKey: true });

describe('keyboard dispatch', () => {
  it('runs a shortcut from any place, terminals and text fields included, but not under a dialog', () => {
    expect(dispatchKey(ctrlShiftW, place({ inTerminal: true }), actions, ctx())).toBe('tab.close');
    expect(dispatchKey(ctrlShiftW, place({ typing: true }), actions, ctx())).toBe('tab.close');
    expect(dispatchKey(ctrlShiftW, place({ inDialog: true }), actions, ctx())).toBeNull();
  });

  it('leaves a disabled action’s key to whatever has focus', () => {
    expect(dispatchKey(ctrlShiftW, place(), actions, ctx({ hasTab: false }))).toBeNull();
    expect(dispatchKey(key({ key: 'P', code: 'KeyP', ctrlKey: true, shiftKey: true }), place(), actions, ctx({ hasTab: false }))).toBe('palette.open');
  });

  it('takes "/" outside terminals and text fields only', () => {
    const slash = key({ key: '/', code: 'Slash' });
    expect(dispatchKey(slash, place(), actions, ctx())).toBe('filter.focus');
    expect(dispatchKey(slash, place({ inTerminal: true }), actions, ctx())).toBeNull();
    expect(dispatchKey(slash, place({ typing: true }), actions, ctx())).toBeNull();
    expect(dispatchKey(key({ key: '/', code: 'Slash', ctrlKey: true }), place(), actions, ctx())).toBeNull();
  });

  it('reconnects on R (either case, in a terminal too) only while the connection is lost', () => {
    expect(dispatchKey(key({ key: 'r', code: 'KeyR' }), place({ inTerminal: true }), actions, ctx({ gateway: 'lost' }))).toBe('gateway.reconnect');
    expect(dispatchKey(key({ key: 'R', code: 'KeyR', shiftKey: true }), place(), actions, ctx({ gateway: 'lost' }))).toBe('gateway.reconnect');
    expect(dispatchKey(key({ key: 'r', code: 'KeyR' }), place(), actions, ctx({ gateway: 'disconnected' }))).toBeNull();
    expect(dispatchKey(key({ key: 'r', code: 'KeyR' }), place({ inTerminal: true }), actions, ctx())).toBeNull();
    expect(dispatchKey(key({ key: 'r', code: 'KeyR' }), place({ typing: true }), actions, ctx({ gateway: 'lost' }))).toBeNull();
  });

  it('reopens on Enter only on a pane whose session ended', () => {
    const enter = key({ key: 'Enter', code: 'Enter' });
    expect(dispatchKey(enter, place({ onPane: true, inTerminal: true }), actions, ctx({ focusedPaneEnded: true }))).toBe('pane.reopen');
    expect(dispatchKey(enter, place({ onPane: true, inTerminal: true }), actions, ctx())).toBeNull();
    expect(dispatchKey(enter, place(), actions, ctx({ focusedPaneEnded: true }))).toBeNull();
  });
});

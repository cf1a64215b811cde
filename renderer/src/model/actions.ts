// The one action registry: every command the user can run, with its shortcut. The command palette
// lists it and the keyboard handler matches against it, so the two can never disagree. Pure: the
// handlers are bound by the app (see app/useActions.ts).
export type ActionId =
  | 'palette.open'
  | 'profiles.open'
  | 'gateway.reconnect'
  | 'gateway.disconnect'
  | 'filter.focus'
  | 'tab.close'
  | 'tab.next'
  | 'tab.previous'
  | 'pane.splitRight'
  | 'pane.splitDown'
  | 'pane.close'
  | 'pane.focusLeft'
  | 'pane.focusRight'
  | 'pane.focusUp'
  | 'pane.focusDown'
  | 'pane.moveLeft'
  | 'pane.moveRight'
  | 'pane.moveUp'
  | 'pane.moveDown'
  | 'pane.reopen'
  | 'terminal.find'
  | 'terminal.copy'
  | 'terminal.paste'
  | 'view.toggleTheme'
  | 'settings.open';

export interface Shortcut {
  /** KeyboardEvent.code, so layouts that shift letters still match (KeyD, ArrowLeft, Slash…). */
  code: string;
  ctrl?: boolean;
  shift?: boolean;
  alt?: boolean;
  /** Also accept Cmd instead of Ctrl (macOS). */
  cmdOk?: boolean;
}

export interface ActionDef {
  id: ActionId;
  title: string;
  group: 'App' | 'Gateway' | 'Tabs' | 'Panes' | 'Terminal' | 'Hosts';
  shortcut?: Shortcut;
  /** Shown with the shortcut but handled elsewhere (e.g. `/` only outside terminals). */
  shortcutNote?: string;
}

const cs = (code: string): Shortcut => ({ code, ctrl: true, shift: true });
const alt = (code: string): Shortcut => ({ code, alt: true });

export const ACTIONS: readonly ActionDef[] = [
  { id: 'palette.open', title: 'Command palette', group: 'App', shortcut: { code: 'KeyP', ctrl: true, shift: true, cmdOk: true } },
  { id: 'profiles.open', title: 'Gateway profiles…', group: 'Gateway', shortcut: cs('KeyG') },
  { id: 'gateway.reconnect', title: 'Reconnect to the gateway', group: 'Gateway', shortcutNote: 'R (when the connection is lost)' },
  { id: 'gateway.disconnect', title: 'Disconnect from the gateway', group: 'Gateway' },
  { id: 'filter.focus', title: 'Filter hosts', group: 'Hosts', shortcutNote: '/ (outside a terminal)' },
  { id: 'tab.close', title: 'Close tab', group: 'Tabs', shortcut: cs('KeyW') },
  { id: 'tab.next', title: 'Next tab', group: 'Tabs', shortcut: { code: 'PageDown', ctrl: true } },
  { id: 'tab.previous', title: 'Previous tab', group: 'Tabs', shortcut: { code: 'PageUp', ctrl: true } },
  { id: 'pane.splitRight', title: 'Split right', group: 'Panes', shortcut: cs('KeyD') },
  { id: 'pane.splitDown', title: 'Split down', group: 'Panes', shortcut: cs('KeyE') },
  { id: 'pane.close', title: 'Close pane', group: 'Panes', shortcut: cs('KeyX') },
  { id: 'pane.focusLeft', title: 'Focus pane left', group: 'Panes', shortcut: alt('ArrowLeft') },
  { id: 'pane.focusRight', title: 'Focus pane right', group: 'Panes', shortcut: alt('ArrowRight') },
  { id: 'pane.focusUp', title: 'Focus pane above', group: 'Panes', shortcut: alt('ArrowUp') },
  { id: 'pane.focusDown', title: 'Focus pane below', group: 'Panes', shortcut: alt('ArrowDown') },
  { id: 'pane.moveLeft', title: 'Move pane left', group: 'Panes', shortcut: cs('ArrowLeft') },
  { id: 'pane.moveRight', title: 'Move pane right', group: 'Panes', shortcut: cs('ArrowRight') },
  { id: 'pane.moveUp', title: 'Move pane up', group: 'Panes', shortcut: cs('ArrowUp') },
  { id: 'pane.moveDown', title: 'Move pane down', group: 'Panes', shortcut: cs('ArrowDown') },
  { id: 'pane.reopen', title: 'Reconnect this pane', group: 'Panes', shortcutNote: 'Enter (on a restored or ended pane)' },
  { id: 'terminal.find', title: 'Find in scrollback', group: 'Terminal', shortcut: cs('KeyF') },
  { id: 'terminal.copy', title: 'Copy selection', group: 'Terminal', shortcut: cs('KeyC') },
  { id: 'terminal.paste', title: 'Paste', group: 'Terminal', shortcut: cs('KeyV') },
  { id: 'view.toggleTheme', title: 'Toggle dark / light theme', group: 'App', shortcut: cs('KeyL') },
  { id: 'settings.open', title: 'Terminal settings…', group: 'App', shortcut: { code: 'Comma', ctrl: true } },
];

export interface KeyLike {
  key: string;
  code: string;
  ctrlKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  metaKey: boolean;
}

function matches(s: Shortcut, e: KeyLike): boolean {
  const ctrl = e.ctrlKey || (s.cmdOk === true && e.metaKey);
  if (!!s.ctrl !== ctrl || !!s.shift !== e.shiftKey || !!s.alt !== e.altKey) return false;
  if (e.metaKey && !s.cmdOk) return false;
  if (e.code === s.code) return true;
  // Some layouts report another code for the same letter: fall back to the key itself.
  return s.code.startsWith('Key') && e.key.toUpperCase() === s.code.slice(3);
}

/** The action a key event triggers, or null (then the key belongs to whatever has focus). */
export function matchAction(event: KeyLike, actions: readonly ActionDef[] = ACTIONS): ActionId | null {
  for (const action of actions) if (action.shortcut && matches(action.shortcut, event)) return action.id;
  return null;
}

const KEY_NAMES: Record<string, string> = {
  ArrowLeft: '←',
  ArrowRight: '→',
  ArrowUp: '↑',
  ArrowDown: '↓',
  PageUp: 'PgUp',
  PageDown: 'PgDn',
  Comma: ',',
  Slash: '/',
};

/** "Ctrl+Shift+D" — for the palette, tooltips and the README table. */
export function formatShortcut(action: ActionDef): string {
  const s = action.shortcut;
  if (!s) return action.shortcutNote ?? '';
  const keys = [s.ctrl && 'Ctrl', s.alt && 'Alt', s.shift && 'Shift', KEY_NAMES[s.code] ?? s.code.replace(/^Key|^Digit/, '')];
  return keys.filter(Boolean).join('+');
}

/** Case-insensitive subsequence match on title or id, for the palette. */
export function searchActions(query: string, actions: readonly ActionDef[] = ACTIONS): ActionDef[] {
  const q = query.toLowerCase().replace(/\s+/g, '');
  if (!q) return [...actions];
  const isSubsequence = (text: string) => {
    let i = 0;
    for (const ch of text.toLowerCase()) if (ch === q[i]) i++;
    return i === q.length;
  };
  return actions.filter((a) => isSubsequence(`${a.group} ${a.title}`) || isSubsequence(a.id));
}

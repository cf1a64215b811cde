// Actions: commands the user can run, with their shortcuts. Each area lists its own (its
// actions.ts); the shell's registry (shell/areas.ts) joins them, the command palette lists them and
// the keyboard dispatch (./keyboard) matches against them, so the two can never disagree. Pure: the
// handlers are bound by the areas.
import type { GatewayState } from '../../../shared/contract/client-api';

/** "area.verb", e.g. 'pane.splitRight'. */
export type ActionId = string;

/** What decides whether an action can run now. */
export interface ActionContext {
  hasTab: boolean;
  gateway: GatewayState['status'] | undefined;
  /** The focused pane's session ended (closed or lost): Enter there opens it again. */
  focusedPaneEnded: boolean;
}

/** A key without Ctrl/Alt/Cmd the app takes, only outside text fields and only where it says. */
export interface PlainKey {
  /** KeyboardEvent.key, compared without case. */
  key: string;
  /** outside-terminal: not in a terminal; anywhere: terminals too; ended-pane: on a pane whose session ended. */
  where: 'outside-terminal' | 'anywhere' | 'ended-pane';
  /** Narrower than the action's own `when` (R reconnects only a lost connection, not a closed one). */
  onlyWhen?: (ctx: ActionContext) => boolean;
}

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
  /** The catalog key of its title, `area:actions.<id>` (the palette shows it in the active language). */
  title: string;
  group: 'App' | 'Gateway' | 'Tabs' | 'Panes' | 'Terminal' | 'Hosts';
  shortcut?: Shortcut;
  plainKey?: PlainKey;
  /** When it can run (always, without). */
  when?: (ctx: ActionContext) => boolean;
  /** The catalog key of a key shown instead of a shortcut but handled elsewhere (e.g. `/` only outside terminals). */
  shortcutNote?: string;
}

export const ctrlShift = (code: string): Shortcut => ({ code, ctrl: true, shift: true });
export const ctrl = (code: string): Shortcut => ({ code, ctrl: true });
export const alt = (code: string): Shortcut => ({ code, alt: true });

export const isEnabled = (action: ActionDef, ctx: ActionContext): boolean => action.when?.(ctx) ?? true;

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
export function matchAction(event: KeyLike, actions: readonly ActionDef[]): ActionId | null {
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
  Period: '.',
  Slash: '/',
  Backslash: '\\',
  Equal: '=',
  Minus: '-',
};

/** "Ctrl+Shift+D" — for the palette, tooltips and the README table; `t` words a shortcut note. */
export function formatShortcut(action: ActionDef, t: (key: string) => string = (key) => key): string {
  const s = action.shortcut;
  if (!s) return action.shortcutNote ? t(action.shortcutNote) : '';
  const keys = [s.ctrl && 'Ctrl', s.alt && 'Alt', s.shift && 'Shift', KEY_NAMES[s.code] ?? s.code.replace(/^Key|^Digit/, '')];
  return keys.filter(Boolean).join('+');
}

/** Case-insensitive subsequence match on the label (group and title as shown) or id, for the palette. */
export function searchActions(query: string, actions: readonly ActionDef[], label: (action: ActionDef) => string): ActionDef[] {
  const q = query.toLowerCase().replace(/\s+/g, '');
  if (!q) return [...actions];
  const isSubsequence = (text: string) => {
    let i = 0;
    for (const ch of text.toLowerCase()) if (ch === q[i]) i++;
    return i === q.length;
  };
  return actions.filter((a) => isSubsequence(label(a)) || isSubsequence(a.id));
}

// The terminal area: tabs of split panes, find, and the terminal's settings.
import type { Area, ShellContext } from '../registry';
import { TERMINAL_ACTIONS } from './actions';
import { toggleBroadcast } from './broadcast-actions';
import { readClipboard } from './clipboard';
import { saveScrollback } from './save-scrollback';
import { preloadTerminalDialogs } from './lazy';
import { TAB_BAR_EVENTS } from './TabBar';
import { TerminalArea } from './TerminalArea';
import { SETTINGS_MODAL, TerminalEffects } from './TerminalEffects';
import type { SessionsSnapshot, SessionsStore } from './sessions-store';

declare module '../registry' {
  interface AreaServices {
    store: SessionsStore;
    sessions: SessionsSnapshot;
  }
}

function TerminalMain({ ctx }: { ctx: ShellContext }) {
  return <TerminalArea store={ctx.store} sessions={ctx.sessions} actions={ctx.actions} run={ctx.run} enabled={ctx.enabled} />;
}

function whenActive(store: SessionsStore, act: (key: string) => void): void {
  const key = store.getSnapshot().activeKey;
  if (key) act(key);
}


export const terminalArea: Area = {
  name: 'terminal',
  catalogs: { en: () => import('./locales/en.json'), 'zh-CN': () => import('./locales/zh-CN.json') },
  firstScreen: true,
  actions: TERMINAL_ACTIONS,
  handlers: (shell) => {
    const { store, ...ctx } = shell;
    return {
    'tab.close': () => store.closeActive(),
    'tab.next': () => store.cycleTab(1),
    'tab.previous': () => store.cycleTab(-1),
    'tab.rename': () => document.dispatchEvent(new CustomEvent(TAB_BAR_EVENTS.rename)),
    'tab.duplicate': () => whenActive(store, (key) => store.duplicateTab(key)),
    'tab.closeOthers': () => whenActive(store, (key) => store.closeOthers(key)),
    'tab.list': () => document.dispatchEvent(new CustomEvent(TAB_BAR_EVENTS.list)),
    'pane.splitRight': () => store.splitFocused('right'),
    'pane.splitDown': () => store.splitFocused('bottom'),
    'pane.close': () => store.closeFocusedPane(),
    'pane.focusLeft': () => store.moveFocus('left'),
    'pane.focusRight': () => store.moveFocus('right'),
    'pane.focusUp': () => store.moveFocus('top'),
    'pane.focusDown': () => store.moveFocus('bottom'),
    'pane.moveLeft': () => store.moveFocused('left'),
    'pane.moveRight': () => store.moveFocused('right'),
    'pane.moveUp': () => store.moveFocused('top'),
    'pane.moveDown': () => store.moveFocused('bottom'),
    'pane.reopen': () => {
      const id = store.focusedPaneId();
      if (id) store.reopen(id);
    },
    'terminal.find': () => document.dispatchEvent(new CustomEvent('portcullis:find')),
    'terminal.copy': () => void store.focusedSession()?.copySelection(),
    'terminal.paste': () => {
      const session = store.focusedSession();
      readClipboard((text) => session?.paste(text));
    },
    'terminal.selectAll': () => store.focusedSession()?.selectAll(),
    'terminal.clear': () => store.focusedSession()?.clear(),
    'terminal.saveScrollback': () => {
      const session = store.focusedSession();
      if (session) saveScrollback(session);
    },
    'terminal.zoomIn': () => store.zoom('in'),
    'terminal.zoomOut': () => store.zoom('out'),
    'terminal.zoomReset': () => store.zoom('reset'),
    'broadcast.togglePane': () => toggleBroadcast(shell, 'pane'),
    'broadcast.toggleAll': () => toggleBroadcast(shell, 'all'),
    'settings.open': () => ctx.openModal(SETTINGS_MODAL),
    };
  },
  panels: { main: TerminalMain, overlay: TerminalEffects },
  preload: (ctx) => Promise.all([ctx.store.loadTerminalCode(), preloadTerminalDialogs()]),
};

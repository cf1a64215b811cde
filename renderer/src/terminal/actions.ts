import { alt, ctrlShift, type ActionContext, type ActionDef } from '../model/actions';

const hasTab = (ctx: ActionContext) => ctx.hasTab;

export const TERMINAL_ACTIONS: readonly ActionDef[] = [
  { id: 'tab.close', title: 'Close tab', group: 'Tabs', shortcut: ctrlShift('KeyW'), when: hasTab },
  { id: 'tab.next', title: 'Next tab', group: 'Tabs', shortcut: { code: 'PageDown', ctrl: true }, when: hasTab },
  { id: 'tab.previous', title: 'Previous tab', group: 'Tabs', shortcut: { code: 'PageUp', ctrl: true }, when: hasTab },
  { id: 'pane.splitRight', title: 'Split right', group: 'Panes', shortcut: ctrlShift('KeyD'), when: hasTab },
  { id: 'pane.splitDown', title: 'Split down', group: 'Panes', shortcut: ctrlShift('KeyE'), when: hasTab },
  { id: 'pane.close', title: 'Close pane', group: 'Panes', shortcut: ctrlShift('KeyX'), when: hasTab },
  { id: 'pane.focusLeft', title: 'Focus pane left', group: 'Panes', shortcut: alt('ArrowLeft'), when: hasTab },
  { id: 'pane.focusRight', title: 'Focus pane right', group: 'Panes', shortcut: alt('ArrowRight'), when: hasTab },
  { id: 'pane.focusUp', title: 'Focus pane above', group: 'Panes', shortcut: alt('ArrowUp'), when: hasTab },
  { id: 'pane.focusDown', title: 'Focus pane below', group: 'Panes', shortcut: alt('ArrowDown'), when: hasTab },
  { id: 'pane.moveLeft', title: 'Move pane left', group: 'Panes', shortcut: ctrlShift('ArrowLeft'), when: hasTab },
  { id: 'pane.moveRight', title: 'Move pane right', group: 'Panes', shortcut: ctrlShift('ArrowRight'), when: hasTab },
  { id: 'pane.moveUp', title: 'Move pane up', group: 'Panes', shortcut: ctrlShift('ArrowUp'), when: hasTab },
  { id: 'pane.moveDown', title: 'Move pane down', group: 'Panes', shortcut: ctrlShift('ArrowDown'), when: hasTab },
  {
    id: 'pane.reopen',
    title: 'Reconnect this pane',
    group: 'Panes',
    shortcutNote: 'Enter (on a restored or ended pane)',
    plainKey: { key: 'Enter', where: 'ended-pane' },
    when: hasTab,
  },
  { id: 'terminal.find', title: 'Find in scrollback', group: 'Terminal', shortcut: ctrlShift('KeyF'), when: hasTab },
  { id: 'terminal.copy', title: 'Copy selection', group: 'Terminal', shortcut: ctrlShift('KeyC'), when: hasTab },
  { id: 'terminal.paste', title: 'Paste', group: 'Terminal', shortcut: ctrlShift('KeyV'), when: hasTab },
  { id: 'settings.open', title: 'Terminal settings…', group: 'App', shortcut: { code: 'Comma', ctrl: true } },
];

import { alt, ctrlShift, type ActionContext, type ActionDef } from '../model/actions';

const hasTab = (ctx: ActionContext) => ctx.hasTab;

export const TERMINAL_ACTIONS: readonly ActionDef[] = [
  { id: 'tab.close', title: 'terminal:actions.tab.close', group: 'Tabs', shortcut: ctrlShift('KeyW'), when: hasTab },
  { id: 'tab.next', title: 'terminal:actions.tab.next', group: 'Tabs', shortcut: { code: 'PageDown', ctrl: true }, when: hasTab },
  { id: 'tab.previous', title: 'terminal:actions.tab.previous', group: 'Tabs', shortcut: { code: 'PageUp', ctrl: true }, when: hasTab },
  { id: 'tab.rename', title: 'terminal:actions.tab.rename', group: 'Tabs', when: hasTab },
  { id: 'tab.duplicate', title: 'terminal:actions.tab.duplicate', group: 'Tabs', when: hasTab },
  { id: 'tab.closeOthers', title: 'terminal:actions.tab.closeOthers', group: 'Tabs', when: hasTab },
  { id: 'tab.list', title: 'terminal:actions.tab.list', group: 'Tabs', when: hasTab },
  { id: 'pane.splitRight', title: 'terminal:actions.pane.splitRight', group: 'Panes', shortcut: ctrlShift('KeyD'), when: hasTab },
  { id: 'pane.splitDown', title: 'terminal:actions.pane.splitDown', group: 'Panes', shortcut: ctrlShift('KeyE'), when: hasTab },
  { id: 'pane.close', title: 'terminal:actions.pane.close', group: 'Panes', shortcut: ctrlShift('KeyX'), when: hasTab },
  { id: 'pane.focusLeft', title: 'terminal:actions.pane.focusLeft', group: 'Panes', shortcut: alt('ArrowLeft'), when: hasTab },
  { id: 'pane.focusRight', title: 'terminal:actions.pane.focusRight', group: 'Panes', shortcut: alt('ArrowRight'), when: hasTab },
  { id: 'pane.focusUp', title: 'terminal:actions.pane.focusUp', group: 'Panes', shortcut: alt('ArrowUp'), when: hasTab },
  { id: 'pane.focusDown', title: 'terminal:actions.pane.focusDown', group: 'Panes', shortcut: alt('ArrowDown'), when: hasTab },
  { id: 'pane.moveLeft', title: 'terminal:actions.pane.moveLeft', group: 'Panes', shortcut: ctrlShift('ArrowLeft'), when: hasTab },
  { id: 'pane.moveRight', title: 'terminal:actions.pane.moveRight', group: 'Panes', shortcut: ctrlShift('ArrowRight'), when: hasTab },
  { id: 'pane.moveUp', title: 'terminal:actions.pane.moveUp', group: 'Panes', shortcut: ctrlShift('ArrowUp'), when: hasTab },
  { id: 'pane.moveDown', title: 'terminal:actions.pane.moveDown', group: 'Panes', shortcut: ctrlShift('ArrowDown'), when: hasTab },
  {
    id: 'pane.reopen',
    title: 'terminal:actions.pane.reopen',
    group: 'Panes',
    shortcutNote: 'terminal:actions.pane.reopenKeys',
    plainKey: { key: 'Enter', where: 'ended-pane' },
    when: hasTab,
  },
  { id: 'terminal.find', title: 'terminal:actions.terminal.find', group: 'Terminal', shortcut: ctrlShift('KeyF'), when: hasTab },
  { id: 'terminal.copy', title: 'terminal:actions.terminal.copy', group: 'Terminal', shortcut: ctrlShift('KeyC'), when: hasTab },
  { id: 'terminal.paste', title: 'terminal:actions.terminal.paste', group: 'Terminal', shortcut: ctrlShift('KeyV'), when: hasTab },
  { id: 'settings.open', title: 'terminal:actions.settings.open', group: 'App', shortcut: { code: 'Comma', ctrl: true } },
];

import { ctrlShift, type ActionDef } from '../model/actions';

export const SHELL_ACTIONS: readonly ActionDef[] = [
  { id: 'palette.open', title: 'shell:actions.palette.open', group: 'App', shortcut: { code: 'KeyP', ctrl: true, shift: true, cmdOk: true } },
  { id: 'view.toggleSidebar', title: 'shell:actions.view.toggleSidebar', group: 'App', shortcut: ctrlShift('KeyB') },
  { id: 'view.toggleTheme', title: 'shell:actions.view.toggleTheme', group: 'App', shortcut: ctrlShift('KeyL') },
];

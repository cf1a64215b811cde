import { ctrlShift, type ActionDef } from '../model/actions';

export const SHELL_ACTIONS: readonly ActionDef[] = [
  { id: 'palette.open', title: 'Command palette', group: 'App', shortcut: { code: 'KeyP', ctrl: true, shift: true, cmdOk: true } },
  { id: 'view.toggleTheme', title: 'Toggle dark / light theme', group: 'App', shortcut: ctrlShift('KeyL') },
];

import { ctrlShift, type ActionDef } from '../model/actions';

export const FILES_ACTIONS: readonly ActionDef[] = [
  // For the focused pane's host and login; it needs the gateway (the SFTP session goes through it).
  { id: 'files.open', title: 'files:actions.files.open', group: 'Terminal', shortcut: ctrlShift('KeyK'), when: (ctx) => ctx.hasTab && ctx.gateway === 'connected' },
];

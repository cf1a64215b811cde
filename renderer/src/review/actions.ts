import { ctrlShift, type ActionDef } from '../model/actions';

// Shown to every role: the gateway decides what each sees (an operator: their own sessions).
// Ctrl+Shift+Y, not R: Ctrl+Shift+R is the browser's and Electron's default menu's force-reload.
// Command search has no key of its own (K is Files…): the palette, or the window's Commands tab.
export const REVIEW_ACTIONS: readonly ActionDef[] = [
  { id: 'review.sessions', title: 'review:actions.review.sessions', group: 'Gateway', shortcut: ctrlShift('KeyY'), when: (ctx) => ctx.gateway === 'connected' },
  { id: 'review.commands', title: 'review:actions.review.commands', group: 'Gateway', when: (ctx) => ctx.gateway === 'connected' },
];

import { ctrlShift, type ActionDef } from '../model/actions';

// Shown to every role: the gateway decides what each sees (an operator: their own sessions).
export const REVIEW_ACTIONS: readonly ActionDef[] = [
  { id: 'review.sessions', title: 'review:actions.review.sessions', group: 'Gateway', shortcut: ctrlShift('KeyR'), when: (ctx) => ctx.gateway === 'connected' },
  { id: 'review.commands', title: 'review:actions.review.commands', group: 'Gateway', shortcut: ctrlShift('KeyK'), when: (ctx) => ctx.gateway === 'connected' },
];

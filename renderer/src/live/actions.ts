import { ctrlShift, type ActionDef } from '../model/actions';

export const LIVE_ACTIONS: readonly ActionDef[] = [
  { id: 'live.open', title: 'live:actions.live.open', group: 'Gateway', shortcut: ctrlShift('KeyM'), when: (ctx) => ctx.gateway === 'connected' },
];

import { ctrlShift, type ActionContext, type ActionDef } from '../model/actions';

const connected = (ctx: ActionContext) => ctx.gateway === 'connected';

export const BATCH_ACTIONS: readonly ActionDef[] = [
  { id: 'batch.new', title: 'batch:actions.batch.new', group: 'Hosts', shortcut: ctrlShift('KeyJ'), when: connected },
  { id: 'batch.history', title: 'batch:actions.batch.history', group: 'Hosts', shortcut: ctrlShift('KeyH'), when: connected },
];

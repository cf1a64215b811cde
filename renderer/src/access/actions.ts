import { ctrlShift, type ActionContext, type ActionDef } from '../model/actions';

const connected = (ctx: ActionContext) => ctx.gateway === 'connected';

// Approvals and grants are the admin's: the palette offers them to everyone connected, the dialog
// says when the gateway refuses the role (it decides; the UI only hides what it knows).
export const ACCESS_ACTIONS: readonly ActionDef[] = [
  { id: 'access.mine', title: 'access:actions.access.mine', group: 'Gateway', shortcut: ctrlShift('Period'), when: connected },
  { id: 'access.request', title: 'access:actions.access.request', group: 'Gateway', when: connected },
  { id: 'access.approvals', title: 'access:actions.access.approvals', group: 'Gateway', when: connected },
  { id: 'access.grants', title: 'access:actions.access.grants', group: 'Gateway', when: connected },
];

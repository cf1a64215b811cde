import type { ActionDef } from '../../model/actions';

// Offered to everyone connected; the screen says when the gateway refuses the role (it decides).
export const COMMAND_RULES_ACTIONS: readonly ActionDef[] = [
  { id: 'commandRules.open', title: 'rules:command.actions.open', group: 'Gateway', when: (ctx) => ctx.gateway === 'connected' },
];

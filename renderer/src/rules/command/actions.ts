import { connectedAs } from '../../access';
import type { ActionDef } from '../../model/actions';

// Offered to admins only (as the gateway told the roles); the gateway still checks every call.
export const COMMAND_RULES_ACTIONS: readonly ActionDef[] = [
  { id: 'commandRules.open', title: 'rules:command.actions.open', group: 'Gateway', when: connectedAs('admin') },
];

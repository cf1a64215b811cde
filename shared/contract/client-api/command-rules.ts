// Client API section "rules.command": command rules (docs/GATEWAY.md, "Command rules") passed
// through by the main side with the gateway's params and results; the gateway checks the role.
import { commandRulesMethods } from '../gateway-api/command-rules';
import type { EventTable, MethodTable } from '../../rpc/protocol';
import type { ApiSection } from '../api-section';
import { passThrough } from './pass-through';

export const commandRulesClientMethods = {
  'rules.command.list': passThrough(commandRulesMethods, 'rules.command.list'),
  'rules.command.add': passThrough(commandRulesMethods, 'rules.command.add'),
  'rules.command.remove': passThrough(commandRulesMethods, 'rules.command.remove'),
  'rules.command.test': passThrough(commandRulesMethods, 'rules.command.test'),
  'rules.command.corpus': passThrough(commandRulesMethods, 'rules.command.corpus'),
} satisfies MethodTable;

export const commandRulesClientSection = { methods: commandRulesClientMethods, events: {} satisfies EventTable } satisfies ApiSection;
export type CommandRulesClientMethods = typeof commandRulesClientMethods;

// Client API section "rules.login": the admin's login rules (docs/GATEWAY.md, "Login rules over
// the API"), passed through by the main side to the gateway, which checks the role and every
// field. `rules.login.users` and `rules.login.groups` are the gateway's `users.list` and
// `groups.list`, for the names the subject field offers.
import type { EventTable, MethodTable } from '../../rpc/protocol';
import type { ApiSection } from '../api-section';
import { loginRulesMethods } from '../gateway-api/login-rules';
import { usersMethods } from '../gateway-api/users';

type LoginRulesMethods = typeof loginRulesMethods;
/** A gateway method as the client offers it: the same params and result (without its role policy). */
const pass = <K extends keyof LoginRulesMethods>(name: K): { params: LoginRulesMethods[K]['params']; result: LoginRulesMethods[K]['result'] } => ({
  params: loginRulesMethods[name].params,
  result: loginRulesMethods[name].result,
});

export const loginRulesClientMethods = {
  'rules.login.list': pass('rules.login.list'),
  'rules.login.check': pass('rules.login.check'),
  'rules.login.add': pass('rules.login.add'),
  'rules.login.remove': pass('rules.login.remove'),
  'rules.login.users': { params: usersMethods['users.list'].params, result: usersMethods['users.list'].result },
  'rules.login.groups': { params: usersMethods['groups.list'].params, result: usersMethods['groups.list'].result },
} satisfies MethodTable;

export const loginRulesClientSection = { methods: loginRulesClientMethods, events: {} satisfies EventTable } satisfies ApiSection;
export type LoginRulesClientMethods = typeof loginRulesClientMethods;

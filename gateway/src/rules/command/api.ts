// API handlers of command rules (admin only: the contract's policy is checked before these run).
import type { commandRulesMethods } from '../../../../shared/contract/gateway-api/command-rules';
import type { Handlers } from '../../../../shared/rpc/dispatcher';
import { RpcError } from '../../../../shared/rpc/protocol';
import type { ApiAreaDeps, ApiContext } from '../../api-area';
import { createCommandRuleAdmin, CommandRuleError } from './admin';
import { PatternError } from './bounded-regex';
import { compileRules } from './check';
import { bypassCorpus, tryOnCorpus } from './corpus';

const asRpc = <T>(fn: () => T): T => {
  try {
    return fn();
  } catch (error) {
    if (error instanceof CommandRuleError || error instanceof PatternError) throw new RpcError(error.message.startsWith('no command rule') ? 'not_found' : 'bad_request', error.message, error instanceof CommandRuleError ? error.why : undefined);
    throw error;
  }
};

export function commandRulesApi({ store }: ApiAreaDeps): Handlers<typeof commandRulesMethods, ApiContext> {
  const rulesOf = (ctx: ApiContext) => createCommandRuleAdmin(store, ctx.user.name);
  return {
    'rules.command.list': (_p, ctx) => rulesOf(ctx).list(),
    'rules.command.add': (params, ctx) => asRpc(() => rulesOf(ctx).add(params)),
    'rules.command.remove': ({ id }, ctx) => asRpc(() => rulesOf(ctx).remove(id)),
    'rules.command.test': ({ line, rules }, ctx) =>
      asRpc(() => {
        const tested = rules ?? rulesOf(ctx).list();
        const set = compileRules(tested.map((r, i) => ({ ...r, id: i })));
        const { commands, hit } = set.check(line);
        return { commands, ...(hit && { hit: { rule: hit.rule.id, command: hit.command, why: hit.why } }) };
      }),
    'rules.command.corpus': (draft) => {
      try {
        return tryOnCorpus(draft, bypassCorpus());
      } catch (error) {
        if (error instanceof PatternError) return { refused: { code: error.code, detail: error.message } };
        throw error;
      }
    },
  };
}

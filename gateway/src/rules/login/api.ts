// API handlers of login rules for admins (`rules.login.*`): the same validated, audited operations
// as the CLI's `rule` commands (admin.ts), as the calling admin. After a change, live connections
// are re-checked at once (onAccessWrite), not at the next tick.
import type { loginRulesMethods } from '../../../../shared/contract/gateway-api/login-rules';
import type { Handlers } from '../../../../shared/rpc/dispatcher';
import type { ApiAreaDeps, ApiContext } from '../../api-area';
import { asRpc } from '../../requests/errors';
import { createLoginRuleAdmin } from './admin';
import { selfCheck } from './self-check';

export function loginRulesApi({ store, onAccessWrite }: ApiAreaDeps): Handlers<typeof loginRulesMethods, ApiContext> {
  const adminOf = (ctx: ApiContext) => createLoginRuleAdmin(store, ctx.user.name);
  const changed = <T>(value: T): T => {
    onAccessWrite?.();
    return value;
  };
  return {
    'rules.login.list': (_p, ctx) => adminOf(ctx).list(),
    'rules.login.check': (p, ctx) => {
      const { problems, rule } = adminOf(ctx).check(p);
      return {
        problems: problems.map(({ field, code, params }) => ({ field, code, params })), // the CLI's words stay behind
        rule,
        self: selfCheck(store, ctx.user, ctx.source, rule, Date.now()),
      };
    },
    'rules.login.add': (p, ctx) => asRpc(() => changed(adminOf(ctx).add(p))),
    'rules.login.remove': (p, ctx) => asRpc(() => changed(adminOf(ctx).remove(p.id))),
  };
}

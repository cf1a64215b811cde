// The one place the gateway decides whether a caller may call an API method: the method's policy
// in the contract against the caller's roles as the database has them now (a role taken away, or
// an account disabled, counts from the next request). Deny by default: a method without a valid
// policy is refused to everyone, and registerHandlers refuses to serve a table that has one.
// Denials are answered `denied` and audited as `api.denied`, counted per user like other floods.
import { ApiPolicySchema, describePolicy, policyAllows, type ApiPolicy } from '../../../shared/contract/gateway-api/policy';
import type { Handlers } from '../../../shared/rpc/dispatcher';
import { why, type Why } from '../../../shared/contract/error-reasons';
import { RpcError, type MethodTable } from '../../../shared/rpc/protocol';
import type { AuditRepeats } from '../audit/repeats';
import type { UserRepo } from '../store/users';
import type { ApiContext } from './context';

type PolicyTable = Record<string, { policy?: unknown }>;

function policyOf(methods: PolicyTable, method: string): ApiPolicy | undefined {
  const parsed = ApiPolicySchema.safeParse(Object.hasOwn(methods, method) ? methods[method]!.policy : undefined);
  return parsed.success ? parsed.data : undefined;
}

/**
 * The handlers to serve `methods` with, after checking that every method declares a policy and
 * has exactly one handler: a gap is a programming error, thrown when the gateway starts.
 */
export function registerHandlers<T extends MethodTable & PolicyTable>(methods: T, handlers: Handlers<T, ApiContext>): Handlers<T, ApiContext> {
  for (const method of Object.keys(methods)) {
    if (!policyOf(methods, method)) throw new Error(`the gateway API method "${method}" declares no valid policy (who may call it)`);
    if (typeof (handlers as Record<string, unknown>)[method] !== 'function') throw new Error(`the gateway API method "${method}" has no handler`);
  }
  for (const method of Object.keys(handlers)) {
    if (!Object.hasOwn(methods, method)) throw new Error(`an API handler serves "${method}", which no contract section defines`);
  }
  return handlers;
}

export interface AuthorizerDeps {
  users: Pick<UserRepo, 'byId'>;
  repeats: AuditRepeats;
}

/** The dispatcher's authorize step: the context with the current user, or a `denied` RpcError. */
export function createApiAuthorizer(methods: PolicyTable, deps: AuthorizerDeps): (method: string, ctx: ApiContext) => ApiContext {
  const deny = (user: string, method: string, message: string, reason: Why): never => {
    deps.repeats.record({ type: 'api.denied', actor: user, data: { method } }, { user });
    throw new RpcError('denied', message, reason);
  };
  return (method, ctx) => {
    const user = deps.users.byId(ctx.user.id);
    if (!user || user.disabled) return deny(ctx.user.name, method, 'your account is disabled', why('api.account_disabled'));
    const policy = policyOf(methods, method);
    if (!policy) return deny(user.name, method, `${method} is not open to anyone`, why('api.method_closed', { method }));
    if (!policyAllows(policy, user.roles)) {
      const held = user.roles.length ? `you have ${user.roles.join(', ')}` : 'you have no role';
      return deny(user.name, method, `${method} needs ${describePolicy(policy)}; ${held}`, why('api.role_needed', { method, roles: policy === 'own-data' ? 'any' : policy.roles.join(' / ') }));
    }
    return { ...ctx, user }; // the channel's own context (its event subscriptions) goes on
  };
}

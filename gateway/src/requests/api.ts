// API handlers of access requests and "my access". The policy (shared/contract/gateway-api/access.ts)
// has let the caller in; here each request is scoped: an operator sees and cancels only their own
// (another's is not_found), security and admin see every request, an admin decides others' requests.
import { why } from '../../../shared/contract/error-reasons';
import type { accessMethods } from '../../../shared/contract/gateway-api/access';
import type { Handlers } from '../../../shared/rpc/dispatcher';
import { RpcError } from '../../../shared/rpc/protocol';
import type { ApiAreaDeps, ApiContext } from '../api-area';
import { asRpc } from './errors';
import { myAccess } from './mine';
import type { RequestService } from './service';
import { seesEveryRequest } from './topic';

type RequestMethods = Pick<typeof accessMethods, 'access.requests.create' | 'access.requests.list' | 'access.requests.cancel' | 'access.requests.approve' | 'access.requests.deny' | 'access.mine'>;

export function requestsApi({ access, requests }: ApiAreaDeps): Handlers<RequestMethods, ApiContext> {
  const service = (): RequestService => {
    if (!requests) throw new RpcError('unavailable', 'this gateway takes no access requests', why('api.unserved', { feature: 'requests' }));
    return requests;
  };
  const decider = (ctx: ApiContext) => ({ actor: ctx.user.name, user: ctx.user.name });
  return {
    'access.requests.create': (p, ctx) => asRpc(() => service().create(ctx.user.name, p)),
    'access.requests.list': (p, ctx) => {
      const all = seesEveryRequest(ctx.user);
      if (!all && p.requester !== undefined && p.requester !== ctx.user.name) throw new RpcError('denied', "only the security and admin roles may see other users' access requests", why('api.others_data'));
      return service().list({ requester: all ? p.requester : ctx.user.name, state: p.state, before: p.before, limit: p.limit });
    },
    'access.requests.cancel': (p, ctx) => asRpc(() => service().cancel(ctx.user.name, p.id)),
    'access.requests.approve': (p, ctx) => asRpc(() => service().approve(decider(ctx), p.id, { until: p.until, durationMs: p.durationMs, hosts: p.hosts, note: p.note })),
    'access.requests.deny': (p, ctx) => asRpc(() => service().deny(decider(ctx), p.id, p.reason)),
    'access.mine': (_p, ctx) => myAccess(access, service(), ctx.user.name),
  };
}

// API handlers of the "metrics" area: any signed-in user, for the hosts they may reach now (the
// session's access decision); an unknown host gets the same refusal as one not granted.
import type { metricsMethods } from '../../../shared/contract/gateway-api/metrics';
import type { Handlers } from '../../../shared/rpc/dispatcher';
import { RpcError } from '../../../shared/rpc/protocol';
import type { ApiAreaDeps, ApiContext } from '../api-area';

/** The refusal's message; the code is `denied`, which the client shows as not_permitted. */
export const notPermitted = (host: string) => `not_permitted: you may not reach ${host}, so you may not see its metrics`;

export function metricsApi({ metrics }: ApiAreaDeps): Handlers<typeof metricsMethods, ApiContext> {
  return {
    'metrics.range': async (p, ctx) => {
      if (!metrics) throw new RpcError('unavailable', 'this gateway serves no metrics');
      const target = metrics.permitted(ctx.user.name, p.host);
      if (!target) throw new RpcError('denied', notPermitted(p.host));
      return { host: p.host, ...(await metrics.range(target.instance, p.range)) };
    },
  };
}

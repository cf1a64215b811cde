// API handlers of the "metrics" area: any signed-in user, for the hosts they may reach now (the
// session's access decision); an unknown host gets the same refusal as one not granted. A batch
// job's end-of-run values follow the job's own rule (batch.get): its submitter, or security and admin.
import { why } from '../../../shared/contract/error-reasons';
import type { metricsMethods } from '../../../shared/contract/gateway-api/metrics';
import type { Handlers } from '../../../shared/rpc/dispatcher';
import { RpcError } from '../../../shared/rpc/protocol';
import type { ApiAreaDeps, ApiContext } from '../api-area';
import { readsEveryJob } from '../batch/api';
import { batchEndValues } from './batch-ends';
import type { MetricsService } from './service';

/** The refusal's message; the code is `denied`, which the client shows as not_permitted. */
export const notPermitted = (host: string) => `not_permitted: you may not reach ${host}, so you may not see its metrics`;

/** The service, or `unavailable` on a gateway that serves no metrics. */
export function metricsOf(deps: Pick<ApiAreaDeps, 'metrics'>): MetricsService {
  if (!deps.metrics) throw new RpcError('unavailable', 'this gateway serves no metrics', why('api.unserved', { feature: 'metrics' }));
  return deps.metrics;
}

export function metricsApi(deps: ApiAreaDeps): Handlers<typeof metricsMethods, ApiContext> {
  return {
    'metrics.range': async (p, ctx) => {
      const metrics = metricsOf(deps);
      const target = metrics.permitted(ctx.user.name, p.host);
      if (!target) throw new RpcError('denied', notPermitted(p.host), why('metrics.host_denied', { host: p.host }));
      return { host: p.host, ...(await metrics.range(target.instance, p.range ?? { from: p.from!, to: p.to! })) };
    },
    'metrics.batch': async (p, ctx) => {
      const job = deps.batch?.find(p.job);
      if (!job || (job.submitter !== ctx.user.name && !readsEveryJob(ctx.user))) throw new RpcError('not_found', `no batch job ${p.job}`, why('batch.not_found', { id: p.job }));
      return { job: p.job, ...(await batchEndValues(metricsOf(deps), deps.store, deps.batch!.detail(p.job).hosts)) };
    },
  };
}

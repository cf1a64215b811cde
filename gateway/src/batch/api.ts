// API handlers of the "batch" area. The policy (shared/contract/gateway-api/batch.ts) has let the
// caller in; here each job is scoped: an operator sees and controls only their own jobs (another's
// is not_found, as if it did not exist), security and admin see every job, admin controls any.
import type { batchMethods } from '../../../shared/contract/gateway-api/batch';
import type { Handlers } from '../../../shared/rpc/dispatcher';
import { why } from '../../../shared/contract/error-reasons';
import { RpcError } from '../../../shared/rpc/protocol';
import type { ApiAreaDeps, ApiContext } from '../api-area';
import type { UserRecord } from '../store';
import type { BatchService } from './service';

/** Whether `caller` may read every job (not only their own). */
export const readsEveryJob = (caller: UserRecord) => caller.roles.includes('security') || caller.roles.includes('admin');

export function batchApi({ batch }: ApiAreaDeps): Handlers<typeof batchMethods, ApiContext> {
  const service = (): BatchService => {
    if (!batch) throw new RpcError('unavailable', 'this gateway runs no batch jobs', why('api.unserved', { feature: 'batch' }));
    return batch;
  };
  /** The job if the caller may see it (`control`: act on it); not_found otherwise. */
  const visible = (id: string, caller: UserRecord, control = false) => {
    const job = service().find(id);
    const allowed = job && (job.submitter === caller.name || (control ? caller.roles.includes('admin') : readsEveryJob(caller)));
    if (!allowed) throw new RpcError('not_found', `no batch job ${id}`, why('batch.not_found', { id }));
    return job;
  };
  return {
    'batch.preview': (p, ctx) => service().preview(ctx.user.name, p.selector, p.login),
    'batch.start': (p, ctx) => service().start(ctx.user.name, p).view(),
    'batch.get': (p, ctx) => {
      visible(p.job, ctx.user);
      return service().detail(p.job);
    },
    'batch.list': (p, ctx) => {
      if (!readsEveryJob(ctx.user) && p.submitter !== undefined && p.submitter !== ctx.user.name) throw new RpcError('denied', "only the security and admin roles may see other users' batch jobs", why('api.others_data'));
      return service().list({ submitter: readsEveryJob(ctx.user) ? p.submitter : ctx.user.name, before: p.before, limit: p.limit });
    },
    'batch.control': (p, ctx) => {
      visible(p.job, ctx.user, true);
      return service().control(p.job, ctx.user.name, p.action);
    },
    'batch.output': (p, ctx) => {
      visible(p.job, ctx.user);
      return service().output(p.job, p.host, p.offset, p.limit);
    },
  };
}

// The `batch.progress` topic: a job's state now (the job, then its hosts in pages), then every
// change as the runner makes it. Anyone who may read the job may watch it, including after the
// client that started it went away. A finished job sends its snapshot, and changes again only if
// its failed hosts are retried; the subscription stays until the client ends it.
import { BATCH_LIMITS, type BatchProgress } from '../../../shared/contract/gateway-api/batch';
import type { TopicRegistry } from '../events';
import { readsEveryJob } from './api';
import type { BatchService } from './service';

export function registerBatchTopic(topics: TopicRegistry, batch: BatchService): void {
  topics.register('batch.progress', {
    authorize(caller, params) {
      const job = batch.find(params.job);
      if (!job) return { ok: false, reason: `no batch job ${params.job}` };
      if (job.submitter === caller.name && (caller.roles.includes('operator') || caller.roles.includes('admin'))) return { ok: true, scope: 'own' };
      if (readsEveryJob(caller)) return { ok: true, scope: 'all' };
      return { ok: false, reason: `no batch job ${params.job}` };
    },
    start(_caller, params, _scope, emit) {
      // Snapshot and listening in one turn: no change falls between them.
      const { job, hosts } = batch.detail(params.job);
      for (let i = 0; i === 0 || i < hosts.length; i += BATCH_LIMITS.snapshotPage) {
        emit({ change: 'snapshot', job, hosts: hosts.slice(i, i + BATCH_LIMITS.snapshotPage), more: i + BATCH_LIMITS.snapshotPage < hosts.length });
      }
      return batch.watch(params.job, (progress: BatchProgress) => emit(progress));
    },
  });
}

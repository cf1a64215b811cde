// The batch results' CPU and memory columns: one metrics.batch request for the whole job when the
// columns are turned on, again when the job's state changes (hosts finish), never one per row.
import { useEffect, useState } from 'react';
import type { PortcullisApi } from '../../../shared/contract/window';
import type { BatchJob } from '../../../shared/contract/gateway-api/batch';
import { loadedEndMetrics, type EndMetrics } from '../model/batch-end-metrics';

export function useEndMetrics(api: PortcullisApi, job: BatchJob, on: boolean): EndMetrics {
  const [metrics, setMetrics] = useState<EndMetrics>({ kind: 'off' });
  useEffect(() => {
    if (!on) return setMetrics({ kind: 'off' });
    let gone = false;
    setMetrics((m) => (m.kind === 'loaded' ? m : { kind: 'loading' }));
    api.request('metrics.batch', { job: job.id }).then(
      (result) => !gone && setMetrics(loadedEndMetrics(result)),
      (error: unknown) => {
        const code = (error as { code?: unknown }).code;
        if (!gone) setMetrics({ kind: 'failed', why: code === 'unavailable' ? 'unavailable' : code === 'denied' || code === 'not_found' ? 'not_permitted' : 'error' });
      },
    );
    return () => {
      gone = true;
    };
  }, [api, job.id, job.state, on]);
  return metrics;
}

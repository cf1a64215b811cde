// The batch jobs kept at the gateway (`batch.list`, newest first): each re-opens in the job view.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PortcullisApi } from '../../../shared/contract/window';
import type { BatchJob } from '../../../shared/contract/gateway-api/batch';
import { progressOf } from '../model/batch-watch';
import { failedCount } from '../model/batch-results';
import { Dialog, errorText } from '../ui';

export function HistoryDialog({ api, onCancel, onOpen }: { api: PortcullisApi; onCancel: () => void; onOpen: (job: string) => void }) {
  const { t, i18n } = useTranslation('batch');
  const [jobs, setJobs] = useState<BatchJob[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.request('batch.list', { limit: 100 }).then(setJobs, (e: unknown) => setError(errorText(e)));
  }, [api]);
  return (
    <Dialog title={t('history.title')} testId="batch-history" wide onCancel={onCancel}>
      {error && <p className="error-text">{error}</p>}
      {jobs?.length === 0 && <p className="muted">{t('history.none')}</p>}
      {!jobs && !error && <p className="muted">{t('history.loading')}</p>}
      <ul className="batch-history">
        {jobs?.map((job) => {
          const { done, total } = progressOf(job);
          return (
            <li key={job.id}>
              <button type="button" className="batch-history-row" data-testid="batch-history-job" data-job={job.id} onClick={() => onOpen(job.id)}>
                <span className={`batch-state batch-state-${job.state}`}>{t(`state.${job.state}`)}</span>
                <span className="mono">{job.settings.command ?? t('confirm.script')}</span>
                <span className="mono muted">{job.settings.selector}</span>
                <span className="muted">
                  {t('history.hosts', { done, total, failed: failedCount(job.counts) + job.counts.unreachable })} · {new Date(job.createdAt).toLocaleString(i18n.language)}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </Dialog>
  );
}

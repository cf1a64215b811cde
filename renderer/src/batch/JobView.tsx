// A batch job, watched: its state and why it paused, a progress bar with counts and an ETA, the
// controls (pause, resume, skip failed, retry failed, cancel — which asks first), each started host
// in its own pane (up to 16 hosts, unless the user chose tiles) or status tiles and the selected
// host's output, and the results.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PortcullisApi } from '../../../shared/contract/window';
import type { BatchHost, BatchJob } from '../../../shared/contract/gateway-api/batch';
import { failedCount, isRetryable } from '../model/batch-results';
import { isLive, panesFit, progressOf, watchLayout } from '../model/batch-watch';
import { formatDuration } from '../model/connection-error-text';
import { ConfirmDialog, errorText } from '../ui';
import { OutputPane } from './OutputPane';
import { ResultsTable } from './ResultsTable';
import { useBatchJob } from './use-batch-job';

type Control = 'pause' | 'resume' | 'skip-failed' | 'retry-failed' | 'cancel';

interface Props {
  api: PortcullisApi;
  jobId: string;
  onClose: () => void;
}

const finished = (h: BatchHost) => h.status !== 'pending' && h.status !== 'running';

export function JobView({ api, jobId, onClose }: Props) {
  const { t, i18n } = useTranslation('batch');
  const { watch, job, detail, error, watching } = useBatchJob(api, jobId);
  const [selected, setSelected] = useState<string | null>(null);
  const [tilesChosen, setTilesChosen] = useState(false);
  const [askCancel, setAskCancel] = useState(false);
  const [controlError, setControlError] = useState<string | null>(null);
  const streamed = watch.hosts();
  const hosts = streamed.length ? streamed : (detail?.hosts ?? []);

  const control = (action: Control) => {
    setControlError(null);
    api.request('batch.control', { job: jobId, action }).catch((e: unknown) => setControlError(errorText(e)));
  };

  return (
    <div className="batch-view" role="region" aria-label={t('view.title', { job: jobId })} data-testid="batch-view" data-state={job?.state}>
      <header className="batch-view-head">
        <h2 className="batch-view-title">{t('view.title', { job: jobId })}</h2>
        {job && <JobSummary job={job} language={i18n.language} />}
        <span className="spacer" />
        <button type="button" className="button button-small" data-testid="batch-close" onClick={onClose}>
          {t('view.close')}
        </button>
      </header>
      {job && (
        <>
          <Progress job={job} language={i18n.language} />
          <div className="batch-controls">
            {job.state === 'running' && <ControlButton action="pause" onClick={control} />}
            {job.state === 'paused' && <ControlButton action="resume" onClick={control} />}
            {job.state === 'paused' && <ControlButton action="skip-failed" onClick={control} />}
            {job.state !== 'running' && hosts.some((h) => isRetryable(h.status)) && <ControlButton action="retry-failed" onClick={control} />}
            {isLive(job) && <ControlButton action="cancel" onClick={() => setAskCancel(true)} />}
            {!watching && isLive(job) && <span className="muted">{t('view.notLive')}</span>}
            {(controlError ?? error) && <span className="error-text">{controlError ?? error}</span>}
            <span className="spacer" />
            {panesFit(hosts) && (
              <label className="check-row">
                <input type="checkbox" data-testid="batch-tiles-toggle" checked={tilesChosen} onChange={(e) => setTilesChosen(e.target.checked)} /> {t('view.tiles')}
              </label>
            )}
          </div>
        </>
      )}
      <Watch api={api} jobId={jobId} hosts={hosts} watch={watch} tilesChosen={tilesChosen} selected={selected} onSelect={setSelected} />
      {job && <ResultsTable api={api} job={job} hosts={hosts} groups={detail?.groups ?? []} onSelect={setSelected} />}
      {askCancel && (
        <ConfirmDialog
          title={t('cancel.title')}
          testId="batch-cancel"
          confirmLabel={t('cancel.confirm')}
          onCancel={() => setAskCancel(false)}
          onConfirm={() => {
            setAskCancel(false);
            control('cancel');
          }}
        >
          <p>{t('cancel.body', { count: (job?.counts.pending ?? 0) + (job?.counts.running ?? 0) })}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}

function ControlButton({ action, onClick }: { action: Control; onClick: (a: Control) => void }) {
  const { t } = useTranslation('batch');
  return (
    <button type="button" className="button button-small" data-testid={`batch-${action}`} onClick={() => onClick(action)}>
      {t(`control.${action}`)}
    </button>
  );
}

function JobSummary({ job, language }: { job: BatchJob; language: string }) {
  const { t } = useTranslation('batch');
  const what = job.settings.command ?? t('confirm.script');
  return (
    <span className="batch-view-sub">
      <span className={`batch-state batch-state-${job.state}`} data-testid="batch-state">
        {t(`state.${job.state}`)}
        {job.pausedReason && ` — ${t(`paused.${job.pausedReason}`)}`}
      </span>{' '}
      <span className="mono">{job.settings.selector}</span> · <span className="mono">{what}</span> · {new Date(job.createdAt).toLocaleTimeString(language)}
    </span>
  );
}

function Progress({ job, language }: { job: BatchJob; language: string }) {
  const { t } = useTranslation('batch');
  const { done, total, percent } = progressOf(job);
  const c = job.counts;
  return (
    <div className="batch-progress" data-testid="batch-progress">
      <div className="batch-bar" role="progressbar" aria-valuemin={0} aria-valuemax={total} aria-valuenow={done}>
        <div className="batch-bar-fill" style={{ width: `${percent}%` }} />
      </div>
      <span data-testid="batch-counts">
        {t('progress.counts', { done, total, ok: c.ok, failed: failedCount(c), unreachable: c.unreachable, running: c.running })}
        {job.waves > 1 && ` · ${t('progress.wave', { wave: Math.min(job.wave + 1, job.waves), waves: job.waves })}`}
        {job.state === 'running' && job.etaMs !== null && ` · ${t('progress.eta', { eta: formatDuration(Math.ceil(job.etaMs / 1000), language) })}`}
        {c.not_permitted > 0 && ` · ${t('progress.notPermitted', { count: c.not_permitted })}`}
      </span>
    </div>
  );
}

function Watch({ api, jobId, hosts, watch, tilesChosen, selected, onSelect }: { api: PortcullisApi; jobId: string; hosts: readonly BatchHost[]; watch: ReturnType<typeof useBatchJob>['watch']; tilesChosen: boolean; selected: string | null; onSelect: (h: string) => void }) {
  const { t } = useTranslation('batch');
  const layout = watchLayout(hosts, tilesChosen);
  if (layout.mode === 'panes') {
    return (
      <div className="batch-panes" data-testid="batch-panes" style={{ gridTemplateColumns: `repeat(${Math.min(4, Math.max(1, Math.ceil(Math.sqrt(layout.hosts.length))))}, 1fr)` }}>
        {layout.hosts.map((h) => (
          <div key={h.host} className={`batch-pane batch-status-${h.status}`} data-testid="batch-pane" data-host={h.host} data-status={h.status}>
            <div className="batch-pane-title">
              <span className="mono">{h.host}</span> <span>{t(`status.${h.status}`)}</span>
              {h.exitCode !== null && <span className="muted"> {t('view.exit', { code: h.exitCode })}</span>}
            </div>
            <OutputPane api={api} jobId={jobId} host={h.host} watch={watch} finished={finished(h)} />
          </div>
        ))}
      </div>
    );
  }
  const shown = selected ?? hosts.find((h) => h.status === 'running')?.host ?? null;
  const shownHost = shown ? hosts.find((h) => h.host === shown) : undefined;
  return (
    <div className="batch-compact" data-testid="batch-tiles">
      <div className="batch-tiles">
        {hosts.map((h) => (
          <button type="button" key={h.host} className={`batch-tile batch-status-${h.status}${h.host === shown ? ' batch-tile-selected' : ''}`} title={`${h.host}: ${t(`status.${h.status}`)}`} data-testid="batch-tile" data-host={h.host} data-status={h.status} onClick={() => onSelect(h.host)}>
            {h.host}
          </button>
        ))}
      </div>
      {shownHost && (
        <div className="batch-pane batch-compact-output" data-testid="batch-pane" data-host={shownHost.host} data-status={shownHost.status}>
          <div className="batch-pane-title">
            <span className="mono">{shownHost.host}</span> <span>{t(`status.${shownHost.status}`)}</span>
          </div>
          <OutputPane key={shownHost.host} api={api} jobId={jobId} host={shownHost.host} watch={watch} finished={finished(shownHost)} />
        </div>
      )}
    </div>
  );
}

// A job's results, virtualized (thousands of hosts): host, status, exit code, duration, first error
// line; identical outputs folded into one row; a filter by outcome; CSV and JSON downloads.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BatchGroup, BatchHost, BatchJob } from '../../../shared/contract/gateway-api/batch';
import type { PortcullisApi } from '../../../shared/contract/window';
import { endMetricCell, type EndMetric } from '../model/batch-end-metrics';
import { exportFileName, OUTCOMES, outcomeCounts, resultRows, resultsCsv, resultsJson, type Outcome, type ResultRow } from '../model/batch-results';
import { useEndMetrics } from './use-end-metrics';

const ROW_HEIGHT = 26;
const END_METRICS: readonly EndMetric[] = ['cpu', 'memory'];

interface Props {
  api: PortcullisApi;
  job: BatchJob;
  hosts: readonly BatchHost[];
  groups: readonly BatchGroup[];
  onSelect: (host: string) => void;
}

function download(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function ResultsTable({ api, job, hosts, groups, onSelect }: Props) {
  const { t } = useTranslation('batch');
  /** The CPU and memory columns: off by default (one request for the job when turned on). */
  const [showMetrics, setShowMetrics] = useState(false);
  const endMetrics = useEndMetrics(api, job, showMetrics);
  const metricCells = (host: string | null) =>
    showMetrics &&
    END_METRICS.map((metric) => {
      const cell = host === null ? { text: '' } : endMetricCell(endMetrics, host, metric);
      return (
        <span key={metric} role="cell" className="batch-col-metric" data-testid={`batch-${metric}`} title={cell.whyKey && t(cell.whyKey)}>
          {cell.text}
        </span>
      );
    });
  const [only, setOnly] = useState<Outcome | null>(null);
  const [fold, setFold] = useState(true);
  const [openFold, setOpenFold] = useState<number | null>(null);
  const rows = useMemo(() => resultRows(hosts, groups, { fold, only }), [hosts, groups, fold, only]);
  const counts = useMemo(() => outcomeCounts(hosts), [hosts]);
  const scroll = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scroll.current, estimateSize: () => ROW_HEIGHT, overscan: 10 });

  const cell = (row: ResultRow, index: number) => {
    if (row.kind === 'fold') {
      return (
        <div className="batch-result-row batch-fold" data-testid="batch-fold" role="row" onClick={() => setOpenFold(openFold === index ? null : index)} title={row.outputTail}>
          <span role="cell" className="batch-col-host">
            {t('results.same', { count: row.hosts.length })}
          </span>
          <span role="cell" className="batch-col-status" />
          <span role="cell" className="batch-col-exit">{row.exitCode ?? '–'}</span>
          <span role="cell" className="batch-col-time" />
          {metricCells(null)}
          <span role="cell" className="batch-col-rest mono">
            {row.outputTail.trim().split('\n')[0]}
          </span>
        </div>
      );
    }
    const h = row.host;
    return (
      <div className={`batch-result-row batch-status-${h.status}`} role="row" data-testid="batch-result" data-host={h.host} onClick={() => onSelect(h.host)}>
        <span role="cell" className="batch-col-host mono">{h.host}</span>
        <span role="cell" className="batch-col-status">
          {t(`status.${h.status}`)}
          {h.reason && <span className="muted"> ({t(`reason.${h.reason}`)})</span>}
        </span>
        <span role="cell" className="batch-col-exit">{h.exitCode ?? h.exitSignal ?? '–'}</span>
        <span role="cell" className="batch-col-time">{h.durationMs === null ? '' : `${(h.durationMs / 1000).toFixed(1)} s`}</span>
        {metricCells(h.host)}
        <span role="cell" className="batch-col-rest mono">{h.firstError ?? ''}</span>
      </div>
    );
  };

  const folded = openFold !== null ? rows[openFold] : undefined;
  return (
    <section className="batch-results" aria-label={t('results.title')}>
      <div className="batch-toolbar">
        <select className="text-input" data-testid="batch-filter" value={only ?? ''} onChange={(e) => setOnly((e.target.value || null) as Outcome | null)} aria-label={t('results.filter')}>
          <option value="">{t('results.all', { n: hosts.length })}</option>
          {OUTCOMES.filter((o) => counts[o] > 0).map((o) => (
            <option key={o} value={o}>
              {t(`outcome.${o}`, { n: counts[o] })}
            </option>
          ))}
        </select>
        <label className="check-row">
          <input type="checkbox" data-testid="batch-fold-toggle" checked={fold} onChange={(e) => setFold(e.target.checked)} /> {t('results.fold')}
        </label>
        <label className="check-row" title={t('results.metrics.hint')}>
          <input type="checkbox" data-testid="batch-metrics-toggle" checked={showMetrics} onChange={(e) => setShowMetrics(e.target.checked)} /> {t('results.metrics.toggle')}
        </label>
        <span className="spacer" />
        <button type="button" className="button button-small" data-testid="batch-export-csv" onClick={() => download(exportFileName(job, 'csv'), 'text/csv', resultsCsv(hosts))}>
          {t('results.csv')}
        </button>
        <button type="button" className="button button-small" data-testid="batch-export-json" onClick={() => download(exportFileName(job, 'json'), 'application/json', resultsJson({ job, hosts, groups }))}>
          {t('results.json')}
        </button>
      </div>
      <div className="batch-result-row batch-result-head" role="row">
        <span className="batch-col-host">{t('results.host')}</span>
        <span className="batch-col-status">{t('results.status')}</span>
        <span className="batch-col-exit">{t('results.exit')}</span>
        <span className="batch-col-time">{t('results.duration')}</span>
        {showMetrics && END_METRICS.map((metric) => <span key={metric} className="batch-col-metric" title={t('results.metrics.hint')}>{t(`results.metrics.${metric}`)}</span>)}
        <span className="batch-col-rest">{t('results.firstError')}</span>
      </div>
      <div className="batch-result-scroll" ref={scroll} role="table" data-testid="batch-results">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => (
            <div key={item.index} style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}>
              {cell(rows[item.index]!, item.index)}
            </div>
          ))}
        </div>
      </div>
      {folded?.kind === 'fold' && (
        <div className="batch-fold-detail" data-testid="batch-fold-detail">
          <div className="muted mono">{folded.hosts.join(', ')}</div>
          <pre className="mono">{folded.outputTail}</pre>
        </div>
      )}
    </section>
  );
}

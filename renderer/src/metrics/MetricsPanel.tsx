// The metrics of one host: the range buttons, the state (no data, source down, not permitted,
// not connected) worded once from the catalog, and a chart per figure.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { METRICS_RANGES, type MetricsRange } from '../../../shared/contract/gateway-api/metrics';
import { RANGE_SECONDS } from '../../../shared/contract/metrics-units';
import type { PortcullisApi } from '../../../shared/contract/window';
import { formatTime, shapeCharts, stateKey } from '../model/metrics-panel';
import { MetricChart } from './MetricChart';
import { useChartTheme } from './use-chart-theme';
import { useHostMetrics } from './use-host-metrics';

interface Props {
  api: PortcullisApi;
  host: string;
  connected: boolean;
  onClose: () => void;
}

export function MetricsPanel({ api, host, connected, onClose }: Props) {
  const { t, i18n } = useTranslation('metrics');
  const [range, setRange] = useState<MetricsRange>('15m');
  const metrics = useHostMetrics(api, host, range, connected);
  const theme = useChartTheme();
  const charts = useMemo(() => shapeCharts(metrics.series), [metrics.series]);
  const hasData = charts.some((c) => c.lines.length > 0);
  const end = metrics.at ?? Date.now();
  const start = end - RANGE_SECONDS[range] * 1000;

  let notice: string | null = null;
  if (!connected) notice = t('notConnected');
  else if (metrics.error) notice = t('failed', { error: metrics.error });
  else if (metrics.state === null) notice = t('loading');
  else if (metrics.state !== 'ok') notice = t(stateKey(metrics.state));

  return (
    <div className="metrics-panel" data-state={metrics.state ?? (connected ? 'loading' : 'offline')}>
      <header className="metrics-head">
        <h2 title={host}>{t('title', { host })}</h2>
        <div className="metrics-ranges" role="group" aria-label={t('range')}>
          {METRICS_RANGES.map((r) => (
            <button key={r} type="button" aria-pressed={r === range} onClick={() => setRange(r)} data-testid={`metrics-range-${r}`}>
              {t(`ranges.${r}`)}
            </button>
          ))}
        </div>
        <button type="button" className="metrics-close" onClick={onClose} aria-label={t('close')} title={t('close')}>
          ×
        </button>
      </header>
      {notice && (
        <p className={`metrics-notice metrics-notice-${metrics.state ?? 'info'}`} role="status" data-testid="metrics-state">
          {notice}
        </p>
      )}
      {metrics.state === 'ok' && metrics.at !== null && (
        <p className="metrics-updated">{t('updated', { time: formatTime(metrics.at, i18n.resolvedLanguage ?? 'en', true) })}</p>
      )}
      {hasData && (
        <div className="metrics-charts">
          {charts.map((chart) => (
            <MetricChart key={chart.id} chart={chart} start={start} end={end} theme={theme} />
          ))}
        </div>
      )}
    </div>
  );
}

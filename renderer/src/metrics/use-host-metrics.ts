// One host's metrics for the panel: its series over the chosen range (`metrics.range`), extended
// by the shared live topic (`metrics.live`, every 5 s) while the panel shows that host. The
// subscription ends when the host, the range or the connection changes, or the panel closes.
import { useEffect, useState } from 'react';
import type { MetricSeries, MetricsRange, MetricsSample, MetricsState } from '../../../shared/contract/gateway-api/metrics';
import type { PortcullisApi } from '../../../shared/contract/window';
import { appendLive, stateOfRangeError } from '../model/metrics-panel';
import { errorText } from '../ui';

export interface HostMetrics {
  /** null until the first answer. */
  state: MetricsState | null;
  series: MetricSeries[];
  /** When the last reading came (ms), for "updated 14:02:11". */
  at: number | null;
  /** A failure that is not a state (the request itself failed). */
  error: string | null;
}

const EMPTY: HostMetrics = { state: null, series: [], at: null, error: null };

export function useHostMetrics(api: PortcullisApi, host: string, range: MetricsRange, connected: boolean): HostMetrics {
  const [metrics, setMetrics] = useState<HostMetrics>(EMPTY);

  useEffect(() => {
    setMetrics(EMPTY);
    if (!connected) return;
    let stopped = false;
    let subscription: number | null = null;
    // Live readings that came before the range's answer: applied on top of it.
    let early: MetricsSample[] | null = [];
    const live = (sample: MetricsSample) =>
      setMetrics((m) => ({ state: sample.state, series: appendLive(m.series, sample, range), at: sample.at, error: null }));

    api.request('metrics.range', { host, range }).then(
      (result) => {
        if (stopped) return;
        setMetrics({ state: result.state, series: result.series, at: result.end, error: null });
        for (const sample of early ?? []) live(sample);
        early = null;
      },
      (error: unknown) => {
        if (stopped) return;
        early = null;
        const state = stateOfRangeError(error);
        setMetrics({ ...EMPTY, state, error: state ? null : errorText(error) });
      },
    );

    // Events can come before the subscribe answer (the first reading is sent at once): held until
    // we know our subscription's id.
    let unclaimed: { subscription: number; data: unknown }[] | null = null;
    const onSample = (sample: MetricsSample) => (early ? early.push(sample) : live(sample));
    const offEvent = api.on('gateway.event', (p) => {
      if (p.topic !== 'metrics.live') return;
      if (p.subscription === subscription) onSample(p.data as MetricsSample);
      else unclaimed?.push(p);
    });
    const subscribe = () => {
      unclaimed = [];
      return api.request('gateway.subscribe', { topic: 'metrics.live', params: { host } }).then(
        ({ subscription: id }) => {
          if (stopped) return void api.request('gateway.unsubscribe', { subscription: id }).catch(() => {});
          subscription = id;
          for (const p of unclaimed ?? []) if (p.subscription === id) onSample(p.data as MetricsSample);
          unclaimed = null;
        },
        () => void (unclaimed = null), // the range's answer already says why (not permitted, not connected)
      );
    };
    const offEnded = api.on('gateway.subscriptionEnded', (p) => {
      if (p.subscription !== subscription) return;
      subscription = null;
      if (p.reason === 'fell_behind') void subscribe();
      else if (p.reason === 'permission') setMetrics((m) => ({ ...m, state: 'not_permitted' }));
    });
    void subscribe();
    return () => {
      stopped = true;
      offEvent();
      offEnded();
      if (subscription !== null) void api.request('gateway.unsubscribe', { subscription }).catch(() => {});
    };
  }, [api, host, range, connected]);

  return metrics;
}

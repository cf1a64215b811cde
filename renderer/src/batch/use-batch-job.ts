// Follows one batch job: subscribes to `batch.progress` through the main side (again after
// `fell_behind`: the snapshot brings the view up to date) and reads `batch.get` for the result
// groups when the job's state changes and every few seconds while it runs.
import { useEffect, useState } from 'react';
import type { PortcullisApi } from '../../../shared/contract/window';
import type { ResultOf } from '../../../shared/rpc/protocol';
import type { ClientMethods } from '../../../shared/contract/client-api';
import type { BatchProgress } from '../../../shared/contract/gateway-api/batch';
import { BatchWatch, isLive } from '../model/batch-watch';
import { errorText } from '../ui';

export type BatchDetail = ResultOf<ClientMethods, 'batch.get'>;

const DETAIL_REFRESH_MS = 3000;

export function useBatchJob(api: PortcullisApi, jobId: string) {
  const [watch] = useState(() => new BatchWatch());
  const [, setVersion] = useState(0);
  const [detail, setDetail] = useState<BatchDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [watching, setWatching] = useState(true);

  useEffect(() => {
    let subscription: number | null = null;
    let stopped = false;
    // Events can come before the subscribe answer: held until we know our subscription's id.
    let early: { subscription: number; data: unknown }[] | null = null;
    let frame = 0;
    const redraw = () => {
      if (!frame) frame = requestAnimationFrame(() => ((frame = 0), setVersion(watch.version)));
    };
    const offEvent = api.on('gateway.event', (p) => {
      if (p.topic !== 'batch.progress') return;
      if (p.subscription === subscription) {
        watch.apply(p.data as BatchProgress);
        redraw();
      } else early?.push(p);
    });
    const subscribe = async () => {
      early = [];
      try {
        const { subscription: id } = await api.request('gateway.subscribe', { topic: 'batch.progress', params: { job: jobId } });
        if (stopped) return void api.request('gateway.unsubscribe', { subscription: id }).catch(() => {});
        subscription = id;
        for (const p of early.filter((e) => e.subscription === id)) watch.apply(p.data as BatchProgress);
        setWatching(true);
        redraw();
      } catch (e) {
        setError(errorText(e));
        setWatching(false);
      } finally {
        early = null;
      }
    };
    const offEnded = api.on('gateway.subscriptionEnded', (p) => {
      if (p.subscription !== subscription) return;
      subscription = null;
      if (p.reason === 'fell_behind') void subscribe();
      else setWatching(false);
    });
    void subscribe();
    return () => {
      stopped = true;
      offEvent();
      offEnded();
      cancelAnimationFrame(frame);
      if (subscription !== null) void api.request('gateway.unsubscribe', { subscription }).catch(() => {});
    };
  }, [api, jobId, watch]);

  const state = watch.job?.state;
  useEffect(() => {
    let stopped = false;
    const load = () =>
      api.request('batch.get', { job: jobId }).then(
        (d) => !stopped && setDetail(d),
        (e: unknown) => !stopped && setError(errorText(e)),
      );
    void load();
    const live = state === undefined || state === 'running' || state === 'paused';
    const timer = live ? setInterval(() => void load(), DETAIL_REFRESH_MS) : undefined;
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [api, jobId, state]);

  const job = watch.job ?? detail?.job ?? null;
  return { watch, job, detail, error, watching: watching && !!job && isLive(job) };
}

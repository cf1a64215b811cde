// The tree's subscription to `metrics.health`: the hosts on screen (debounced as the user
// scrolls), one subscription at a time — the new one is taken before the old one is dropped, so
// dots never blink — and none while the setting is off or the gateway is not connected.
import { useEffect, useMemo, useRef } from 'react';
import type { HealthReport } from '../../../shared/contract/gateway-api/metrics-health';
import type { PortcullisApi } from '../../../shared/contract/window';
import { hostsOnScreen, type ScreenRow } from '../model/tree-health';
import { createHealthStore, type HealthStore } from './health-store';

/** Scrolling settles for this long before the watched hosts change. */
export const HEALTH_SCREEN_DEBOUNCE_MS = 300;

export interface TreeHealth {
  store: HealthStore;
  /** The rows on screen now (called as the tree renders; cheap, debounced inside). */
  onScreen(rows: readonly ScreenRow[]): void;
}

export function useTreeHealth(api: PortcullisApi, enabled: boolean): TreeHealth | null {
  const store = useMemo(createHealthStore, []);
  const watch = useRef<(rows: readonly ScreenRow[]) => void>(() => {});

  useEffect(() => {
    if (!enabled) return void store.clear();
    let stopped = false;
    let current: number | null = null;
    let watched = '';
    let hosts: string[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Events of a subscription whose id is not known yet (the first report comes at once).
    const early = new Map<number, HealthReport[]>();
    const owned = new Set<number>();

    const subscribe = () => {
      const names = hosts;
      if (!names.length) return;
      void api.request('gateway.subscribe', { topic: 'metrics.health', params: { hosts: names } }).then(
        ({ subscription }) => {
          if (stopped || names !== hosts) return void api.request('gateway.unsubscribe', { subscription }).catch(() => {});
          if (current !== null) void api.request('gateway.unsubscribe', { subscription: current }).catch(() => {});
          current = subscription;
          owned.add(subscription);
          for (const report of early.get(subscription) ?? []) store.apply(report);
          early.clear();
        },
        () => {}, // not connected, or the gateway has no metrics.health: no dots
      );
    };
    watch.current = (rows) => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        store.setScreen(rows);
        const names = hostsOnScreen(rows);
        const key = names.join('\n');
        if (key === watched) return;
        watched = key;
        hosts = names;
        subscribe();
      }, HEALTH_SCREEN_DEBOUNCE_MS);
    };
    const offEvent = api.on('gateway.event', (p) => {
      if (p.topic !== 'metrics.health') return;
      const report = p.data as HealthReport;
      if (p.subscription === current) store.apply(report);
      else if (!owned.has(p.subscription)) early.set(p.subscription, [...(early.get(p.subscription) ?? []), report].slice(-2));
    });
    const offEnded = api.on('gateway.subscriptionEnded', (p) => {
      if (p.subscription !== current) return;
      current = null;
      if (p.reason === 'fell_behind') subscribe();
      else store.clear();
    });
    return () => {
      stopped = true;
      clearTimeout(timer);
      watch.current = () => {};
      offEvent();
      offEnded();
      if (current !== null) void api.request('gateway.unsubscribe', { subscription: current }).catch(() => {});
      store.clear();
    };
  }, [api, enabled, store]);

  return useMemo(() => (enabled ? { store, onScreen: (rows) => watch.current(rows) } : null), [enabled, store]);
}

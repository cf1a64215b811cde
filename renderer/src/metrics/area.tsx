// The metrics area: a panel beside the terminals with the active pane's host's CPU, memory, load,
// disks and network (read by the gateway from Prometheus: docs/GATEWAY.md, "Host metrics"),
// shown and hidden by its action (Ctrl+Shift+U, the pane menu, the palette).
import { Suspense, useEffect, useState } from 'react';
import type { Area, ShellContext } from '../registry';
import { METRICS_ACTIONS } from './actions';
import { MetricsAside, preloadMetricsViews } from './lazy';

/** Document event the `metrics.toggle` action sends. */
const TOGGLE_METRICS = 'portcullis:toggle-metrics';

function MetricsMain({ ctx }: { ctx: ShellContext }) {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    const toggle = () => setShown((s) => !s);
    document.addEventListener(TOGGLE_METRICS, toggle);
    return () => document.removeEventListener(TOGGLE_METRICS, toggle);
  }, []);
  const { sessions } = ctx;
  const host = sessions.tabs.find((tab) => tab.key === sessions.activeKey)?.host ?? null;
  // Hidden, or no pane: nothing is mounted, so nothing stays subscribed.
  if (!shown || !host) return null;
  return (
    <Suspense fallback={null}>
      <MetricsAside api={ctx.api} host={host} connected={ctx.gateway.state?.status === 'connected'} onClose={() => setShown(false)} />
    </Suspense>
  );
}

export const metricsArea: Area = {
  name: 'metrics',
  catalogs: { en: () => import('./locales/en.json'), 'zh-CN': () => import('./locales/zh-CN.json') },
  actions: METRICS_ACTIONS,
  handlers: () => ({ 'metrics.toggle': () => document.dispatchEvent(new CustomEvent(TOGGLE_METRICS)) }),
  panels: { main: MetricsMain },
  preload: preloadMetricsViews,
};

// The page half of the `metrics-frames` benchmark, bundled by it (esbuild) and run in the app's
// page: the app's own metrics panel (MetricsPanel: its live hook, its six echarts charts) once per
// host, side by side, over the app's `window.portcullis` (the browser shell → the client's main
// side → the gateway → Prometheus). The app shows one panel, the active pane's; this shows many at
// once, each with its own subscription, as many panels would.
import '../renderer/src/zod-csp';
import i18next from 'i18next';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import en from '../renderer/src/metrics/locales/en.json';
import { MetricsPanel } from '../renderer/src/metrics/MetricsPanel';
import type { PortcullisApi } from '../shared/contract/window';
import '../renderer/src/metrics/metrics.css';

export async function mountPanels(hosts: string[]): Promise<void> {
  const i18n = i18next.createInstance();
  await i18n.use(initReactI18next).init({ lng: 'en', resources: { en: { metrics: en } }, interpolation: { escapeValue: false } });
  const grid = document.createElement('div');
  grid.dataset.testid = 'metrics-grid';
  // Over the app, five panels a row, each the height of half a window (the charts' canvases as big as in the app's panel).
  grid.style.cssText = 'position:fixed;inset:0;z-index:1000;overflow:auto;display:grid;grid-template-columns:repeat(5,1fr);grid-auto-rows:50vh;background:var(--bg)';
  document.body.append(grid);
  const api = (window as unknown as { portcullis: PortcullisApi }).portcullis;
  createRoot(grid).render(
    createElement(
      I18nextProvider,
      { i18n },
      hosts.map((host) => createElement('div', { key: host, className: 'metrics-aside', 'data-host': host }, createElement(MetricsPanel, { api, host, connected: true, onClose: () => {} }))),
    ),
  );
}

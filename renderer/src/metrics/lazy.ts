import { lazyChunk } from '../ui';

// echarts is in this chunk only: the first screen never loads it.
const chunk = lazyChunk(() => import('./views'));
export const preloadMetricsViews = chunk.preload;
export const MetricsAside = chunk.component('MetricsAside');
/** The strip under the review player (the review area shows it, through this area's index). */
export const PlayerStrip = chunk.component('PlayerStrip');

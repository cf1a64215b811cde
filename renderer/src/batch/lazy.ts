import { lazyChunk } from '../ui';

const chunk = lazyChunk(() => import('./views'));
export const preloadBatchViews = chunk.preload;
export const RunDialog = chunk.component('RunDialog');
export const JobView = chunk.component('JobView');
export const HistoryDialog = chunk.component('HistoryDialog');

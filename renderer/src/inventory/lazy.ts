import { lazyChunk } from '../ui';

const chunk = lazyChunk(() => import('./views'));
export const preloadInventoryViews = chunk.preload;
export const ImportDialog = chunk.component('ImportDialog');

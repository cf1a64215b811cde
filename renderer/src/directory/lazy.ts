import { lazyChunk } from '../ui';

const chunk = lazyChunk(() => import('./views'));
export const preloadDirectoryViews = chunk.preload;
export const DirectoryDialog = chunk.component('DirectoryDialog');

import { lazyChunk } from '../ui';

const chunk = lazyChunk(() => import('./FilesPanel'));
export const preloadFilesPanel = chunk.preload;
export const FilesPanel = chunk.component('FilesPanel');

import { lazyChunk } from '../ui';

const chunk = lazyChunk(() => import('./dialogs'));
export const preloadLiveDialogs = chunk.preload;
export const LiveSessionsDialog = chunk.component('LiveSessionsDialog');

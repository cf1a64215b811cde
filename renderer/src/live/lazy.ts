import { lazyChunk } from '../ui';

const chunk = lazyChunk(() => import('./dialogs'));
export const preloadLiveDialogs = chunk.preload;
export const LiveSessionsDialog = chunk.component('LiveSessionsDialog');
/** The wide view dialog, for other areas' views (the audit log): lazy, so its styles load with it. */
export const ViewDialog = chunk.component('ViewDialog');

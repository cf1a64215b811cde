import { lazyChunk } from '../ui';

const chunk = lazyChunk(() => import('./dialogs'));
export const preloadAuditDialogs = chunk.preload;
export const AuditDialog = chunk.component('AuditDialog');

import { lazyChunk } from '../ui';

const chunk = lazyChunk(() => import('./views'));
export const preloadAccessViews = chunk.preload;
export const RequestDialog = chunk.component('RequestDialog');
export const MyAccessDialog = chunk.component('MyAccessDialog');
export const ApprovalsDialog = chunk.component('ApprovalsDialog');
export const GrantsDialog = chunk.component('GrantsDialog');

import { lazyChunk } from '../../ui';

const chunk = lazyChunk(() => import('./views'));
export const preloadCommandRulesViews = chunk.preload;
export const CommandRulesDialog = chunk.component('CommandRulesDialog');

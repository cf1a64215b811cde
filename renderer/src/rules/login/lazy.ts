import { lazyChunk } from '../../ui';

const chunk = lazyChunk(() => import('./views'));
export const preloadLoginRules = chunk.preload;
export const LoginRulesDialog = chunk.component('LoginRulesDialog');

import { lazyChunk } from '../ui';

// The review window, its player and xterm: a chunk of its own, loaded when first opened or at idle.
const chunk = lazyChunk(() => import('./ReviewWindow'));
export const preloadReview = chunk.preload;
export const ReviewWindow = chunk.component('ReviewWindow');

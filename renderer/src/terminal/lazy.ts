import { lazyChunk } from '../ui';

const chunk = lazyChunk(() => import('./dialogs'));
export const preloadTerminalDialogs = chunk.preload;
export const SettingsDialog = chunk.component('SettingsDialog');
export const LinkDialog = chunk.component('LinkDialog');

import { lazyChunk } from '../ui';

const chunk = lazyChunk(() => import('./dialogs'));
export const preloadConnectionDialogs = chunk.preload;
export const ProfilesDialog = chunk.component('ProfilesDialog');
export const TrustHostKeyDialog = chunk.component('TrustHostKeyDialog');
export const ChangedHostKeyDialog = chunk.component('ChangedHostKeyDialog');
export const PassphraseDialog = chunk.component('PassphraseDialog');
export const GatewayPromptDialog = chunk.component('GatewayPromptDialog');
export const DisconnectDialog = chunk.component('DisconnectDialog');
export const ConnectFirstDialog = chunk.component('ConnectFirstDialog');

// The dialogs and the command palette as one chunk of their own, loaded when one first opens (or
// at idle after the first screen: preloadDialogs), so the app starts without evaluating them.
import { lazy } from 'react';

const load = () => import('./all');
type All = Awaited<ReturnType<typeof load>>;

/** One dialog of the chunk, as a React.lazy component (render inside a <Suspense>). */
function fromChunk<K extends keyof All>(name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}

export const preloadDialogs = (): Promise<unknown> => load();
export const CommandPalette = fromChunk('CommandPalette');
export const SettingsDialog = fromChunk('SettingsDialog');
export const ProfilesDialog = fromChunk('ProfilesDialog');
export const TrustHostKeyDialog = fromChunk('TrustHostKeyDialog');
export const ChangedHostKeyDialog = fromChunk('ChangedHostKeyDialog');
export const PassphraseDialog = fromChunk('PassphraseDialog');
export const GatewayPromptDialog = fromChunk('GatewayPromptDialog');
export const LinkDialog = fromChunk('LinkDialog');

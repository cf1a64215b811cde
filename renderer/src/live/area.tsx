// The live area: the live sessions view (list, watch, terminate), a dialog opened from the palette
// or its shortcut, in its own lazy chunk.
import type { Area, ShellContext } from '../registry';
import { LIVE_ACTIONS } from './actions';
import { LiveSessionsDialog, preloadLiveDialogs } from './lazy';

export const LIVE_MODAL = 'live.sessions';

function LiveOverlay({ ctx }: { ctx: ShellContext }) {
  if (ctx.modal !== LIVE_MODAL) return null;
  const state = ctx.gateway.state;
  const connection = !ctx.mainSideLost && state?.status === 'connected' ? (state.profileId ?? 'connected') : null;
  return <LiveSessionsDialog api={ctx.api} connection={connection} settings={ctx.settings.settings} onClose={ctx.closeModal} />;
}

export const liveArea: Area = {
  name: 'live',
  catalogs: { en: () => import('./locales/en.json'), 'zh-CN': () => import('./locales/zh-CN.json') },
  actions: LIVE_ACTIONS,
  handlers: (ctx) => ({ 'live.open': () => ctx.openModal(LIVE_MODAL) }),
  panels: { overlay: LiveOverlay },
  preload: () => preloadLiveDialogs(),
};

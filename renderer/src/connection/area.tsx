// The connection area: the gateway card, profiles, the dialogs of connecting and the lost banner.
import type { Area, ShellContext } from '../registry';
import { CONNECTION_ACTIONS } from './actions';
import { ConnectionDialogs, PROFILES_MODAL, requestDisconnect } from './ConnectionDialogs';
import { GatewayCard } from './GatewayCard';
import { preloadConnectionDialogs } from './lazy';
import { LostBanner } from './LostBanner';
import { describeConnectionError } from '../model/connection-error-text';
import type { GatewayControl, ProfilesControl } from './hooks';
import { useLocale } from '../ui';

declare module '../registry' {
  interface AreaServices {
    gateway: GatewayControl;
    profiles: ProfilesControl;
  }
}

/** Connects again to the same profile; the terminals lost with the connection reopen. */
async function reconnect(ctx: ShellContext): Promise<void> {
  const next = await ctx.gateway.connectCurrent();
  if (next?.status === 'connected') ctx.store.reopenLost();
}

function GatewayLostBanner({ ctx }: { ctx: ShellContext }) {
  const state = ctx.gateway.state;
  const locale = useLocale();
  if (ctx.mainSideLost || state?.status !== 'lost') return null;
  return <LostBanner error={state.error && describeConnectionError(state.error, state.gateway, locale)} onReconnect={() => ctx.run('gateway.reconnect')} />;
}

function GatewayPanel({ ctx }: { ctx: ShellContext }) {
  const { gateway } = ctx;
  const profileName = ctx.profiles.profiles?.find((p) => p.id === gateway.state?.profileId)?.name;
  return (
    <GatewayCard
      state={gateway.state}
      actionError={gateway.actionError}
      profileName={profileName}
      connect={() => void gateway.connectCurrent()}
      disconnect={() => ctx.run('gateway.disconnect')}
      onProfiles={() => ctx.run('profiles.open')}
      mainSideLost={ctx.mainSideLost}
    />
  );
}

export const connectionArea: Area = {
  name: 'connection',
  catalogs: { en: () => import('./locales/en.json'), 'zh-CN': () => import('./locales/zh-CN.json') },
  firstScreen: true,
  actions: CONNECTION_ACTIONS,
  handlers: (ctx) => ({
    'profiles.open': () => {
      ctx.profiles.refresh();
      ctx.openModal(PROFILES_MODAL);
    },
    'gateway.reconnect': () => void reconnect(ctx),
    'gateway.disconnect': () => requestDisconnect(ctx),
  }),
  panels: { banner: GatewayLostBanner, sidebar: GatewayPanel, overlay: ConnectionDialogs },
  preload: preloadConnectionDialogs,
};

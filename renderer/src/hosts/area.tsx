// The hosts area: the host tree with its filter and the selected host's detail, in the sidebar, and
// quick connect (hosts in the command palette, favourites and recents first).
import { useEffect, useRef } from 'react';
import type { Area, ShellContext } from '../registry';
import { HOSTS_ACTIONS } from './actions';
import { HostsPanel, type HostsPanelHandle } from './HostsPanel';
import type { HostsControl } from './useHosts';
import { openHost, quickConnectPalette } from './quick-connect-palette';
import { useTreeHealth } from './use-tree-health';

declare module '../registry' {
  interface AreaServices {
    hosts: HostsControl;
  }
}

const FOCUS_FILTER = 'portcullis:filter-hosts';

function HostsSidebar({ ctx }: { ctx: ShellContext }) {
  const panel = useRef<HostsPanelHandle>(null);
  useEffect(() => {
    const focus = () => panel.current?.focusFilter();
    document.addEventListener(FOCUS_FILTER, focus);
    return () => document.removeEventListener(FOCUS_FILTER, focus);
  }, []);
  const { store } = ctx;
  const connected = !ctx.mainSideLost && ctx.gateway.state?.status === 'connected';
  // On unless the user turned it off (settings saved before it existed say nothing: on).
  const health = useTreeHealth(ctx.api, connected && ctx.settings.settings.treeHealth !== false);
  return (
    <HostsPanel
      ref={panel}
      {...ctx.hosts}
      favourites={ctx.hosts.places.places.favourites}
      onStar={ctx.hosts.places.star}
      connected={connected}
      health={health}
      onOpenSplit={(targets) => store.openSplit(targets)}
      onOpen={(host, login, where) => {
        if (where === 'tab') return openHost(ctx, host, login);
        store.openBeside(host, login, where === 'right' ? 'right' : 'bottom');
        ctx.hosts.places.opened(host, login);
      }}
    />
  );
}

export const hostsArea: Area = {
  name: 'hosts',
  catalogs: { en: () => import('./locales/en.json'), 'zh-CN': () => import('./locales/zh-CN.json') },
  firstScreen: true,
  actions: HOSTS_ACTIONS,
  handlers: (ctx) => ({
    'hosts.quickConnect': () => ctx.openPalette('hosts'),
    'filter.focus': () => document.dispatchEvent(new CustomEvent(FOCUS_FILTER)),
  }),
  palette: quickConnectPalette,
  panels: { sidebar: HostsSidebar },
};

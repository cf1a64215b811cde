// The hosts area: the host tree with its filter and the selected host's detail, in the sidebar.
import { useEffect, useRef } from 'react';
import type { Area, ShellContext } from '../registry';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';
import { HOSTS_ACTIONS } from './actions';
import { HostsPanel, type HostsPanelHandle } from './HostsPanel';
import type { HostsControl } from './useHosts';

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
  return (
    <HostsPanel
      ref={panel}
      {...ctx.hosts}
      connected={!ctx.mainSideLost && ctx.gateway.state?.status === 'connected'}
      onOpen={(host, login, where) => {
        if (where === 'tab') store.open(host, login);
        else store.openBeside(host, login, where === 'right' ? 'right' : 'bottom');
      }}
    />
  );
}

export const hostsArea: Area = {
  name: 'hosts',
  catalogs: { en, 'zh-CN': zhCN },
  actions: HOSTS_ACTIONS,
  handlers: () => ({ 'filter.focus': () => document.dispatchEvent(new CustomEvent(FOCUS_FILTER)) }),
  panels: { sidebar: HostsSidebar },
};

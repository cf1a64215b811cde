import { useCallback, useEffect } from 'react';
import type { PortcullisApi } from '../../../shared/contract/window';
import type { MainSideLink } from '../api';
import type { SessionsStore } from '../terminal/sessions-store';
import { useAppInfo, useGateway, useHosts, useMainSideLink, useSessions } from './hooks';
import { matchShortcut } from './shortcuts';
import { MainSideLostBanner } from './MainSideLostBanner';
import { Sidebar } from './Sidebar';
import { StatusBar } from './StatusBar';
import { TerminalArea } from './TerminalArea';

interface Props {
  api: PortcullisApi;
  link: MainSideLink;
  store: SessionsStore;
}

export function App({ api, link, store }: Props) {
  const linkState = useMainSideLink(link);
  const gateway = useGateway(api);
  const connected = gateway.state?.status === 'connected';
  const hosts = useHosts(api, connected);
  const sessions = useSessions(store);
  const appInfo = useAppInfo(api);

  // Application shortcuts, in the capture phase so they win over whatever has focus.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (matchShortcut(event) !== 'tab.close') return;
      event.preventDefault();
      event.stopPropagation();
      store.closeActive();
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [store]);

  const openTerminal = useCallback((host: string, login: string) => store.open(host, login), [store]);

  return (
    <div className="app">
      {linkState.status === 'lost' && <MainSideLostBanner reason={linkState.reason} />}
      <div className="workbench">
        <Sidebar gateway={gateway} hosts={hosts} onOpen={openTerminal} mainSideLost={linkState.status === 'lost'} />
        <TerminalArea store={store} sessions={sessions} />
      </div>
      <StatusBar gateway={gateway.state} linkState={linkState} tabs={sessions.tabs} appInfo={appInfo} />
    </div>
  );
}

import { Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { PortcullisApi } from '../../../shared/contract/window';
import type { MainSideLink } from '../api';
import {
  ChangedHostKeyDialog,
  CommandPalette,
  GatewayPromptDialog,
  LinkDialog,
  PassphraseDialog,
  preloadDialogs,
  ProfilesDialog,
  SettingsDialog,
  TrustHostKeyDialog,
} from '../dialogs/lazy';
import { matchAction, type ActionId } from '../model/actions';
import { openableUrl } from '../model/links';
import type { SessionsStore } from '../terminal/sessions-store';
import { terminalOptionsFor } from '../terminal/theme';
import { useAppInfo, useGateway, useHosts, useMainSideLink, useProfiles, useSessions, useSettings } from './hooks';
import type { HostsPanelHandle, OpenWhere } from './HostsPanel';
import { LostBanner } from './LostBanner';
import { MainSideLostBanner } from './MainSideLostBanner';
import { Sidebar } from './Sidebar';
import { describeConnectionError } from '../model/connection-error-text';
import { StatusBar } from './StatusBar';
import { TerminalArea } from './TerminalArea';
import { useLayoutPersistence } from './useLayoutPersistence';

interface Props {
  api: PortcullisApi;
  link: MainSideLink;
  store: SessionsStore;
}

type Modal = 'palette' | 'profiles' | 'settings' | null;

export function App({ api, link, store }: Props) {
  const linkState = useMainSideLink(link);
  const gateway = useGateway(api);
  const state = gateway.state;
  const connected = state?.status === 'connected' && linkState.status !== 'lost';
  const hosts = useHosts(api, connected, state?.profileId);
  const sessions = useSessions(store);
  const appInfo = useAppInfo(api);
  const profiles = useProfiles(api);
  const settings = useSettings(api);
  const [modal, setModal] = useState<Modal>(null);
  const [pendingLink, setPendingLink] = useState<string | null>(null);
  // A host-key or passphrase question the user answered "cancel" to, so it is not asked again.
  const [dismissed, setDismissed] = useState<string | null>(null);
  // The gateway question this window answered or cancelled: hidden at once, before the next state arrives.
  const [settledPrompt, setSettledPrompt] = useState<string | null>(null);
  const hostsPanel = useRef<HostsPanelHandle>(null);
  useLayoutPersistence(api, store);

  // Theme and terminal options follow the settings.
  useEffect(() => {
    document.documentElement.dataset.theme = settings.settings.theme;
    store.setTerminalOptions(terminalOptionsFor(settings.settings));
  }, [settings.settings, store]);

  // The terminal code and the dialogs are chunks of their own: fetched once the whole tree is on
  // screen (when idle; not between the list's head and the whole list, whose parse they would
  // delay), or after a few seconds whatever happens, so the first screen does not wait for them.
  const hostsShown = hosts.hosts !== null && !hosts.partial;
  useEffect(() => {
    const load = () => void Promise.all([store.loadTerminalCode(), preloadDialogs()]).catch(() => {});
    if (!hostsShown) {
      const timer = setTimeout(load, 3000);
      return () => clearTimeout(timer);
    }
    const handle = requestIdleCallback(load, { timeout: 1000 });
    return () => cancelIdleCallback(handle);
  }, [hostsShown, store]);

  // Links in terminals: confirm first, and only http(s).
  useEffect(() => store.setLinkHandler((uri) => setPendingLink(openableUrl(uri))), [store]);
  // After the commit that removed the link dialog, so the pointer is over the terminal again.
  const linkDialogShown = useRef(false);
  useEffect(() => {
    if (pendingLink) linkDialogShown.current = true;
    else if (linkDialogShown.current) {
      linkDialogShown.current = false;
      store.linkDialogClosed();
    }
  }, [pendingLink, store]);

  // The gateway connection was lost: every terminal on it is lost too.
  useEffect(() => {
    if (state?.status === 'lost') store.loseAll({ status: 'lost', reason: 'gateway_lost', connectionError: state.error });
  }, [state, store]);

  const reconnect = useCallback(async () => {
    const next = await gateway.connect(state?.profileId ? { profileId: state.profileId } : {});
    if (next?.status === 'connected') store.reopenLost();
  }, [gateway, state?.profileId, store]);

  // After a host-key trust or a passphrase, the connection comes up by another path: reopen then too.
  const wasLost = useRef(false);
  useEffect(() => {
    if (state?.status === 'lost') wasLost.current = true;
    if (state?.status === 'connected' && wasLost.current) {
      wasLost.current = false;
      store.reopenLost();
    }
  }, [state?.status, store]);

  const actions = useMemo((): Record<ActionId, () => void> => {
    const session = () => store.focusedSession();
    return {
      'palette.open': () => setModal('palette'),
      'profiles.open': () => {
        profiles.refresh();
        setModal('profiles');
      },
      'settings.open': () => setModal('settings'),
      'gateway.reconnect': () => void reconnect(),
      'gateway.disconnect': () => gateway.disconnect(),
      'filter.focus': () => hostsPanel.current?.focusFilter(),
      'tab.close': () => store.closeActive(),
      'tab.next': () => store.cycleTab(1),
      'tab.previous': () => store.cycleTab(-1),
      'pane.splitRight': () => store.splitFocused('right'),
      'pane.splitDown': () => store.splitFocused('bottom'),
      'pane.close': () => store.closeFocusedPane(),
      'pane.focusLeft': () => store.moveFocus('left'),
      'pane.focusRight': () => store.moveFocus('right'),
      'pane.focusUp': () => store.moveFocus('top'),
      'pane.focusDown': () => store.moveFocus('bottom'),
      'pane.moveLeft': () => store.moveFocused('left'),
      'pane.moveRight': () => store.moveFocused('right'),
      'pane.moveUp': () => store.moveFocused('top'),
      'pane.moveDown': () => store.moveFocused('bottom'),
      'pane.reopen': () => {
        const id = store.focusedPaneId();
        if (id) store.reopen(id);
      },
      'terminal.find': () => document.dispatchEvent(new CustomEvent('portcullis:find')),
      'terminal.copy': () => void session()?.copySelection(),
      'terminal.paste': () => {
        const s = session();
        void navigator.clipboard
          ?.readText()
          .then((text) => text && s?.paste(text))
          .catch(() => {});
      },
      'view.toggleTheme': () => settings.save({ ...settings.settings, theme: settings.settings.theme === 'dark' ? 'light' : 'dark' }),
    };
  }, [store, reconnect, gateway, settings, profiles]);

  const enabled = useCallback(
    (id: ActionId): boolean => {
      const hasTab = sessions.tabs.length > 0;
      if (id.startsWith('pane.') || id.startsWith('tab.') || id.startsWith('terminal.')) return hasTab;
      if (id === 'gateway.reconnect') return state?.status === 'lost' || state?.status === 'disconnected';
      if (id === 'gateway.disconnect') return state?.status === 'connected';
      return true;
    },
    [sessions.tabs.length, state?.status],
  );

  // Shortcuts from the registry, in the capture phase so they win over whatever has focus.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (document.querySelector('[aria-modal="true"]')) return; // dialogs handle their own keys
      const target = event.target as HTMLElement;
      const inTerminal = !!target.closest?.('.xterm');
      const typing = !inTerminal && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT');
      const id = matchAction(event);
      if (id) {
        if (!enabled(id)) return;
        event.preventDefault();
        event.stopPropagation();
        actions[id]();
        return;
      }
      const plain = !event.ctrlKey && !event.altKey && !event.metaKey;
      if (!plain || typing) return;
      if (event.key === '/' && !inTerminal) {
        event.preventDefault();
        actions['filter.focus']();
      } else if ((event.key === 'r' || event.key === 'R') && state?.status === 'lost') {
        // One key to reconnect: the terminals are lost anyway, so the key is not the shell's.
        event.preventDefault();
        event.stopPropagation();
        actions['gateway.reconnect']();
      } else if (event.key === 'Enter' && target.closest?.('[data-testid="pane"]')) {
        const view = sessions.panes.get(store.focusedPaneId() ?? '');
        if (view && (view.status === 'closed' || view.status === 'lost')) {
          event.preventDefault();
          event.stopPropagation();
          actions['pane.reopen']();
        }
      }
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [actions, enabled, state?.status, sessions.panes, store]);

  const openTerminal = useCallback(
    (host: string, login: string, where: OpenWhere) => {
      if (where === 'tab') store.open(host, login);
      else store.openBeside(host, login, where === 'right' ? 'right' : 'bottom');
    },
    [store],
  );

  const profile = profiles.profiles?.find((p) => p.id === state?.profileId);
  const gatewayName = state?.gateway?.name ?? profile?.name ?? 'the gateway';
  const questionKey = state?.hostKey ? `${state.profileId}:${state.hostKey.fingerprint}` : state?.needsPassphrase ? `${state.profileId}:pass` : null;
  const ask = questionKey !== null && questionKey !== dismissed && linkState.status !== 'lost';
  const gatewayPrompt = linkState.status !== 'lost' && state?.status === 'connecting' && state.prompt?.id !== settledPrompt ? state.prompt : undefined;

  return (
    <div className="app">
      {linkState.status === 'lost' && <MainSideLostBanner reason={linkState.reason} />}
      {linkState.status !== 'lost' && state?.status === 'lost' && <LostBanner error={state.error && describeConnectionError(state.error, state.gateway)} onReconnect={() => actions['gateway.reconnect']()} />}
      <div className="workbench">
        <Sidebar
          gateway={gateway}
          profileName={profile?.name}
          hosts={hosts}
          onOpen={openTerminal}
          mainSideLost={linkState.status === 'lost'}
          onProfiles={() => actions['profiles.open']()}
          hostsPanel={hostsPanel}
        />
        <TerminalArea store={store} sessions={sessions} />
      </div>
      <StatusBar gateway={state} linkState={linkState} panes={sessions.panes} hosts={hosts.partial ? null : hosts.hosts} appInfo={appInfo} onPalette={() => setModal('palette')} />

      <Suspense fallback={null}>
      {modal === 'palette' && <CommandPalette enabled={enabled} onRun={(id) => actions[id]()} onClose={() => setModal(null)} />}
      {modal === 'settings' && <SettingsDialog settings={settings.settings} onSave={settings.save} onClose={() => setModal(null)} />}
      {modal === 'profiles' && (
        <ProfilesDialog
          api={api}
          profiles={profiles.profiles}
          listError={profiles.error}
          refresh={profiles.refresh}
          state={state}
          keychain={appInfo?.shell === 'electron'}
          onConnect={(profileId) => {
            setDismissed(null);
            setModal(null);
            void gateway.connect({ profileId });
          }}
          onDisconnect={() => gateway.disconnect()}
          onClose={() => setModal(null)}
        />
      )}
      {ask && state?.hostKey?.status === 'unknown' && state.profileId && (
        <TrustHostKeyDialog
          gateway={gatewayName}
          check={state.hostKey}
          onTrust={() => void gateway.trustHostKey(state.profileId!, state.hostKey!.fingerprint)}
          onCancel={() => setDismissed(questionKey)}
        />
      )}
      {ask && state?.hostKey?.status === 'changed' && (
        <ChangedHostKeyDialog gateway={gatewayName} address={profile ? `${profile.host}:${profile.port}` : (state.gateway?.address ?? '')} check={state.hostKey} onClose={() => setDismissed(questionKey)} />
      )}
      {ask && !state?.hostKey && state?.needsPassphrase && (
        <PassphraseDialog
          keyFile={profile?.auth.kind === 'key' ? profile.auth.keyFile : 'The key file'}
          remembers={!!profile?.rememberPassphrase && appInfo?.shell === 'electron'}
          onSubmit={(passphrase) => void gateway.connect({ profileId: state.profileId, passphrase })}
          onCancel={() => setDismissed(questionKey)}
        />
      )}
      {gatewayPrompt && (
        <GatewayPromptDialog
          key={gatewayPrompt.id}
          gateway={gatewayName}
          address={state?.gateway?.address}
          prompt={gatewayPrompt}
          onSubmit={(answers) => {
            setSettledPrompt(gatewayPrompt.id);
            gateway.answerPrompt(gatewayPrompt.id, answers);
          }}
          onCancel={() => {
            setSettledPrompt(gatewayPrompt.id);
            gateway.cancelPrompt(gatewayPrompt.id);
          }}
        />
      )}
      {pendingLink && (
        <LinkDialog
          url={pendingLink}
          onCancel={() => setPendingLink(null)}
          onOpen={() => {
            const url = pendingLink;
            setPendingLink(null);
            // The browser shell is a browser already: a new tab. Electron: the system browser, via main.
            if (appInfo?.shell === 'browser') window.open(url, '_blank', 'noopener,noreferrer');
            else void api.request('app.openExternal', { url }).catch(() => {});
          }}
        />
      )}
      </Suspense>
      {settings.error && (
        <div className="toast" role="status">
          {settings.error}
        </div>
      )}
    </div>
  );
}

// The shell: the shared services (gateway, profiles, hosts, sessions, settings), one modal at a
// time, the keyboard, and the slots every registered area (./areas.ts) fills. Nothing here names an
// area's action, panel or dialog.
import { Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PortcullisApi } from '../../../shared/contract/window';
import type { MainSideLink } from '../api';
import { useGateway, useProfiles } from '../connection';
import { useHosts } from '../hosts';
import type { ActionContext, ActionId } from '../model/actions';
import { isEnabled } from '../model/actions';
import { dispatchKey } from '../model/keyboard';
import { resolveLanguage } from '../model/locale';
import { useSessions, type SessionsStore } from '../terminal';
import type { ShellContext, Slot } from '../registry';
import { ACTIONS, AREAS } from './areas';
import { PALETTE_MODAL } from './palette-modal';
import { useAppInfo, useMainSideLink, useSettings } from './hooks';
import { MainSideLostBanner } from './MainSideLostBanner';
import { StatusBar } from './StatusBar';
import { loadRemainingCatalogs } from '../ui';
import { Workbench } from './Workbench';

interface Props {
  api: PortcullisApi;
  link: MainSideLink;
  store: SessionsStore;
}

export function App({ api, link, store }: Props) {
  const linkState = useMainSideLink(link);
  const mainSideLost = linkState.status === 'lost';
  const gateway = useGateway(api);
  const state = gateway.state;
  const hosts = useHosts(api, state?.status === 'connected' && !mainSideLost, state?.profileId);
  const sessions = useSessions(store);
  const appInfo = useAppInfo(api);
  const profiles = useProfiles(api);
  const settings = useSettings(api);
  const [modal, setModal] = useState<string | null>(null);
  const closeModal = useCallback(() => setModal(null), []);

  useEffect(() => {
    document.documentElement.dataset.theme = settings.settings.theme;
  }, [settings.settings.theme]);

  // The language follows the setting (or the system's), live: every useTranslation re-renders.
  const { i18n } = useTranslation();
  const language = resolveLanguage(settings.settings.language, navigator.languages);
  useEffect(() => {
    void i18n.changeLanguage(language);
    document.documentElement.lang = language;
  }, [i18n, language]);

  const focusedPane = sessions.panes.get(store.focusedPaneId() ?? '');
  const actionContext: ActionContext = {
    hasTab: sessions.tabs.length > 0,
    gateway: state?.status,
    focusedPaneEnded: focusedPane?.status === 'closed' || focusedPane?.status === 'lost',
  };
  const { hasTab, focusedPaneEnded } = actionContext;
  const enabled = useCallback(
    (id: ActionId) => {
      const action = ACTIONS.find((a) => a.id === id);
      return !!action && isEnabled(action, { hasTab, gateway: state?.status, focusedPaneEnded });
    },
    [hasTab, state?.status, focusedPaneEnded],
  );

  const ctx = useMemo((): ShellContext => {
    const handlers: Record<ActionId, () => void> = {};
    const context: ShellContext = {
      api,
      store,
      sessions,
      linkState,
      mainSideLost,
      gateway,
      profiles,
      hosts,
      settings,
      appInfo,
      modal,
      openModal: setModal,
      closeModal,
      actions: ACTIONS,
      palettes: [],
      openPalette: (only) => setModal(only ? `${PALETTE_MODAL}:${only}` : PALETTE_MODAL),
      run: (id) => handlers[id]?.(),
      enabled,
    };
    for (const area of AREAS) Object.assign(handlers, area.handlers?.(context));
    context.palettes = AREAS.flatMap(({ name, palette }) => (palette ? [{ area: name, title: palette.title, placeholder: palette.placeholder, entries: (query: string) => palette.entries(context, query) }] : []));
    return context;
  }, [api, store, sessions, linkState, mainSideLost, gateway, profiles, hosts, settings, appInfo, modal, closeModal, enabled]);

  // The areas' lazy code is fetched once the whole tree is on screen (when idle; not between the
  // list's head and the whole list, whose parse it would delay), or after a few seconds whatever
  // happens, so the first screen does not wait for it.
  const hostsShown = hosts.hosts !== null && !hosts.partial;
  const preloadWith = useLatest(ctx);
  useEffect(() => {
    const load = () => void Promise.all([loadRemainingCatalogs(i18n, AREAS), ...AREAS.map((area) => area.preload?.(preloadWith()))]).catch(() => {});
    if (!hostsShown) {
      const timer = setTimeout(load, 3000);
      return () => clearTimeout(timer);
    }
    const handle = requestIdleCallback(load, { timeout: 1000 });
    return () => cancelIdleCallback(handle);
  }, [hostsShown, preloadWith, i18n]);

  // Shortcuts from the registry, in the capture phase so they win over whatever has focus.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      const inTerminal = !!target.closest?.('.xterm');
      const place = {
        inDialog: !!document.querySelector('[aria-modal="true"]'),
        inTerminal,
        typing: !inTerminal && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT'),
        onPane: !!target.closest?.('[data-testid="pane"]'),
      };
      const id = dispatchKey(event, place, ACTIONS, actionContext);
      if (!id) return;
      event.preventDefault();
      event.stopPropagation();
      ctx.run(id);
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  });

  // Each area's panels wait for its lazy chunk (overlays) or its catalog under its own boundary:
  // with one shared boundary, an area whose chunk was loading hid every other area's open dialog meanwhile.
  const slot = (name: Slot) => AREAS.map((area) => {
    const Panel = area.panels?.[name];
    return Panel ? <Suspense key={area.name} fallback={null}><Panel ctx={ctx} /></Suspense> : null;
  });

  return (
    <div className="app">
      {linkState.status === 'lost' && <MainSideLostBanner reason={linkState.reason} />}
      {slot('banner')}
      <Workbench
        api={api}
        sidebar={
          <>
            <div className="brand">
              <span className="brand-mark" aria-hidden="true" />
              Portcullis
            </div>
            {slot('sidebar')}
          </>
        }
        main={slot('main')}
      />
      <StatusBar gateway={state} linkState={linkState} panes={sessions.panes} hosts={hosts.partial ? null : hosts.hosts} appInfo={appInfo} items={slot('status')} onPalette={() => ctx.run('palette.open')} />
      {slot('overlay')}
      {settings.error && (
        <div className="toast" role="status">
          {settings.error}
        </div>
      )}
    </div>
  );
}

/** A stable getter of the latest value: effects read it without restarting when it changes. */
function useLatest<T>(value: T): () => T {
  const [box] = useState(() => ({ value }));
  box.value = value;
  return useCallback(() => box.value, [box]);
}

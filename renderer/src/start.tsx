// The app itself, loaded by main.tsx once it has asked for the host list (see there).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { ApiBootstrap } from './api';
import { matchAction } from './model/actions';
import { resolveLanguage } from './model/locale';
import { ACTIONS, AREAS, App, NoTokenScreen } from './shell';
import { DEFAULT_SETTINGS, SessionsStore, terminalOptionsFor } from './terminal';
import { installTestHook } from './test-hook';
import { initAppI18n } from './ui';

export async function start(boot: ApiBootstrap): Promise<void> {
  // The system's language until the saved setting arrives (App follows it from then on).
  await initAppI18n(AREAS, resolveLanguage(DEFAULT_SETTINGS.language, navigator.languages));
  const root = createRoot(document.getElementById('root')!);
  if (!boot.ok) return root.render(<NoTokenScreen />);
  // Links are confirmed by the App, which installs the real handler.
  const store = new SessionsStore(boot.api, {
    options: terminalOptionsFor(DEFAULT_SETTINGS),
    onLink: () => {},
    isAppShortcut: (event) => matchAction(event, ACTIONS) !== null,
  });
  installTestHook(store);
  boot.link.subscribe((state) => {
    if (state.status === 'lost') store.loseAll({ status: 'lost', reason: 'main_side_gone', detail: state.reason });
  });
  root.render(
    <StrictMode>
      <App api={boot.api} link={boot.link} store={store} />
    </StrictMode>,
  );
}

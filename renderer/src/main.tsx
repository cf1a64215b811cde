// Entry point. './zod-csp' must stay the first import (see that file).
import './zod-csp';
import '@xterm/xterm/css/xterm.css';
import './styles/theme.css';
import './styles/layout.css';
import './styles/sidebar.css';
import './styles/terminal.css';
import './styles/panes.css';
import './styles/dialogs.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getPortcullisApi } from './api';
import { App } from './app/App';
import { NoTokenScreen } from './app/NoTokenScreen';
import { SessionsStore } from './terminal/sessions-store';
import { DEFAULT_SETTINGS, terminalOptionsFor } from './terminal/theme';
import { installTestHook } from './test-hook';

const root = createRoot(document.getElementById('root')!);
const boot = getPortcullisApi();

if (!boot.ok) {
  root.render(<NoTokenScreen />);
} else {
  // Links are confirmed by the App, which installs the real handler.
  const store = new SessionsStore(boot.api, { options: terminalOptionsFor(DEFAULT_SETTINGS), onLink: () => {} });
  installTestHook(store);
  boot.link.subscribe((state) => {
    if (state.status === 'lost') store.loseAll(`the app's main side is gone: ${state.reason}`);
  });
  root.render(
    <StrictMode>
      <App api={boot.api} link={boot.link} store={store} />
    </StrictMode>,
  );
}

// Entry point. './zod-csp' must stay the first import (see that file).
//
// It only asks for the host list, then loads the app (./start, a chunk of its own): the main side
// prepares the list (and the gateway sends it) while the app's code loads and runs, instead of after.
import './zod-csp';
import './styles/theme.css';
import './styles/layout.css';
import './styles/sidebar.css';
import './styles/terminal.css';
import './styles/panes.css';
import './styles/dialogs.css';
import './styles/review.css';
import { getPortcullisApi } from './api';
import { prefetchHosts } from './hosts/hosts-prefetch';

void getPortcullisApi().then((boot) => {
  if (boot.ok) prefetchHosts(boot.api);
  return import('./start').then(({ start }) => start(boot));
});

// The files area: "Files…" for the focused pane's host opens the file panel (an SFTP session
// through the gateway, electron/core/files), in its own lazy chunk.
import { useState } from 'react';
import type { Area, ShellContext } from '../registry';
import { FILES_ACTIONS } from './actions';
import type { FilesTarget } from './FilesPanel';
import { FilesPanel, preloadFilesPanel } from './lazy';

export const FILES_MODAL = 'files.panel';

/** The target is taken once, when the panel opens: moving the focus later does not change it. */
function FilesOverlay({ ctx }: { ctx: ShellContext }) {
  if (ctx.modal !== FILES_MODAL) return null;
  return <OpenFilesPanel ctx={ctx} />;
}

function OpenFilesPanel({ ctx }: { ctx: ShellContext }) {
  const [target] = useState<FilesTarget | null>(() => {
    const session = ctx.store.focusedSession();
    return session ? { host: session.host, login: session.login } : null;
  });
  if (!target) return null;
  return <FilesPanel api={ctx.api} target={target} onClose={ctx.closeModal} />;
}

export const filesArea: Area = {
  name: 'files',
  catalogs: { en: () => import('./locales/en.json'), 'zh-CN': () => import('./locales/zh-CN.json') },
  actions: FILES_ACTIONS,
  handlers: (ctx) => ({
    'files.open': () => {
      if (ctx.store.focusedSession()) ctx.openModal(FILES_MODAL);
    },
  }),
  panels: { overlay: FilesOverlay },
  preload: () => preloadFilesPanel(),
};

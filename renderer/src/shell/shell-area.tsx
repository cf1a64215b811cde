// The shell's own area: the command palette and the theme.
import { lazyChunk } from '../ui';
import { SHELL_ACTIONS } from './actions';
import type { Area, ShellContext } from '../registry';
import type { AppInfo, SettingsControl } from './hooks';
import { paletteOnly } from './palette-modal';
import { TOGGLE_SIDEBAR } from './Workbench';

declare module '../registry' {
  interface AreaServices {
    settings: SettingsControl;
    appInfo: AppInfo | null;
  }
}

const chunk = lazyChunk(() => import('./CommandPalette'));
const CommandPalette = chunk.component('CommandPalette');

function Palette({ ctx }: { ctx: ShellContext }) {
  const only = paletteOnly(ctx.modal);
  if (only === null) return null;
  return <CommandPalette key={only ?? ''} actions={ctx.actions} palettes={ctx.palettes} only={only} enabled={ctx.enabled} onRun={ctx.run} onClose={ctx.closeModal} />;
}

export const shellArea: Area = {
  name: 'shell',
  catalogs: { en: () => import('./locales/en.json'), 'zh-CN': () => import('./locales/zh-CN.json') },
  firstScreen: true,
  actions: SHELL_ACTIONS,
  handlers: (ctx) => ({
    'palette.open': () => ctx.openPalette(),
    'view.toggleSidebar': () => document.dispatchEvent(new CustomEvent(TOGGLE_SIDEBAR)),
    'view.toggleTheme': () => ctx.settings.save({ ...ctx.settings.settings, theme: ctx.settings.settings.theme === 'dark' ? 'light' : 'dark' }),
  }),
  panels: { overlay: Palette },
  preload: chunk.preload,
};

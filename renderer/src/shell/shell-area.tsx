// The shell's own area: the command palette and the theme.
import { lazyChunk } from '../ui';
import { SHELL_ACTIONS } from './actions';
import type { Area, ShellContext } from '../registry';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';
import type { AppInfo, SettingsControl } from './hooks';

declare module '../registry' {
  interface AreaServices {
    settings: SettingsControl;
    appInfo: AppInfo | null;
  }
}

const chunk = lazyChunk(() => import('./CommandPalette'));
const CommandPalette = chunk.component('CommandPalette');
const PALETTE_MODAL = 'shell.palette';

function Palette({ ctx }: { ctx: ShellContext }) {
  if (ctx.modal !== PALETTE_MODAL) return null;
  return <CommandPalette actions={ctx.actions} enabled={ctx.enabled} onRun={ctx.run} onClose={ctx.closeModal} />;
}

export const shellArea: Area = {
  name: 'shell',
  catalogs: { en, 'zh-CN': zhCN },
  actions: SHELL_ACTIONS,
  handlers: (ctx) => ({
    'palette.open': () => ctx.openModal(PALETTE_MODAL),
    'view.toggleTheme': () => ctx.settings.save({ ...ctx.settings.settings, theme: ctx.settings.settings.theme === 'dark' ? 'light' : 'dark' }),
  }),
  panels: { overlay: Palette },
  preload: chunk.preload,
};

// The README's shortcut table, generated from the renderer's action registry (one list drives the
// palette, the keyboard and this table). `tsx build/shortcuts-table.ts` prints it; a test keeps the
// README in step.
import type { ActionDef } from '../renderer/src/model/actions';
import { formatShortcut } from '../renderer/src/model/actions';

// The registry joins the renderer's areas, React components included: loaded at run time, so this
// Node-side project's type check does not follow it into DOM code (the renderer's project checks it).
// The table is in English: titles and notes come from the areas' English catalogs.
const REGISTRY = '../renderer/src/shell/areas';
const I18N = '../renderer/src/ui/i18n';

export async function shortcutsTable(): Promise<string> {
  const { ACTIONS, AREAS } = (await import(REGISTRY)) as { ACTIONS: readonly ActionDef[]; AREAS: readonly unknown[] };
  const { createI18n } = (await import(I18N)) as { createI18n: (areas: readonly unknown[], language: 'en') => Promise<{ t: (key: string) => string }> };
  const english = await createI18n(AREAS, 'en');
  const t = (key: string) => english.t(key);
  const lines = ['| action | keys |', '|---|---|'];
  for (const action of ACTIONS) {
    const keys = formatShortcut(action, t);
    if (keys) lines.push(`| ${t(action.title).replace(/…$/, '')} | ${keys.includes('(') ? keys : `\`${keys}\``} |`);
  }
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await shortcutsTable());

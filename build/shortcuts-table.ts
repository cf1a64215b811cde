// The README's shortcut table, generated from the renderer's action registry (one list drives the
// palette, the keyboard and this table). `tsx build/shortcuts-table.ts` prints it; a test keeps the
// README in step.
import { ACTIONS, formatShortcut } from '../renderer/src/model/actions';

export function shortcutsTable(): string {
  const lines = ['| action | keys |', '|---|---|'];
  for (const action of ACTIONS) {
    const keys = formatShortcut(action);
    if (keys) lines.push(`| ${action.title.replace(/…$/, '')} | ${keys.includes('(') ? keys : `\`${keys}\``} |`);
  }
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(shortcutsTable());

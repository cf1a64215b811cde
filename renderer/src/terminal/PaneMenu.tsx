// The terminal pane's context menu (right-click): the registry's own actions, so each item does
// exactly what its shortcut and the palette do, on the focused pane (the right-click focused it).
import { useTranslation } from 'react-i18next';
import { formatShortcut, type ActionDef, type ActionId } from '../model/actions';
import { ContextMenu, type MenuItem } from '../ui';

const SEPARATOR = '-';
const ITEMS: readonly ActionId[] = ['terminal.copy', 'terminal.paste', 'terminal.selectAll', 'terminal.clear', SEPARATOR, 'terminal.find', 'terminal.saveScrollback', 'metrics.toggle', SEPARATOR, 'pane.splitRight', 'pane.splitDown', SEPARATOR, 'broadcast.togglePane', 'broadcast.toggleAll'];

export interface PaneCommands {
  actions: readonly ActionDef[];
  run(id: ActionId): void;
  enabled(id: ActionId): boolean;
}

export function PaneMenu({ x, y, title, commands, onClose }: { x: number; y: number; title: string; commands: PaneCommands; onClose: () => void }) {
  const { t } = useTranslation('terminal');
  const items: MenuItem[] = ITEMS.flatMap((id): MenuItem[] => {
    if (id === SEPARATOR) return [{ label: '', separator: true }];
    const action = commands.actions.find((a) => a.id === id);
    if (!action || !commands.enabled(id)) return [];
    return [{ label: t(action.title), hint: formatShortcut(action, t), onSelect: () => commands.run(id) }];
  });
  return <ContextMenu x={x} y={y} title={title} items={items} onClose={onClose} />;
}

// Every action of the registry, searchable, with its shortcut: the palette and the keyboard
// handler read the same list.
import { useMemo, useState } from 'react';
import { formatShortcut, searchActions, type ActionDef, type ActionId } from '../model/actions';
import { Dialog } from '../ui';

interface Props {
  actions: readonly ActionDef[];
  enabled: (id: ActionId) => boolean;
  onRun: (id: ActionId) => void;
  onClose: () => void;
}

export function CommandPalette({ actions, enabled, onRun, onClose }: Props) {
  const [query, setQuery] = useState('');
  const [index, setIndex] = useState(0);
  const found = useMemo(() => searchActions(query, actions), [query, actions]);
  const run = (id: ActionId | undefined) => {
    if (!id || !enabled(id)) return;
    onClose();
    onRun(id);
  };
  return (
    <Dialog title="Command palette" testId="command-palette" onCancel={onClose} wide>
      <input
        className="text-input palette-input"
        placeholder="Type an action…"
        aria-label="Search actions"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setIndex(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setIndex((i) => Math.min(found.length - 1, i + 1));
          else if (e.key === 'ArrowUp') setIndex((i) => Math.max(0, i - 1));
          else if (e.key === 'Enter') run(found[index]?.id);
          else return;
          e.preventDefault();
        }}
      />
      <div className="palette-list" role="listbox" aria-label="Actions">
        {found.map((a, i) => (
          <div
            key={a.id}
            role="option"
            aria-selected={i === index}
            aria-disabled={!enabled(a.id)}
            data-action={a.id}
            className={`palette-item${i === index ? ' palette-item-active' : ''}${enabled(a.id) ? '' : ' palette-item-disabled'}`}
            onMouseEnter={() => setIndex(i)}
            onClick={() => run(a.id)}
          >
            <span className="palette-group">{a.group}</span>
            <span className="palette-title">{a.title}</span>
            <span className="palette-shortcut">{formatShortcut(a)}</span>
          </div>
        ))}
        {found.length === 0 && <div className="panel-message">No action matches.</div>}
      </div>
    </Dialog>
  );
}

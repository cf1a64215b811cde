// Every action of the registry, searchable, with its shortcut (the palette and the keyboard handler
// read the same list), and what the areas offer for the typed text (hosts to open). Opened on one
// area's entries only (`only`), it lists just those (quick connect).
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatShortcut, searchActions, type ActionDef, type ActionId } from '../model/actions';
import type { BoundPalette, PaletteEntry } from '../registry';
import { Dialog } from '../ui';

interface Props {
  actions: readonly ActionDef[];
  palettes: readonly BoundPalette[];
  /** An area's name: only its entries, no actions. */
  only: string | undefined;
  enabled: (id: ActionId) => boolean;
  onRun: (id: ActionId) => void;
  onClose: () => void;
}

type Item = { kind: 'action'; action: ActionDef } | { kind: 'entry'; entry: PaletteEntry };

export function CommandPalette({ actions, palettes, only, enabled, onRun, onClose }: Props) {
  const { t } = useTranslation('shell');
  const [query, setQuery] = useState('');
  const [index, setIndex] = useState(0);
  const source = only === undefined ? undefined : palettes.find((p) => p.area === only);
  // Searches what is shown (group and title in the active language) and the id; then the areas' entries.
  const found = useMemo((): Item[] => {
    const shownActions = source ? [] : searchActions(query, actions, (a) => `${t(`groups.${a.group}`)} ${t(a.title)}`);
    const entries = source ? source.entries(query) : query.trim() ? palettes.flatMap((p) => p.entries(query)) : [];
    return [...shownActions.map((action): Item => ({ kind: 'action', action })), ...entries.map((entry): Item => ({ kind: 'entry', entry }))];
  }, [query, actions, palettes, source, t]);
  const usable = (item: Item | undefined) => !!item && (item.kind === 'entry' || enabled(item.action.id));
  const run = (item: Item | undefined) => {
    if (!item || !usable(item)) return;
    onClose();
    if (item.kind === 'action') onRun(item.action.id);
    else item.entry.run();
  };
  const current = found[Math.min(index, found.length - 1)];
  return (
    <Dialog title={t(source ? source.title : 'actions.palette.open')} testId="command-palette" onCancel={onClose} wide>
      <input
        className="text-input palette-input"
        placeholder={t(source ? source.placeholder : 'palette.placeholder')}
        aria-label={t('palette.search')}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setIndex(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setIndex((i) => Math.min(found.length - 1, i + 1));
          else if (e.key === 'ArrowUp') setIndex((i) => Math.max(0, i - 1));
          else if (e.key === 'Enter') run(current);
          else if (e.code === 'KeyD' && e.ctrlKey && current?.kind === 'entry' && current.entry.toggleStar) current.entry.toggleStar();
          else return;
          e.preventDefault();
        }}
      />
      <div className="palette-list" role="listbox" aria-label={t('palette.list')}>
        {found.map((item, i) => {
          const key = item.kind === 'action' ? `action:${item.action.id}` : `entry:${item.entry.key}`;
          const selected = item === current;
          return (
            <div
              key={key}
              role="option"
              aria-selected={selected}
              aria-disabled={!usable(item)}
              data-action={item.kind === 'action' ? item.action.id : undefined}
              data-entry={item.kind === 'entry' ? item.entry.key : undefined}
              className={`palette-item${selected ? ' palette-item-active' : ''}${usable(item) ? '' : ' palette-item-disabled'}`}
              onMouseEnter={() => setIndex(i)}
              onClick={() => run(item)}
            >
              {item.kind === 'action' ? (
                <>
                  <span className="palette-group">{t(`groups.${item.action.group}`)}</span>
                  <span className="palette-title">{t(item.action.title)}</span>
                  <span className="palette-shortcut">{formatShortcut(item.action, t)}</span>
                </>
              ) : (
                <EntryRow entry={item.entry} starLabel={t(item.entry.starred ? 'palette.unstar' : 'palette.star')} />
              )}
            </div>
          );
        })}
        {found.length === 0 && <div className="panel-message">{t(source ? 'palette.noEntries' : 'palette.none')}</div>}
      </div>
      {source && <div className="palette-hint muted">{t('palette.starHint')}</div>}
    </Dialog>
  );
}

function EntryRow({ entry, starLabel }: { entry: PaletteEntry; starLabel: string }) {
  return (
    <>
      <span className="palette-group">{entry.group}</span>
      <span className="palette-title">{entry.title}</span>
      {entry.detail && <span className="palette-detail">{entry.detail}</span>}
      {entry.toggleStar && (
        <button
          type="button"
          className={`star-button${entry.starred ? ' star-on' : ''}`}
          data-testid="palette-star"
          aria-pressed={!!entry.starred}
          aria-label={starLabel}
          title={`${starLabel} (Ctrl+D)`}
          tabIndex={-1}
          // The typing stays in the search field (an unstarred entry may leave the list).
          onMouseDown={(e) => e.preventDefault()}
          onClick={(e) => {
            e.stopPropagation();
            entry.toggleStar!();
          }}
        >
          {entry.starred ? '★' : '☆'}
        </button>
      )}
    </>
  );
}

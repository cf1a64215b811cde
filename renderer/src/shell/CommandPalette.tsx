// Every action of the registry, searchable, with its shortcut: the palette and the keyboard
// handler read the same list.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatShortcut, searchActions, type ActionDef, type ActionId } from '../model/actions';
import { Dialog } from '../ui';

interface Props {
  actions: readonly ActionDef[];
  enabled: (id: ActionId) => boolean;
  onRun: (id: ActionId) => void;
  onClose: () => void;
}

export function CommandPalette({ actions, enabled, onRun, onClose }: Props) {
  const { t } = useTranslation('shell');
  const [query, setQuery] = useState('');
  const [index, setIndex] = useState(0);
  // Searches what is shown (group and title in the active language) and the id.
  const found = useMemo(() => searchActions(query, actions, (a) => `${t(`groups.${a.group}`)} ${t(a.title)}`), [query, actions, t]);
  const run = (id: ActionId | undefined) => {
    if (!id || !enabled(id)) return;
    onClose();
    onRun(id);
  };
  return (
    <Dialog title={t('actions.palette.open')} testId="command-palette" onCancel={onClose} wide>
      <input
        className="text-input palette-input"
        placeholder={t('palette.placeholder')}
        aria-label={t('palette.search')}
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
      <div className="palette-list" role="listbox" aria-label={t('palette.list')}>
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
            <span className="palette-group">{t(`groups.${a.group}`)}</span>
            <span className="palette-title">{t(a.title)}</span>
            <span className="palette-shortcut">{formatShortcut(a, t)}</span>
          </div>
        ))}
        {found.length === 0 && <div className="panel-message">{t('palette.none')}</div>}
      </div>
    </Dialog>
  );
}

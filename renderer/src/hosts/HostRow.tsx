import { memo, useRef, type CSSProperties, type MouseEvent } from 'react';
import type { Host } from '../../../shared/contract/inventory';
import { Highlight } from './Highlight';
import { HostHealthDot } from './HealthDot';
import type { HealthStore } from './health-store';
import { useHiddenChips } from './use-hidden-chips';
import { chipHighlights, type FilterQuery } from '../model/filter-query';
import type { Translate } from '../model/locale';
import { wordTemplate } from '../model/word-template';

/**
 * A row's words, made once per language by the tree: a translation hook (its own subscription to
 * i18next) and three translate calls in every row are work the first paint does not need.
 */
export interface HostRowWords {
  hint: (values: { address: string; target: string }) => string;
  noLogin: string;
  star: string;
  unstar: string;
}

/** `t` is the hosts namespace's. */
export function hostRowWords(t: Translate): HostRowWords {
  return { hint: wordTemplate(t, 'row.hint', ['address', 'target']), noLogin: t('row.noLogin'), star: t('menu.star'), unstar: t('menu.unstar') };
}

interface Props {
  rowKey: string;
  host: Host;
  depth: number;
  focused: boolean;
  /** In the tree's multi-selection. */
  selected: boolean;
  login: string | undefined;
  highlights: readonly string[];
  tagHighlights: FilterQuery['tagHighlights'];
  style: CSSProperties;
  onSelect: (rowKey: string) => void;
  /** Ctrl (or Cmd) + click toggles the host in the multi-selection; Shift + click adds the rows up to it. */
  onPick: (rowKey: string, how: 'toggle' | 'range') => void;
  onOpen: (host: Host) => void;
  onContextMenu: (host: Host, x: number, y: number) => void;
  starred: boolean;
  onStar: (host: string, starred: boolean) => void;
  /** The tree's health (a dot before the name), or null when it is off. */
  health: HealthStore | null;
  words: HostRowWords;
}

/** More chips than a row can show; the ones that do not fit are counted in "+N". */
const MAX_CHIPS = 8;

export const HostRow = memo(function HostRow({ rowKey, host, depth, focused, selected, login, highlights, tagHighlights, style, onSelect, onPick, onOpen, onContextMenu, starred, onStar, health, words }: Props) {
  const tags = Object.entries(host.tags);
  const canOpen = host.logins.length > 0;
  const shown = tags.slice(0, MAX_CHIPS);
  const chipBox = useRef<HTMLSpanElement>(null);
  const more = tags.length - shown.length + useHiddenChips(chipBox, host.tags);
  const allTags = tags.map(([key, value]) => `${key}=${value}`).join('\n');
  return (
    <div
      id={rowDomId(rowKey)}
      className={`tree-row host-row${canOpen ? '' : ' host-row-disabled'}${focused ? ' tree-row-focused' : ''}${selected ? ' host-row-selected' : ''}`}
      role="treeitem"
      aria-level={depth + 1}
      aria-selected={focused || selected}
      data-selected={selected}
      aria-disabled={!canOpen}
      data-testid="host-row"
      data-host={host.name}
      data-row-key={rowKey}
      title={canOpen ? words.hint({ address: host.address, target: `${login}@${host.name}` }) : words.noLogin}
      style={{ ...style, paddingLeft: 8 + depth * 12 + 14 }}
      onClick={(e: MouseEvent) => {
        if (e.ctrlKey || e.metaKey) onPick(rowKey, 'toggle');
        else if (e.shiftKey) onPick(rowKey, 'range');
        else onSelect(rowKey);
      }}
      // Shift+click would also select the rows' text.
      onMouseDown={(e: MouseEvent) => e.shiftKey && e.preventDefault()}
      onDoubleClick={() => onOpen(host)}
      onContextMenu={(e: MouseEvent) => {
        e.preventDefault();
        onSelect(rowKey);
        onContextMenu(host, e.clientX, e.clientY);
      }}
    >
      <span className="host-icon" aria-hidden="true" />
      {health && <HostHealthDot store={health} host={host.name} />}
      <span className="host-name">
        <Highlight text={host.name} words={highlights} />
      </span>
      <span className="chips" ref={chipBox} title={allTags || undefined}>
        {shown.map(([key, value]) => (
          <span key={key} className={`chip chip-${chipTone(key, value)}`} data-testid="tag-chip">
            {/* Written as the filter takes it, so a chip can be typed back into the filter. */}
            <Highlight text={`${key}=${value}`} words={chipHighlights(key, { highlights, tagHighlights })} />
          </span>
        ))}
      </span>
      {more > 0 && (
        <span className="chip chip-more" data-testid="tag-more" title={allTags}>
          +{more}
        </span>
      )}
      <button
        type="button"
        className={`star-button row-star${starred ? ' star-on' : ''}`}
        data-testid="host-star"
        aria-pressed={starred}
        aria-label={starred ? words.unstar : words.star}
        title={starred ? words.unstar : words.star}
        tabIndex={-1}
        onClick={(e) => {
          e.stopPropagation();
          onStar(host.name, !starred);
        }}
        onDoubleClick={(e) => e.stopPropagation()}
      >
        {starred ? '★' : '☆'}
      </button>
      {login && <span className="login-single">{host.logins.length > 1 ? `${login} ▾` : login}</span>}
    </div>
  );
});

/** DOM id of a row, for aria-activedescendant (row keys hold any characters). */
export function rowDomId(rowKey: string): string {
  let h = 0;
  for (let i = 0; i < rowKey.length; i++) h = (Math.imul(h, 31) + rowKey.charCodeAt(i)) | 0;
  return `row-${(h >>> 0).toString(36)}-${rowKey.length}`;
}

/** A hint of colour for well-known tags; everything else stays neutral. */
export function chipTone(key: string, value: string): string {
  if (key !== 'env') return 'neutral';
  const v = value.toLowerCase();
  if (v.startsWith('prod')) return 'prod';
  if (v.startsWith('stag') || v === 'pre' || v === 'uat') return 'staging';
  return 'dev';
}

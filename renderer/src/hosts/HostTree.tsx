// The host tree, virtualized: only the rows in view are in the DOM (50 k hosts stay fluid). The
// tree itself holds keyboard focus and points at the current row with aria-activedescendant, so a
// row scrolled out of the DOM never loses focus.
// Keys: ↑/↓ move, ←/→ collapse/expand (← on a host goes to its group), Enter opens, Home/End,
// the context-menu key or Shift+F10 opens the menu. Several hosts: Space toggles the current one,
// Shift+↑/↓ extend, Ctrl/Shift+click, Esc clears (the panel keeps the selection, model/host-selection).
import { useTranslation } from 'react-i18next';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import type { Host } from '../../../shared/contract/inventory';
import type { RowList } from '../model/host-tree';
import { addRange, toggleHost } from '../model/host-selection';
import type { FilterQuery } from '../model/filter-query';
import { Highlight } from './Highlight';
import { HostRow, hostRowWords, rowDomId } from './HostRow';
import { GroupHealthDot } from './HealthDot';
import type { TreeHealth } from './use-tree-health';
import type { ScreenRow } from '../model/tree-health';

interface Props {
  rows: RowList;
  focusedKey: string | null;
  onFocusKey: (key: string) => void;
  /** The tree got keyboard focus: make sure some row is current. */
  onFocusTree: () => void;
  chosenLogins: ReadonlyMap<string, string>;
  highlights: readonly string[];
  tagHighlights: FilterQuery['tagHighlights'];
  onToggle: (groupKey: string) => void;
  /** The multi-selection (host names) and how it changes. */
  selection: ReadonlySet<string>;
  onSelection: (next: ReadonlySet<string>) => void;
  onOpen: (host: Host) => void;
  onContextMenu: (host: Host, x: number, y: number) => void;
  /** Starred host names, and how a row's star is toggled. */
  favourites: ReadonlySet<string>;
  onStar: (host: string, starred: boolean) => void;
  /** A group's menu (its key is the JSON of its tree path). */
  onGroupContextMenu: (groupKey: string, x: number, y: number) => void;
  /** The gateway is not connected: the list may be out of date. */
  stale: boolean;
  /** False while only the list's head is known: group counts would be too small. */
  countsKnown: boolean;
  /** Health dots for the rows on screen; null when the setting is off. */
  health: TreeHealth | null;
}

const ROW_HEIGHT = 26;

export function HostTree({ rows, focusedKey, onFocusKey, onFocusTree, chosenLogins, highlights, tagHighlights, onToggle, selection, onSelection, onOpen, onContextMenu, onGroupContextMenu, favourites, onStar, stale, countsKnown, health }: Props) {
  const { t } = useTranslation('hosts');
  // A new t when the language changes (or a catalog arrives): the rows word themselves again.
  const rowWords = useMemo(() => hostRowWords(t), [t]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // Index keys: a key function would build all 50 k rows on every change (rows are virtual).
  });
  const index = focusedKey === null ? -1 : rows.indexOf(focusedKey);

  // Keyboard moves scroll the row into view; clicks never scroll (a double-click must land twice on the same row).
  const scrollTo = useRef<number | null>(null);
  useEffect(() => {
    if (scrollTo.current !== null && scrollTo.current === index) virtualizer.scrollToIndex(index, { align: 'auto' });
    scrollTo.current = null;
  }, [index, virtualizer]);

  const move = (to: number) => {
    const target = Math.max(0, Math.min(rows.length - 1, to));
    if (!rows.length) return;
    const row = rows.at(target);
    scrollTo.current = target;
    onFocusKey(row.key);
    if (target === index) virtualizer.scrollToIndex(index, { align: 'auto' });
  };

  // Where a Shift+click range starts: the row last picked, else the current row.
  const anchor = useRef<string | null>(null);
  const pick = (rowKey: string, how: 'toggle' | 'range') => {
    const at = rows.indexOf(rowKey);
    const row = at >= 0 ? rows.at(at) : undefined;
    if (row?.kind !== 'host') return;
    const from = anchor.current === null ? index : rows.indexOf(anchor.current);
    onSelection(how === 'toggle' || from < 0 ? toggleHost(selection, row.host.name) : addRange(selection, rows, from, at));
    anchor.current = rowKey;
    onFocusKey(rowKey);
  };
  // Rows are memoized: they get one stable callback that runs the latest `pick`.
  const latestPick = useRef(pick);
  latestPick.current = pick;
  const onPick = useCallback((rowKey: string, how: 'toggle' | 'range') => latestPick.current(rowKey, how), []);
  /** Shift+↑/↓: the current row and the next one join the selection. */
  const extend = (to: number) => {
    const target = Math.max(0, Math.min(rows.length - 1, to));
    onSelection(addRange(selection, rows, Math.max(index, 0), target));
    move(target);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const row = index >= 0 ? rows.at(index) : undefined;
    const handled = () => {
      event.preventDefault();
      event.stopPropagation();
    };
    switch (event.key) {
      case 'ArrowDown':
        handled();
        return event.shiftKey ? extend(index + 1) : move(index + 1);
      case 'ArrowUp':
        handled();
        return event.shiftKey ? extend(index - 1) : move(index < 0 ? 0 : index - 1);
      case 'Escape':
        if (!selection.size) return;
        handled();
        return onSelection(new Set());
      case 'Home':
        handled();
        return move(0);
      case 'End':
        handled();
        return move(rows.length - 1);
      case 'PageDown':
        handled();
        return move(index + 15);
      case 'PageUp':
        handled();
        return move(index - 15);
      case 'ArrowRight':
        handled();
        if (row?.kind === 'group') {
          if (!row.expanded) onToggle(row.key);
          else move(index + 1);
        }
        return;
      case 'ArrowLeft':
        handled();
        if (row?.kind === 'group' && row.expanded) onToggle(row.key);
        else if (row) move(parentIndex(rows, index));
        return;
      case 'Enter':
      case ' ':
        if (!row) return;
        handled();
        if (row.kind === 'group') onToggle(row.key);
        else if (event.key === 'Enter') onOpen(row.host);
        else pick(row.key, 'toggle');
        return;
      case 'ContextMenu':
      case 'F10':
        if (!row || (event.key === 'F10' && !event.shiftKey)) return;
        handled();
        {
          const el = document.getElementById(rowDomId(row.key))?.getBoundingClientRect();
          if (row.kind === 'host') onContextMenu(row.host, el ? el.left + 40 : 100, el ? el.bottom : 100);
          else onGroupContextMenu(row.key, el ? el.left + 40 : 100, el ? el.bottom : 100);
        }
        return;
    }
  };

  // Tree health watches the rows on screen: told after each render that moved them (debounced there).
  const items = virtualizer.getVirtualItems();
  const firstShown = items[0]?.index ?? -1;
  const lastShown = items.at(-1)?.index ?? -1;
  useEffect(() => {
    if (!health || firstShown < 0) return;
    const screen: ScreenRow[] = [];
    for (let i = firstShown; i <= lastShown; i++) {
      const row = rows.at(i);
      screen.push(row.kind === 'host' ? { kind: 'host', key: row.key, host: row.host.name } : { kind: 'group', key: row.key });
    }
    health.onScreen(screen);
  }, [health, rows, firstShown, lastShown]);

  const focusedRow = index >= 0 ? rows.at(index) : undefined;
  return (
    <div
      className={`host-tree${stale ? ' host-tree-stale' : ''}`}
      role="tree"
      aria-label={t('tree')}
      tabIndex={0}
      data-testid="host-tree"
      aria-activedescendant={focusedRow ? rowDomId(focusedRow.key) : undefined}
      ref={scrollRef}
      onKeyDown={onKeyDown}
      // Tabbing in marks a row (the panel picks which), without scrolling: a click's own row wins right after.
      onFocus={onFocusTree}
    >
      <div className="host-tree-inner" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const row = rows.at(item.index);
          const style = { transform: `translateY(${item.start}px)`, height: ROW_HEIGHT };
          const focused = row.key === focusedKey;
          if (row.kind === 'host') {
            return (
              <HostRow
                key={row.key}
                rowKey={row.key}
                host={row.host}
                depth={row.depth}
                focused={focused}
                selected={selection.has(row.host.name)}
                login={chosenLogins.get(row.host.name) ?? row.host.logins[0]}
                highlights={highlights}
                tagHighlights={tagHighlights}
                style={style}
                onSelect={onFocusKey}
                onPick={onPick}
                onOpen={onOpen}
                onContextMenu={onContextMenu}
                starred={favourites.has(row.host.name)}
                onStar={onStar}
                health={health?.store ?? null}
                words={rowWords}
              />
            );
          }
          return (
            <div
              key={row.key}
              id={rowDomId(row.key)}
              className={`tree-row group-row${focused ? ' tree-row-focused' : ''}`}
              role="treeitem"
              aria-expanded={row.expanded}
              aria-level={row.depth + 1}
              aria-selected={focused}
              data-testid="group-row"
              data-row-key={row.key}
              style={{ ...style, paddingLeft: 8 + row.depth * 12 }}
              onClick={() => {
                onFocusKey(row.key);
                onToggle(row.key);
              }}
              onContextMenu={(e) => {
                e.preventDefault();
                onFocusKey(row.key);
                onGroupContextMenu(row.key, e.clientX, e.clientY);
              }}
            >
              <span className={`chevron${row.expanded ? ' chevron-open' : ''}`} aria-hidden="true" />
              <span className="group-label">
                <Highlight text={row.label} words={highlights} />
              </span>
              {health && <GroupHealthDot store={health.store} groupKey={row.key} />}
              {countsKnown && <span className="group-count">{row.hostCount}</span>}
            </div>
          );
        })}
      </div>
    </div>
  );
}

function parentIndex(rows: RowList, index: number): number {
  const depth = rows.at(index).depth;
  for (let i = index - 1; i >= 0; i--) {
    const row = rows.at(i);
    if (row.kind === 'group' && row.depth < depth) return i;
  }
  return index;
}

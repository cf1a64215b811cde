// The host tree as a flat list of rows (see host-tree.ts), ready to be virtualized later.
// Keyboard: ↑/↓ move, ←/→ collapse/expand, Enter opens a host (or toggles a group), Home/End.
import { useRef, useState, type KeyboardEvent } from 'react';
import type { Host } from '../../../shared/contract/inventory';
import type { TreeRow } from '../model/host-tree';
import { HostRow } from './HostRow';

interface Props {
  rows: TreeRow[];
  chosenLogins: ReadonlyMap<string, string>;
  onToggle: (groupKey: string) => void;
  onOpen: (host: Host) => void;
  onChooseLogin: (host: string, login: string) => void;
  /** The gateway is not connected: the list may be out of date. */
  stale: boolean;
}

export function HostTree({ rows, chosenLogins, onToggle, onOpen, onChooseLogin, stale }: Props) {
  const [focusedKey, setFocusedKey] = useState<string | null>(null);
  const listRef = useRef<HTMLDivElement>(null);
  // Exactly one row is in the Tab order: the focused one, else the first.
  const tabStop = rows.some((r) => r.key === focusedKey) ? focusedKey : (rows[0]?.key ?? null);

  const focusRow = (index: number) => {
    const row = rows[Math.max(0, Math.min(rows.length - 1, index))];
    if (!row) return;
    setFocusedKey(row.key);
    listRef.current?.querySelector<HTMLElement>(`[data-row-key="${CSS.escape(row.key)}"]`)?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if ((event.target as HTMLElement).tagName === 'SELECT') return;
    const index = rows.findIndex((r) => r.key === focusedKey);
    const row = rows[index];
    const handled = () => {
      event.preventDefault();
      event.stopPropagation();
    };
    switch (event.key) {
      case 'ArrowDown':
        handled();
        return focusRow(index + 1);
      case 'ArrowUp':
        handled();
        return focusRow(index - 1);
      case 'Home':
        handled();
        return focusRow(0);
      case 'End':
        handled();
        return focusRow(rows.length - 1);
      case 'ArrowRight':
        if (row?.kind === 'group' && !row.expanded) onToggle(row.key);
        return handled();
      case 'ArrowLeft':
        if (row?.kind === 'group' && row.expanded) onToggle(row.key);
        else if (row) focusRow(parentIndex(rows, index));
        return handled();
      case 'Enter':
      case ' ':
        if (!row) return;
        handled();
        if (row.kind === 'group') onToggle(row.key);
        else if (event.key === 'Enter') onOpen(row.host);
        return;
    }
  };

  return (
    <div className={`host-tree${stale ? ' host-tree-stale' : ''}`} role="tree" aria-label="Hosts by team, line, service and module" ref={listRef} onKeyDown={onKeyDown}>
      {rows.map((row) =>
        row.kind === 'group' ? (
          <div
            key={row.key}
            className="tree-row group-row"
            role="treeitem"
            aria-expanded={row.expanded}
            aria-level={row.depth + 1}
            data-row-key={row.key}
            tabIndex={row.key === tabStop ? 0 : -1}
            style={{ paddingLeft: indent(row.depth) }}
            onClick={() => {
              setFocusedKey(row.key);
              onToggle(row.key);
            }}
            onFocus={() => setFocusedKey(row.key)}
          >
            <span className={`chevron${row.expanded ? ' chevron-open' : ''}`} aria-hidden="true" />
            <span className="group-label">{row.label}</span>
            <span className="group-count">{row.hostCount}</span>
          </div>
        ) : (
          <HostRow
            key={row.key}
            rowKey={row.key}
            host={row.host}
            depth={row.depth}
            indent={indent(row.depth)}
            tabIndex={row.key === tabStop ? 0 : -1}
            login={chosenLogins.get(row.host.name) ?? row.host.logins[0]}
            onFocus={() => setFocusedKey(row.key)}
            onOpen={onOpen}
            onChooseLogin={onChooseLogin}
          />
        ),
      )}
    </div>
  );
}

/** Left padding for a row at `depth` (px): one step per level, plus room for the chevron. */
function indent(depth: number): number {
  return 8 + depth * 12;
}

function parentIndex(rows: TreeRow[], index: number): number {
  const depth = rows[index]?.depth ?? 0;
  for (let i = index - 1; i >= 0; i--) if (rows[i]!.kind === 'group' && rows[i]!.depth < depth) return i;
  return index;
}

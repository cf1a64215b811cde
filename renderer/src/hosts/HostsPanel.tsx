import { forwardRef, useCallback, useDeferredValue, useEffect, useImperativeHandle, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { Host } from '../../../shared/contract/inventory';
import { parseFilter } from '../model/filter-query';
import { HostSearch } from '../model/host-search';
import { allGroups, buildHostTree, onlyHost, sortGroup, visibleRows, type RowList } from '../model/host-tree';
import { HostDetail } from './HostDetail';
import { HostTree } from './HostTree';
import type { TreeHealth } from './use-tree-health';
import { ContextMenu, type MenuItem } from '../ui';
import { requestAccess } from '../access';
import { chooseBatchHosts } from '../batch';
import { namesSelector, nodeSelector } from '../model/batch-selection';
import { MAX_SPLIT_PANES, planSplit, type SplitPlan } from '../model/host-selection';
import { UNGROUPED_LABEL } from '../model/host-tree';

export type OpenWhere = 'tab' | 'right' | 'down';

interface Props {
  hosts: Host[] | null;
  /** `hosts` is the list's head (the tree's first screenful); the whole list is on its way. */
  partial: boolean;
  error: string | null;
  loading: boolean;
  refresh: () => void;
  connected: boolean;
  onOpen: (host: string, login: string, where: OpenWhere) => void;
  /** Opens these login@host in one new tab of split panes. */
  onOpenSplit: (targets: SplitPlan['open']) => void;
  /** Starred host names (the profile's favourites). */
  favourites: readonly string[];
  onStar: (host: string, starred: boolean) => void;
  /** Health dots for the rows on screen (null: off). */
  health: TreeHealth | null;
}

export interface HostsPanelHandle {
  focusFilter(): void;
}

export const HostsPanel = forwardRef<HostsPanelHandle, Props>(function HostsPanel({ hosts, partial, error, loading, refresh, connected, onOpen, onOpenSplit, favourites, onStar, health }, ref) {
  const { t } = useTranslation('hosts');
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const [focusedKey, setFocusedKey] = useState<string | null>(null);
  // The login last chosen per host (first one by default).
  const [chosenLogins, setChosenLogins] = useState<ReadonlyMap<string, string>>(() => new Map());
  const [menu, setMenu] = useState<{ host: Host; x: number; y: number; only?: 'logins' } | null>(null);
  const [groupMenu, setGroupMenu] = useState<{ path: string[]; x: number; y: number } | null>(null);
  // Several hosts chosen (names): a set of its own, so rows only read whether theirs is in it.
  const [selection, setSelection] = useState<ReadonlySet<string>>(() => new Set());
  // What the last "Open N hosts in split panes" could not open.
  const [splitNote, setSplitNote] = useState<SplitPlan | null>(null);
  const filterRef = useRef<HTMLInputElement>(null);
  const starred = useMemo(() => new Set(favourites), [favourites]);
  useImperativeHandle(ref, () => ({ focusFilter: () => filterRef.current?.select() }), []);

  const parsed = useMemo(() => parseFilter(deferredQuery), [deferredQuery]);
  // The tree is built once per host list (one pass, groups sorted as they are shown); a filter
  // only decides which of its rows show. Host ids (list positions) are shared by tree and search.
  const tree = useMemo(() => buildHostTree(hosts ?? []), [hosts]);
  const search = useMemo(() => new HostSearch(hosts ?? []), [hosts]);
  const filtering = parsed.terms.length > 0;
  // A filter over the head alone would miss most matches: it waits for the whole list.
  const filterWaits = filtering && partial;
  // After the first paint, while the user is not typing yet: sort every group and index the
  // hosts for filtering, a slice per idle moment (a filter typed earlier finishes the index itself).
  useEffect(() => {
    const groups = allGroups(tree);
    let next = 0;
    let handle = 0;
    const step = (deadline: IdleDeadline) => {
      let done = false;
      while (!done && deadline.timeRemaining() > 2) {
        if (next < groups.length) for (const end = Math.min(groups.length, next + 50); next < end; next++) sortGroup(groups[next]!);
        else done = search.indexSome(1000);
      }
      if (!done) handle = requestIdleCallback(step);
    };
    handle = requestIdleCallback(step);
    return () => cancelIdleCallback(handle);
  }, [tree, search]);
  const matches = useMemo(() => (filtering && !partial ? search.match(parsed) : null), [search, filtering, partial, parsed]);
  const rows = useMemo(() => visibleRows(tree, collapsed, matches && ((_, id) => matches.bits[id] === 1)), [tree, collapsed, matches]);

  // Performance marks for bench/tree-50k.ts: the first rows (the head's, or the whole list's), the
  // whole list's rows, and each filter's rows, on screen.
  const firstPaintDone = useRef(false);
  const completePaintDone = useRef(false);
  const paintMarks: string[] = [];
  if (rows.length && !firstPaintDone.current) paintMarks.push('portcullis:tree-first-paint');
  if (rows.length && !partial && !completePaintDone.current) paintMarks.push('portcullis:tree-complete-paint');
  if (!paintMarks.length && deferredQuery === query && query && !filterWaits) paintMarks.push(`portcullis:filter-painted:${query}`);
  useEffect(() => {
    if (rows.length) firstPaintDone.current = true;
    if (rows.length && !partial) completePaintDone.current = true;
  }, [rows, partial]);
  const paintMarksKey = paintMarks.join('\n');
  useLayoutEffect(() => {
    if (!paintMarksKey) return;
    // After the commit, the next frame is when these rows are on screen.
    const frame = requestAnimationFrame(() => {
      for (const mark of paintMarksKey.split('\n')) performance.mark(mark, { detail: { rows: rows.length } });
    });
    return () => cancelAnimationFrame(frame);
  }, [paintMarksKey, rows]);

  const toggle = useCallback((key: string) => {
    setCollapsed((prev) => {
      const next = new Set(prev);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  }, []);

  const openAs = useCallback(
    (host: Host, login: string, where: OpenWhere) => {
      setChosenLogins((prev) => new Map(prev).set(host.name, login));
      onOpen(host.name, login, where);
    },
    [onOpen],
  );
  const open = useCallback(
    (host: Host) => {
      const chosen = chosenLogins.get(host.name);
      if (chosen || host.logins.length === 1) return openAs(host, chosen ?? host.logins[0]!, 'tab');
      if (host.logins.length > 1) {
        // Several accounts: ask which one, next to the row.
        const rowEl = document.querySelector(`[data-testid="host-row"][data-host="${CSS.escape(host.name)}"]`)?.getBoundingClientRect();
        setMenu({ host, x: rowEl ? rowEl.left + 60 : 120, y: rowEl ? rowEl.bottom : 120, only: 'logins' });
      }
    },
    [chosenLogins, openAs],
  );

  const openSelectionSplit = () => {
    const plan = planSplit((hosts ?? []).filter((h) => selection.has(h.name)), (name) => chosenLogins.get(name));
    onOpenSplit(plan.open);
    setSplitNote(plan.leftOut.length || plan.noLogin.length ? plan : null);
  };
  /** With several hosts selected, a selected host's menu acts on all of them first. */
  const selectionItems = (host: Host): MenuItem[] => {
    if (selection.size < 2 || !selection.has(host.name)) return [];
    const count = selection.size;
    return [
      { label: t('menu.runBatchSelection', { count }), onSelect: () => chooseBatchHosts(namesSelector([...selection])) },
      { label: t('menu.openSplitSelection', { count }), onSelect: openSelectionSplit },
      { separator: true, label: '' },
    ];
  };

  const menuItems = (host: Host, only?: 'logins'): MenuItem[] => {
    const items: MenuItem[] = host.logins.map((login) => ({ label: t('menu.openAs', { login }), onSelect: () => openAs(host, login, 'tab') }));
    if (only) return items;
    items.unshift(...selectionItems(host));
    const login = chosenLogins.get(host.name) ?? host.logins[0];
    if (login) {
      items.push({ separator: true, label: '' });
      items.push({ label: t('menu.openRight', { target: `${login}@${host.name}` }), onSelect: () => openAs(host, login, 'right') });
      items.push({ label: t('menu.openDown', { target: `${login}@${host.name}` }), onSelect: () => openAs(host, login, 'down') });
    }
    items.push({ separator: true, label: '' });
    const isStarred = starred.has(host.name);
    items.push({ label: t(isStarred ? 'menu.unstar' : 'menu.star'), onSelect: () => onStar(host.name, !isStarred) });
    items.push({ label: t('menu.runBatchHost'), onSelect: () => chooseBatchHosts(host.name) });
    items.push({ label: t('menu.requestAccess'), onSelect: () => requestAccess({ hosts: host.name, login }) });
    items.push({ label: t('menu.copyAddress'), onSelect: () => void navigator.clipboard?.writeText(host.address).catch(() => {}) });
    return items;
  };

  const onlyMatch = (): Host | null => {
    const typed = parseFilter(query);
    if (!typed.terms.length || partial) return null;
    const found = search.match(typed);
    return onlyHost(visibleRows(tree, collapsed, (_, id) => found.bits[id] === 1));
  };

  const focusedIndex = focusedKey === null ? -1 : rows.indexOf(focusedKey);
  const focusedRow = focusedIndex >= 0 ? rows.at(focusedIndex) : undefined;
  const total = hosts?.length ?? 0;
  return (
    <section className="hosts-panel" aria-label={t('title')}>
      <div className="section-title">
        <span>{t('title')}</span>
        <span className="section-count" data-testid="host-count">
          {partial ? '…' : filtering ? `${rows.hostCount} / ${total}` : total || ''}
        </span>
        {selection.size > 0 && (
          <span className="selection-count" data-testid="host-selection-count">
            {t('selection.count', { count: selection.size })}
            <button type="button" className="icon-button pane-button" title={t('selection.clear')} aria-label={t('selection.clear')} data-testid="host-selection-clear" onClick={() => setSelection(new Set())}>
              ×
            </button>
          </span>
        )}
        <button type="button" className="icon-button" title={t('reload')} onClick={refresh} disabled={!connected || loading}>
          ↻
        </button>
      </div>
      <div className="filter">
        <input
          ref={filterRef}
          type="search"
          className="filter-input"
          placeholder={t('filter.placeholder')}
          aria-label={t('actions.filter.focus')}
          data-testid="host-filter"
          spellCheck={false}
          value={query}
          onChange={(e) => {
            performance.mark(`portcullis:filter-input:${e.target.value}`);
            setQuery(e.target.value);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              setQuery('');
            } else if (e.key === 'ArrowDown' || e.key === 'Enter') {
              e.preventDefault();
              // Exactly one host matches what is typed (not a deferred render of it): Enter opens it.
              const single = e.key === 'Enter' ? onlyMatch() : null;
              if (single) open(single);
              else document.querySelector<HTMLElement>('[data-testid="host-tree"]')?.focus();
            }
          }}
        />
      </div>
      {/* The tree's place keeps its height whatever it holds (rows, a no-match message), so the
          panels below never move while filtering. */}
      <div className="tree-slot" data-testid="tree-slot">
        {error && (
          <div className="panel-message panel-error" role="alert">
            {t('loadFailed', { error })}
          </div>
        )}
        {!error && hosts === null && <div className="panel-message">{connected || loading ? t('loading') : t('connectFirst')}</div>}
        {hosts !== null && total === 0 && <div className="panel-message">{t('noneGranted')}</div>}
        {filterWaits && (
          <div className="panel-message">{loading ? t('filter.loadingAll') : t('filter.onlyHead')}</div>
        )}
        {hosts !== null && total > 0 && rows.length === 0 && !filterWaits && (
          <div className="panel-message">
            <Trans t={t} i18nKey="filter.noMatch" values={{ query: deferredQuery }} components={{ kbd: <kbd /> }} />
          </div>
        )}
        {rows.length > 0 && !filterWaits && (
          <HostTree
            rows={rows}
            focusedKey={focusedKey}
            onFocusKey={setFocusedKey}
            onFocusTree={() => setFocusedKey((prev) => (prev !== null && rows.indexOf(prev) >= 0 ? prev : firstHostKey(rows)))}
            chosenLogins={chosenLogins}
            highlights={parsed.highlights}
            tagHighlights={parsed.tagHighlights}
            onToggle={toggle}
            selection={selection}
            onSelection={setSelection}
            onOpen={open}
            onContextMenu={(host, x, y) => setMenu({ host, x, y })}
            favourites={starred}
            onStar={onStar}
            onGroupContextMenu={(key, x, y) => {
              const path = JSON.parse(key) as string[];
              // Hosts outside the tree have no node to name.
              if (path.length && !(path.length === 1 && path[0] === UNGROUPED_LABEL)) setGroupMenu({ path, x, y });
            }}
            stale={!connected}
            countsKnown={!partial}
            health={health}
          />
        )}
      </div>
      {splitNote && (
        <div className="panel-message split-note" role="status" data-testid="host-split-note">
          {splitNote.leftOut.length > 0 && <p>{t('selection.leftOut', { count: splitNote.leftOut.length, limit: MAX_SPLIT_PANES, hosts: splitNote.leftOut.join(', ') })}</p>}
          {splitNote.noLogin.length > 0 && <p>{t('selection.noLogin', { count: splitNote.noLogin.length, hosts: splitNote.noLogin.join(', ') })}</p>}
          <button type="button" className="icon-button pane-button" aria-label={t('selection.dismiss')} title={t('selection.dismiss')} onClick={() => setSplitNote(null)}>
            ×
          </button>
        </div>
      )}
      {/* Always there once hosts are, so selecting a row never changes the tree's height under the pointer. */}
      {focusedRow?.kind === 'host' ? (
        <HostDetail host={focusedRow.host} />
      ) : (
        total > 0 && <div className="host-detail host-detail-empty muted">{t('detail.empty')}</div>
      )}
      {menu && <ContextMenu x={menu.x} y={menu.y} title={menu.only ? t('menu.logInAs', { host: menu.host.name }) : menu.host.name} items={menuItems(menu.host, menu.only)} onClose={() => setMenu(null)} />}
      {groupMenu && (
        <ContextMenu
          x={groupMenu.x}
          y={groupMenu.y}
          title={groupMenu.path.join(' › ')}
          items={[
            { label: t('menu.runBatchGroup'), onSelect: () => chooseBatchHosts(nodeSelector(groupMenu.path)) },
            { label: t('menu.requestAccess'), onSelect: () => requestAccess({ hosts: nodeSelector(groupMenu.path) }) },
          ]}
          onClose={() => setGroupMenu(null)}
        />
      )}
    </section>
  );
});

function firstHostKey(rows: RowList): string {
  for (let i = 0; i < Math.min(rows.length, 200); i++) {
    const row = rows.at(i);
    if (row.kind === 'host') return row.key;
  }
  return rows.at(0).key;
}

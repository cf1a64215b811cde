// One tab's split panes: nested react-resizable-panels groups; leaves are terminals or placeholders.
// A pane's header drags onto another pane's edge (or a tab does) to rearrange.
import { useEffect, useRef, useState, useSyncExternalStore, type DragEvent } from 'react';
import type { TFunction } from 'i18next';
import { Trans, useTranslation } from 'react-i18next';
import { Group, Panel, Separator } from 'react-resizable-panels';
import type { PaneNode } from '../../../shared/contract/layout';
import { requestAccess } from '../access';
import type { Edge } from '../model/pane-tree';
import type { PaneView, SessionsStore } from './sessions-store';
import { TerminalPane } from './TerminalPane';
import { FindBar } from './FindBar';
import { PaneMenu, type PaneCommands } from './PaneMenu';

export const PANE_MIME = 'application/x-portcullis-pane';
export const TAB_MIME = 'application/x-portcullis-tab';

interface Props {
  tabKey: string;
  node: PaneNode;
  store: SessionsStore;
  panes: ReadonlyMap<string, PaneView>;
  focusedPane: string;
  visible: boolean;
  single: boolean;
  /** What the pane's context menu runs. */
  commands: PaneCommands;
}

export function PaneTree(props: Props) {
  const { node, store, tabKey } = props;
  if (node.kind === 'terminal') return <PaneLeaf {...props} paneId={node.id} />;
  const ids = node.children.map((c) => c.id);
  return (
    <Group
      // A new set of children is a new group: its sizes come from the tree again.
      key={ids.join('|')}
      orientation={node.direction === 'row' ? 'horizontal' : 'vertical'}
      className="pane-group"
      onLayoutChanged={(layout) => store.resize(tabKey, node.id, ids.map((id) => layout[id] ?? 0))}
    >
      {node.children.map((child, i) => [
        i > 0 && <Separator key={`sep-${child.id}`} className={`pane-separator pane-separator-${node.direction}`} />,
        <Panel key={child.id} id={child.id} defaultSize={`${(node.sizes[i]! * 100).toFixed(3)}%`} minSize="8%">
          <PaneTree {...props} node={child} single={false} />
        </Panel>,
      ])}
    </Group>
  );
}

function edgeAt(e: DragEvent<HTMLElement>): Edge {
  const r = e.currentTarget.getBoundingClientRect();
  const x = (e.clientX - r.left) / r.width;
  const y = (e.clientY - r.top) / r.height;
  const distances: Array<[Edge, number]> = [
    ['left', x],
    ['right', 1 - x],
    ['top', y],
    ['bottom', 1 - y],
  ];
  return distances.sort((a, b) => a[1] - b[1])[0]![0];
}

function PaneLeaf({ paneId, store, panes, focusedPane, visible, single, commands }: Props & { paneId: string }) {
  const view = panes.get(paneId);
  const { t } = useTranslation('terminal');
  const [dropEdge, setDropEdge] = useState<Edge | null>(null);
  const [finding, setFinding] = useState(false);
  const [menu, setMenu] = useState<{ x: number; y: number } | null>(null);
  const focused = paneId === focusedPane;
  const { members } = useSyncExternalStore(store.broadcast.subscribe, store.broadcast.getSnapshot);
  useEffect(() => {
    if (!focused || !visible) return;
    const open = () => setFinding(true);
    document.addEventListener('portcullis:find', open);
    return () => document.removeEventListener('portcullis:find', open);
  }, [focused, visible]);
  if (!view) return null;
  const session = store.session(paneId);
  // A member that is not live is skipped (nothing is sent to it), and says so.
  const broadcast = !members.has(paneId) ? 'off' : view.status === 'live' ? 'on' : 'skipped';
  const accepts = (e: DragEvent) => e.dataTransfer.types.includes(PANE_MIME) || e.dataTransfer.types.includes(TAB_MIME);
  return (
    <div
      className={`pane${focused && !single ? ' pane-focused' : ''} pane-${view.status}${broadcast === 'off' ? '' : ` pane-broadcast pane-broadcast-${broadcast}`}`}
      data-testid="pane"
      data-pane-id={paneId}
      data-host={view.host}
      data-status={view.status}
      data-focused={focused}
      data-broadcast={broadcast}
      onMouseDown={() => store.focusPane(paneId)}
      onDragOver={(e) => {
        if (!accepts(e)) return;
        e.preventDefault();
        setDropEdge(edgeAt(e));
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node)) setDropEdge(null);
      }}
      onDrop={(e) => {
        setDropEdge(null);
        const edge = edgeAt(e);
        const pane = e.dataTransfer.getData(PANE_MIME);
        const tab = e.dataTransfer.getData(TAB_MIME);
        e.preventDefault();
        if (pane) store.dropPane(pane, paneId, edge);
        else if (tab) store.dropTab(tab, paneId, edge);
      }}
    >
      <div
        className="pane-header"
        draggable
        title={t('pane.dragHint')}
        onDragStart={(e) => {
          e.dataTransfer.setData(PANE_MIME, paneId);
          e.dataTransfer.effectAllowed = 'move';
        }}
      >
        <span className={`dot dot-${view.refused ? 'lost' : view.status}`} aria-hidden="true" />
        <span className="pane-title">{view.title}</span>
        <span className={`pane-state${view.refused ? ' pane-state-refused' : ''}`} data-testid="pane-state">{paneStateLabel(view, t)}</span>
        {broadcast !== 'off' && (
          <span className={`broadcast-badge broadcast-badge-${broadcast}`} data-testid="broadcast-badge" title={t('broadcast.badgeTitle')}>
            {t(broadcast === 'on' ? 'broadcast.badge' : 'broadcast.skipped')}
          </span>
        )}
        <span className="spacer" />
        <button type="button" className="icon-button pane-button" title={t('pane.splitRightTitle')} aria-label={t('actions.pane.splitRight')} onClick={() => (store.focusPane(paneId), store.splitFocused('right'))}>
          ◫
        </button>
        <button type="button" className="icon-button pane-button" title={t('pane.splitDownTitle')} aria-label={t('actions.pane.splitDown')} onClick={() => (store.focusPane(paneId), store.splitFocused('bottom'))}>
          ⊟
        </button>
        <button type="button" className="icon-button pane-button" title={t('pane.closeTitle')} aria-label={t('actions.pane.close')} data-testid="pane-close" onClick={() => store.closePane(paneId)}>
          ×
        </button>
      </div>
      <div
        className="pane-body"
        onContextMenu={(e) => {
          if (!session) return;
          e.preventDefault();
          store.focusPane(paneId);
          setMenu({ x: e.clientX, y: e.clientY });
        }}
      >
        {session ? (
          <TerminalPane session={session} terminalId={view.terminalId} visible={visible} focused={focused} />
        ) : view.status === 'connecting' ? (
          <div className="terminal-pane" /> // the terminal code is still loading (SessionsStore)
        ) : (
          <Placeholder view={view} focused={focused && visible} onOpen={() => store.reopen(paneId)} />
        )}
        {session && (view.status === 'closed' || view.status === 'lost') && (
          <button type="button" className={`pane-reopen${view.refused ? ' pane-reopen-refused' : ''}`} data-testid="pane-reopen" onClick={() => store.reopen(paneId)}>
            {view.status === 'lost' ? t('pane.lost') : view.refused ? t('pane.refused') : t('pane.ended')} <Trans t={t} i18nKey="pane.pressEnter" components={{ kbd: <kbd /> }} />
          </button>
        )}
        {session && view.refusal === 'not_permitted' && (
          <button type="button" className="button pane-request-access" data-testid="pane-request-access" onClick={() => requestAccess({ hosts: view.host, login: view.login })}>
            {t('pane.requestAccess')}
          </button>
        )}
        {finding && session && <FindBar session={session} onClose={() => setFinding(false)} />}
        {dropEdge && <div className={`drop-indicator drop-${dropEdge}`} />}
      </div>
      {menu && session && (
        <PaneMenu
          x={menu.x}
          y={menu.y}
          title={view.title}
          commands={commands}
          onClose={() => {
            setMenu(null);
            session.focus();
          }}
        />
      )}
    </div>
  );
}

function paneStateLabel(view: PaneView, t: TFunction<'terminal'>): string {
  switch (view.status) {
    case 'connecting':
      return t('status.connectingNow');
    case 'live':
      return '';
    case 'closed':
    case 'lost':
      return view.message ?? '';
    default:
      return t(`status.${view.status}`);
  }
}

/** A pane restored from the saved layout: it opens only when the user asks. */
function Placeholder({ view, focused, onOpen }: { view: PaneView; focused: boolean; onOpen: () => void }) {
  const ref = useRef<HTMLButtonElement>(null);
  // Takes the keyboard when it becomes the focused pane (so Enter reconnects it), not on every render.
  useEffect(() => {
    if (focused && !document.querySelector('[aria-modal]')) ref.current?.focus({ preventScroll: true });
  }, [focused]);
  const { t } = useTranslation('terminal');
  return (
    <div className="placeholder" data-testid="pane-placeholder">
      <button type="button" className="placeholder-button" ref={ref} onClick={onOpen}>
        <span className="placeholder-host">{view.title}</span>{' '}
        <span className="placeholder-hint">
          <Trans t={t} i18nKey="pane.pressEnter" components={{ kbd: <kbd /> }} />
        </span>
      </button>
    </div>
  );
}

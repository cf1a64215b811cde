// The workbench: the sidebar and the main area, side by side. The sidebar is resized by dragging
// its edge, collapsed by dragging it past its minimum or by the toggle action, and its width and
// state are restored at start (view.get) and saved when they change (view.save).
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Group, Panel, Separator, type PanelImperativeHandle, type PanelSize } from 'react-resizable-panels';
import type { ViewState } from '../../../shared/contract/view-state';
import { DEFAULT_VIEW_STATE, SIDEBAR_WIDTH } from '../../../shared/contract/view-state-defaults';
import type { PortcullisApi } from '../../../shared/contract/window';

/** Document event the `view.toggleSidebar` action sends. */
export const TOGGLE_SIDEBAR = 'portcullis:toggle-sidebar';
const SAVE_DELAY_MS = 400;

export function Workbench({ api, sidebar, main }: { api: PortcullisApi; sidebar: ReactNode; main: ReactNode }) {
  const { t } = useTranslation('shell');
  const panel = useRef<PanelImperativeHandle | null>(null);
  const [collapsed, setCollapsed] = useState(false);
  const saved = useRef<ViewState | null>(null); // null until the saved state is applied: nothing is saved before
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    let alive = true;
    api
      .request('view.get', {})
      .catch(() => DEFAULT_VIEW_STATE) // an older main side keeps none
      .then((view) => {
        if (!alive) return;
        panel.current?.resize(view.sidebar.width);
        if (view.sidebar.collapsed) panel.current?.collapse();
        saved.current = view;
      });
    const toggle = () => (panel.current?.isCollapsed() ? panel.current.expand() : panel.current?.collapse());
    document.addEventListener(TOGGLE_SIDEBAR, toggle);
    return () => {
      alive = false;
      clearTimeout(timer.current);
      document.removeEventListener(TOGGLE_SIDEBAR, toggle);
    };
  }, [api]);

  const onResize = (size: PanelSize) => {
    const isCollapsed = size.inPixels < SIDEBAR_WIDTH.min / 2;
    setCollapsed(isCollapsed);
    const last = saved.current;
    if (!last) return;
    // Collapsed, it keeps the width it had open.
    const width = isCollapsed ? last.sidebar.width : Math.round(Math.min(SIDEBAR_WIDTH.max, Math.max(SIDEBAR_WIDTH.min, size.inPixels)));
    const next: ViewState = { sidebar: { width, collapsed: isCollapsed } };
    if (JSON.stringify(next) === JSON.stringify(last)) return;
    saved.current = next;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      api.request('view.save', { view: next }).catch((e: unknown) => console.warn('portcullis: the sidebar width was not saved:', e));
    }, SAVE_DELAY_MS);
  };

  return (
    <Group orientation="horizontal" className="workbench">
      <Panel
        id="sidebar-panel"
        panelRef={panel}
        defaultSize={SIDEBAR_WIDTH.default}
        minSize={SIDEBAR_WIDTH.min}
        maxSize={SIDEBAR_WIDTH.max}
        collapsible
        collapsedSize={0}
        groupResizeBehavior="preserve-pixel-size" // a smaller window narrows the terminals, not the tree
        onResize={onResize}
      >
        {/* Kept mounted when collapsed: the filter and the tree's state survive a toggle. */}
        <aside className="sidebar" data-testid="sidebar" hidden={collapsed}>
          {sidebar}
        </aside>
      </Panel>
      <Separator className="sidebar-separator" aria-label={t('sidebar.resize')} title={t('sidebar.resizeHint')} data-testid="sidebar-separator" />
      <Panel id="main" className="workbench-main" minSize={240}>
        {main}
      </Panel>
    </Group>
  );
}

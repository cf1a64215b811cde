// The tab strip: one tab per workspace tab, renamed in place (double-click), a context menu per tab,
// and, when the tabs overflow, a scrolling strip that keeps the active tab in view plus a list of
// every tab (the ⌄ button).
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ContextMenu, type MenuItem } from '../ui';
import type { TabView } from './sessions-store';
import { TAB_MIME } from './PaneTree';

/** Document events the palette's tab actions send to the strip (it owns the rename field and the list). */
export const TAB_BAR_EVENTS = { rename: 'portcullis:tab-rename', list: 'portcullis:tab-list' } as const;

interface Props {
  tabs: readonly TabView[];
  activeKey: string | null;
  onActivate: (key: string) => void;
  onClose: (key: string) => void;
  onRename: (key: string, title: string) => void;
  onDuplicate: (key: string) => void;
  onCloseOthers: (key: string) => void;
}

type Menu = { kind: 'tab'; key: string; x: number; y: number } | { kind: 'list'; x: number; y: number };

export function TabBar({ tabs, activeKey, onActivate, onClose, onRename, onDuplicate, onCloseOthers }: Props) {
  const { t } = useTranslation('terminal');
  const strip = useRef<HTMLDivElement>(null);
  const listButton = useRef<HTMLButtonElement>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [menu, setMenu] = useState<Menu | null>(null);

  // The active tab always in view, however many tabs there are.
  useLayoutEffect(() => {
    if (!activeKey) return;
    strip.current?.querySelector(`[data-tab-key="${CSS.escape(activeKey)}"]`)?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
  }, [activeKey, tabs.length]);

  useEffect(() => {
    const rename = () => activeKey && setEditing(activeKey);
    const list = () => {
      const r = listButton.current?.getBoundingClientRect();
      setMenu({ kind: 'list', x: r ? r.right - 240 : 200, y: r ? r.bottom : 40 });
    };
    document.addEventListener(TAB_BAR_EVENTS.rename, rename);
    document.addEventListener(TAB_BAR_EVENTS.list, list);
    return () => {
      document.removeEventListener(TAB_BAR_EVENTS.rename, rename);
      document.removeEventListener(TAB_BAR_EVENTS.list, list);
    };
  }, [activeKey]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (editing || (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight')) return;
    const index = tabs.findIndex((t) => t.key === activeKey);
    const next = tabs[(index + (event.key === 'ArrowRight' ? 1 : -1) + tabs.length) % tabs.length];
    if (!next) return;
    event.preventDefault();
    onActivate(next.key);
    (event.currentTarget.querySelector(`[data-tab-key="${CSS.escape(next.key)}"]`) as HTMLElement | null)?.focus();
  };

  const menuItems = (m: Menu): MenuItem[] => {
    if (m.kind === 'list') return tabs.map((tab) => ({ label: `${tab.key === activeKey ? '● ' : ''}${tab.title}`, onSelect: () => onActivate(tab.key) }));
    const key = m.key;
    return [
      { label: t('tabs.rename'), onSelect: () => setEditing(key) },
      { label: t('tabs.duplicate'), onSelect: () => onDuplicate(key) },
      { separator: true, label: '' },
      { label: t('tabs.closeItem'), onSelect: () => onClose(key) },
      ...(tabs.length > 1 ? [{ label: t('tabs.closeOthers'), onSelect: () => onCloseOthers(key) }] : []),
    ];
  };

  return (
    <div className="tab-strip">
      <div
        ref={strip}
        className="tab-bar"
        role="tablist"
        aria-label={t('tabs.label')}
        onKeyDown={onKeyDown}
        onWheel={(e) => {
          // A mouse wheel scrolls the strip sideways.
          if (e.deltaY && !e.deltaX) e.currentTarget.scrollLeft += e.deltaY;
        }}
      >
        {tabs.map((tab) => {
          const active = tab.key === activeKey;
          const tooltip = `${tab.title} — ${t(`status.${tab.status}`)}${tab.message ? `\n${tab.message}` : ''}\n${t('tabs.renameHint')}\n${t('tabs.dragHint')}`;
          return (
            <div
              key={tab.key}
              className={`tab${active ? ' tab-active' : ''} tab-${tab.status}`}
              role="tab"
              aria-selected={active}
              tabIndex={active ? 0 : -1}
              title={tooltip}
              draggable={editing !== tab.key}
              data-testid="tab"
              data-tab-key={tab.key}
              data-terminal-id={tab.terminalId ?? ''}
              data-status={tab.status}
              onDragStart={(e) => {
                e.dataTransfer.setData(TAB_MIME, tab.key);
                e.dataTransfer.effectAllowed = 'move';
              }}
              onMouseDown={(e) => {
                if (e.button === 1) {
                  e.preventDefault(); // middle click closes, as in browsers
                  onClose(tab.key);
                }
              }}
              onClick={() => onActivate(tab.key)}
              onDoubleClick={() => setEditing(tab.key)}
              onContextMenu={(e) => {
                e.preventDefault();
                onActivate(tab.key);
                setMenu({ kind: 'tab', key: tab.key, x: e.clientX, y: e.clientY });
              }}
            >
              <span className={`dot dot-${tab.status}`} aria-label={t(`status.${tab.status}`)} role="img" />
              {editing === tab.key ? (
                <TabTitleField
                  initial={tab.renamed ? tab.title : ''}
                  placeholder={tab.title}
                  label={t('tabs.renameLabel')}
                  onDone={(title) => {
                    setEditing(null);
                    if (title !== null) onRename(tab.key, title);
                  }}
                />
              ) : (
                <span className="tab-title" data-testid="tab-title">
                  {tab.title}
                </span>
              )}
              <button
                type="button"
                className="tab-close"
                data-testid="tab-close"
                aria-label={t('tabs.close', { title: tab.title })}
                title={t('tabs.closeTitle')}
                tabIndex={-1}
                onClick={(e) => {
                  e.stopPropagation();
                  onClose(tab.key);
                }}
              >
                ×
              </button>
            </div>
          );
        })}
      </div>
      <button
        ref={listButton}
        type="button"
        className="tab-list-button"
        data-testid="tab-list"
        aria-haspopup="menu"
        aria-label={t('tabs.list', { total: tabs.length })}
        title={t('tabs.list', { total: tabs.length })}
        onClick={(e) => {
          const r = e.currentTarget.getBoundingClientRect();
          setMenu({ kind: 'list', x: r.right - 240, y: r.bottom });
        }}
      >
        ⌄
      </button>
      {menu && (
        <ContextMenu
          x={menu.x}
          y={menu.y}
          title={menu.kind === 'list' ? t('tabs.list', { total: tabs.length }) : tabs.find((tab) => tab.key === menu.key)?.title}
          items={menuItems(menu)}
          onClose={() => setMenu(null)}
        />
      )}
    </div>
  );
}

/** The rename field: Enter saves, Escape cancels, leaving it saves; empty gives the host's name back. */
function TabTitleField({ initial, placeholder, label, onDone }: { initial: string; placeholder: string; label: string; onDone: (title: string | null) => void }) {
  const [value, setValue] = useState(initial || placeholder);
  const done = useRef(false);
  const finish = (title: string | null) => {
    if (done.current) return;
    done.current = true;
    onDone(title);
  };
  return (
    <input
      className="tab-title-input"
      data-testid="tab-rename"
      aria-label={label}
      placeholder={placeholder}
      value={value}
      maxLength={200}
      spellCheck={false}
      autoFocus
      onFocus={(e) => e.currentTarget.select()}
      onChange={(e) => setValue(e.target.value)}
      onClick={(e) => e.stopPropagation()}
      onDoubleClick={(e) => e.stopPropagation()}
      onKeyDown={(e) => {
        e.stopPropagation(); // arrows move the caret, not the active tab
        if (e.key === 'Enter') finish(value === placeholder && !initial ? '' : value);
        else if (e.key === 'Escape') finish(null);
      }}
      onBlur={() => finish(value === placeholder && !initial ? '' : value)}
    />
  );
}

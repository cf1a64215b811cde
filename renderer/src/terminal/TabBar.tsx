import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TabView } from './sessions-store';
import { TAB_MIME } from './PaneTree';

interface Props {
  tabs: readonly TabView[];
  activeKey: string | null;
  onActivate: (key: string) => void;
  onClose: (key: string) => void;
}

export function TabBar({ tabs, activeKey, onActivate, onClose }: Props) {
  const { t } = useTranslation('terminal');
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    const index = tabs.findIndex((t) => t.key === activeKey);
    const next = tabs[(index + (event.key === 'ArrowRight' ? 1 : -1) + tabs.length) % tabs.length];
    if (!next) return;
    event.preventDefault();
    onActivate(next.key);
    (event.currentTarget.querySelector(`[data-tab-key="${CSS.escape(next.key)}"]`) as HTMLElement | null)?.focus();
  };
  return (
    <div className="tab-bar" role="tablist" aria-label={t('tabs.label')} onKeyDown={onKeyDown}>
      {tabs.map((tab) => {
        const active = tab.key === activeKey;
        const tooltip = `${tab.title} — ${t(`status.${tab.status}`)}${tab.message ? `\n${tab.message}` : ''}\n${t('tabs.dragHint')}`;
        return (
          <div
            key={tab.key}
            className={`tab${active ? ' tab-active' : ''} tab-${tab.status}`}
            role="tab"
            aria-selected={active}
            tabIndex={active ? 0 : -1}
            title={tooltip}
            draggable
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
          >
            <span className={`dot dot-${tab.status}`} aria-label={t(`status.${tab.status}`)} role="img" />
            <span className="tab-title">{tab.title}</span>
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
  );
}

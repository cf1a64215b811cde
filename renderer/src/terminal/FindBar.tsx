// Find in the focused terminal's scrollback (Ctrl+Shift+F): Enter next, Shift+Enter previous, Esc closes.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TerminalSession } from './session';

export function FindBar({ session, onClose }: { session: TerminalSession; onClose: () => void }) {
  const { t } = useTranslation('terminal');
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<boolean | null>(null);
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const find = (backwards: boolean) => {
    if (!query) return;
    const opts = { decorations: { matchOverviewRuler: '#e5c07b', activeMatchColorOverviewRuler: '#6ea8fe', matchBackground: '#5c4a1e', activeMatchBackground: '#2f5a9e' } };
    setFound(backwards ? session.search.findPrevious(query, opts) : session.search.findNext(query, opts));
  };
  return (
    <div className="find-bar" role="search" data-testid="find-bar" onKeyDown={(e) => e.stopPropagation()}>
      <input
        ref={ref}
        className="text-input"
        placeholder={t('find.placeholder')}
        aria-label={t('find.placeholder')}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setFound(null);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            find(e.shiftKey);
          } else if (e.key === 'Escape') {
            e.preventDefault();
            session.search.clearDecorations();
            onClose();
            session.focus();
          }
        }}
      />
      <span className="find-state">{found === false ? t('find.notFound') : ''}</span>
      <button type="button" className="icon-button pane-button" aria-label={t('find.previous')} onClick={() => find(true)}>
        ↑
      </button>
      <button type="button" className="icon-button pane-button" aria-label={t('find.next')} onClick={() => find(false)}>
        ↓
      </button>
      <button
        type="button"
        className="icon-button pane-button"
        aria-label={t('find.close')}
        onClick={() => {
          session.search.clearDecorations();
          onClose();
        }}
      >
        ×
      </button>
    </div>
  );
}

// Find in the focused terminal's scrollback (Ctrl+Shift+F), as you type: each change of the query
// or a toggle starts again from the newest match, with every match highlighted and "3 of 17".
// Enter goes to the older match, Shift+Enter to the newer one, Esc closes.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ISearchOptions } from '@xterm/addon-search';
import { findStatus, isSearchable, type FindResults, type FindStatus, type FindToggles } from '../model/find-state';
import type { TerminalSession } from './session';

const DECORATIONS = { matchOverviewRuler: '#e5c07b', activeMatchColorOverviewRuler: '#6ea8fe', matchBackground: '#5c4a1e', activeMatchBackground: '#2f5a9e' };

export function FindBar({ session, onClose }: { session: TerminalSession; onClose: () => void }) {
  const { t } = useTranslation('terminal');
  const [query, setQuery] = useState('');
  const [toggles, setToggles] = useState<FindToggles>({ caseSensitive: false, regex: false });
  const [results, setResults] = useState<FindResults | null>(null);
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => ref.current?.focus(), []);
  useEffect(() => {
    const sub = session.search.onDidChangeResults((r) => setResults(r));
    return () => sub.dispose();
  }, [session]);

  const searchable = isSearchable(query, toggles);
  const options: ISearchOptions = { ...toggles, decorations: DECORATIONS };
  useEffect(() => {
    setResults(null);
    session.findFromNewest(searchable ? query : '', { ...toggles, decorations: DECORATIONS });
  }, [session, query, toggles, searchable]);

  const step = (older: boolean) => {
    if (!searchable) return;
    if (older) session.search.findPrevious(query, options);
    else session.search.findNext(query, options);
  };
  const close = (refocus: boolean) => {
    session.search.clearDecorations();
    onClose();
    if (refocus) session.focus();
  };
  const status = findStatus(query, toggles, results);
  return (
    <div className="find-bar" role="search" data-testid="find-bar" onKeyDown={(e) => e.stopPropagation()}>
      <input
        ref={ref}
        className="text-input"
        placeholder={t('find.placeholder')}
        aria-label={t('find.placeholder')}
        aria-invalid={status.kind === 'invalid'}
        data-testid="find-input"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            step(!e.shiftKey);
          } else if (e.key === 'Escape') {
            e.preventDefault();
            close(true);
          }
        }}
      />
      <Toggle label={t('find.caseSensitive')} pressed={toggles.caseSensitive} onToggle={() => setToggles({ ...toggles, caseSensitive: !toggles.caseSensitive })} testId="find-case">
        Aa
      </Toggle>
      <Toggle label={t('find.regex')} pressed={toggles.regex} onToggle={() => setToggles({ ...toggles, regex: !toggles.regex })} testId="find-regex">
        .*
      </Toggle>
      <span className={`find-state${status.kind === 'invalid' || status.kind === 'none' ? ' find-state-miss' : ''}`} data-testid="find-status" aria-live="polite">
        {statusText(status, t)}
      </span>
      <button type="button" className="icon-button pane-button" aria-label={t('find.previous')} title={t('find.previous')} onClick={() => step(true)}>
        ↑
      </button>
      <button type="button" className="icon-button pane-button" aria-label={t('find.next')} title={t('find.next')} onClick={() => step(false)}>
        ↓
      </button>
      <button type="button" className="icon-button pane-button" aria-label={t('find.close')} onClick={() => close(false)}>
        ×
      </button>
    </div>
  );
}

function Toggle({ label, pressed, onToggle, testId, children }: { label: string; pressed: boolean; onToggle: () => void; testId: string; children: string }) {
  return (
    <button type="button" className={`icon-button pane-button find-toggle${pressed ? ' find-toggle-on' : ''}`} aria-label={label} title={label} aria-pressed={pressed} data-testid={testId} onClick={onToggle}>
      {children}
    </button>
  );
}

function statusText(status: FindStatus, t: (key: string, values?: Record<string, unknown>) => string): string {
  switch (status.kind) {
    case 'idle':
      return '';
    case 'invalid':
      return t('find.invalid');
    case 'none':
      return t('find.none');
    case 'at':
      return t(status.more ? 'find.countMore' : 'find.count', { index: status.index, total: status.count });
  }
}

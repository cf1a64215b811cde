// Every command the reviewer may see, searched at the gateway (full text, each word a prefix).
// Enter or click opens the player a couple of seconds before it, its marker selected.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { ReviewCommandSchema } from '../../../shared/contract/gateway-api/review';
import type { PortcullisApi } from '../../../shared/contract/window';
import { absoluteTime } from '../model/time';
import { useLocale } from '../ui';
import { reviewStore } from './review-store';
import { usePagedList } from './use-paged-list';
import { plain } from './session-row-text';
import { LEAD_IN_S } from './timeline';

type Command = z.infer<typeof ReviewCommandSchema>;

export function CommandsView({ api }: { api: PortcullisApi }) {
  const { t } = useTranslation('review');
  const locale = useLocale();
  const [query, setQuery] = useState('');
  const open = (c: Command) =>
    reviewStore.play({ sessionId: c.sessionId, user: c.user, host: c.host, login: c.login, startedAt: c.at - c.t * 1000, command: null, at: Math.max(0, c.t - LEAD_IN_S), marker: c.id });
  const list = usePagedList<Command>(open);
  const { rows, next, loading, error, selected, onKeyDown } = list;
  const load = useCallback(
    (q: string, cursor?: string) =>
      list.load(async () => {
        const page = await api.request('review.commands.search', { query: q, limit: 100, cursor });
        return { rows: page.commands, next: page.next };
      }, !!cursor),
    [api, list.load], // list.load is stable (useCallback)
  );
  useEffect(() => void load(''), [load]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void load(query);
  };

  return (
    <div className="review-view" data-testid="review-commands">
      <form className="review-filters" onSubmit={submit}>
        <input className="review-query" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t('commands.query')} aria-label={t('commands.query')} data-testid="review-command-query" />
        <button type="submit">{t('filters.apply')}</button>
      </form>
      {error && <p className="review-error" role="alert">{error}</p>}
      <div className="review-table-wrap" tabIndex={0} onKeyDown={onKeyDown} role="grid" aria-label={t('commands.list')} data-testid="review-command-list">
        <table className="review-table">
          <thead>
            <tr>
              {(['when', 'who', 'target', 'session', 'command'] as const).map((c) => <th key={c}>{t(`columns.${c}`)}</th>)}
            </tr>
          </thead>
          <tbody>
            {rows.map((c, i) => (
              <tr key={c.id} className={i === selected ? 'selected' : undefined} aria-selected={i === selected} title={t('commands.open')} data-testid="review-command-row" onClick={() => open(c)}>
                <td>{absoluteTime(c.at, locale.language)}</td>
                <td>{plain(c.user)}</td>
                <td>{plain(`${c.login}@${c.host}`)}</td>
                <td className="review-id">{c.sessionId.slice(0, 8)}</td>
                <td className="review-command" title={plain(c.command)}>{plain(c.command)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {!loading && rows.length === 0 && <p className="review-empty">{t('commands.none')}</p>}
      </div>
      <div className="review-footer">
        {next && (
          <button type="button" disabled={loading} onClick={() => void load(query, next)}>
            {t('sessions.more')}
          </button>
        )}
      </div>
    </div>
  );
}

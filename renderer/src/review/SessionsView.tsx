// The sessions a reviewer may see, filtered at the gateway and paged with its keyset cursor; each row
// says who, where, from where, when, how long and how it ended. Enter or double-click plays it.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReviewSessionRow } from '../../../shared/contract/gateway-api/review';
import type { PortcullisApi } from '../../../shared/contract/window';
import { absoluteTime } from '../model/time';
import { useLocale } from '../ui';
import { ExportBar } from './ExportBar';
import { reviewStore, type PlayerTarget } from './review-store';
import { usePagedList } from './use-paged-list';
import { durationText, endText, plain } from './session-row-text';

type Filters = Record<'user' | 'host' | 'login' | 'from' | 'to' | 'status' | 'kind' | 'command' | 'sort', string>;
const EMPTY: Filters = { user: '', host: '', login: '', from: '', to: '', status: '', kind: '', command: '', sort: 'newest' };

/** The form's fields as search params: empty ones left out, times from the local datetime fields. */
function paramsOf(f: Filters) {
  const time = (v: string) => (v ? new Date(v).getTime() : undefined);
  const text = (v: string) => v.trim() || undefined;
  return {
    user: text(f.user),
    host: text(f.host),
    login: text(f.login),
    from: time(f.from),
    to: time(f.to),
    status: (f.status || undefined) as ReviewSessionRow['status'] | undefined,
    kind: (f.kind || undefined) as ReviewSessionRow['kind'] | undefined,
    command: text(f.command),
    sort: f.sort as 'newest' | 'oldest',
    limit: 50,
  };
}

export const targetOf = (row: Pick<ReviewSessionRow, 'id' | 'user' | 'host' | 'login' | 'startedAt' | 'command'>): PlayerTarget => ({
  sessionId: row.id,
  user: row.user,
  host: row.host,
  login: row.login,
  startedAt: row.startedAt,
  command: row.command,
});

export function SessionsView({ api }: { api: PortcullisApi }) {
  const { t } = useTranslation('review');
  const locale = useLocale();
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const play = (row: ReviewSessionRow) => row.recorded && reviewStore.play(targetOf(row));
  const list = usePagedList<ReviewSessionRow>(play);
  const { rows, next, loading, error, selected, setSelected, onKeyDown } = list;
  const load = useCallback(
    (f: Filters, cursor?: string) =>
      list.load(async () => {
        const page = await api.request('review.sessions.search', { ...paramsOf(f), cursor });
        return { rows: page.sessions, next: page.next };
      }, !!cursor),
    [api, list.load], // list.load is stable (useCallback)
  );
  useEffect(() => void load(EMPTY), [load]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void load(filters);
  };
  const field = (name: keyof Filters) => ({ value: filters[name], onChange: (e: { target: { value: string } }) => setFilters({ ...filters, [name]: e.target.value }) });
  const current = rows[selected];

  return (
    <div className="review-view" data-testid="review-sessions">
      <form className="review-filters" onSubmit={submit}>
        <label>{t('filters.user')}<input {...field('user')} data-testid="review-filter-user" /></label>
        <label>{t('filters.host')}<input {...field('host')} data-testid="review-filter-host" /></label>
        <label>{t('filters.login')}<input {...field('login')} /></label>
        <label>{t('filters.from')}<input type="datetime-local" {...field('from')} /></label>
        <label>{t('filters.to')}<input type="datetime-local" {...field('to')} /></label>
        <label>
          {t('filters.status')}
          <select {...field('status')}>
            <option value="">{t('filters.any')}</option>
            {(['live', 'ended', 'interrupted', 'refused'] as const).map((s) => <option key={s} value={s}>{t(`status.${s}`)}</option>)}
          </select>
        </label>
        <label>
          {t('filters.kind')}
          <select {...field('kind')}>
            <option value="">{t('filters.any')}</option>
            {(['shell', 'exec', 'batch', 'sftp'] as const).map((k) => <option key={k} value={k}>{t(`kind.${k}`)}</option>)}
          </select>
        </label>
        <label>{t('filters.command')}<input {...field('command')} data-testid="review-filter-command" /></label>
        <label>
          {t('filters.sort')}
          <select {...field('sort')}>
            <option value="newest">{t('filters.newest')}</option>
            <option value="oldest">{t('filters.oldest')}</option>
          </select>
        </label>
        <button type="submit" data-testid="review-search">{t('filters.apply')}</button>
      </form>
      {error && <p className="review-error" role="alert">{error}</p>}
      <div className="review-table-wrap" tabIndex={0} onKeyDown={onKeyDown} role="grid" aria-label={t('sessions.list')} data-testid="review-session-list">
        <table className="review-table">
          <thead>
            <tr>
              {(['who', 'target', 'source', 'when', 'duration', 'end', 'command'] as const).map((c) => <th key={c}>{t(`columns.${c}`)}</th>)}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr
                key={row.id}
                className={i === selected ? 'selected' : undefined}
                aria-selected={i === selected}
                data-testid="review-session-row"
                data-session-id={row.id}
                title={t('sessions.open', { target: `${row.login}@${row.host}` })}
                onClick={() => setSelected(i)}
                onDoubleClick={() => play(row)}
              >
                <td>{plain(row.user)}</td>
                <td>{plain(`${row.login}@${row.host}`)}</td>
                <td>{row.source ? plain(row.source) : t('sessions.unknownSource')}</td>
                <td>{absoluteTime(row.startedAt, locale.language)}</td>
                <td>{durationText(row.durationMs, locale)}</td>
                <td data-testid="review-session-end">{endText(row, locale)}</td>
                <td className="review-command" title={row.batchJob ? t('sessions.batchJob', { job: row.batchJob }) : undefined}>
                  {row.kind === 'batch' && <span className="review-kind">{t('kind.batch')}</span>}
                  {row.recorded ? plain(row.command ?? t(`kind.${row.kind}`)) : t('sessions.notRecorded')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {!loading && rows.length === 0 && <p className="review-empty">{t('sessions.none')}</p>}
      </div>
      <div className="review-footer">
        <span>{loading ? t('sessions.loading') : t('sessions.count', { count: rows.length })}</span>
        {next && (
          <button type="button" disabled={loading} onClick={() => void load(filters, next)} data-testid="review-more">
            {t('sessions.more')}
          </button>
        )}
        {current?.recorded && <ExportBar api={api} target={targetOf(current)} />}
      </div>
    </div>
  );
}

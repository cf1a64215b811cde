// The live sessions view: a list the `sessions.live` topic keeps up to date (with the bytes each
// has recorded), from which a reviewer watches one read-only or terminates it with a reason. Open
// port forwards are listed below the sessions (target, bytes both ways); they can be terminated,
// not watched (no screen). What
// the caller's role cannot do is not offered (an operator sees their own sessions, no watch, no
// terminate); the gateway still decides each request.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LiveSessionsDataSchema, type LiveForward, type LiveSession } from '../../../shared/contract/live-sessions';
import type { Settings } from '../../../shared/contract/profiles';
import type { PortcullisApi } from '../../../shared/contract/window';
import type { SubscriptionEndReason } from '../../../shared/contract/gateway-api/events';
import { absoluteTime, relativeTime } from '../model/time';
import { useLocale, useNow, ViewDialog } from '../ui';
import { applyLiveChange, EMPTY_LIVE_LIST, type LiveList } from './live-list';
import { TerminateDialog } from './TerminateDialog';
import { subscribeTopic } from './topic-subscription';
import { WatchTerminal } from './WatchTerminal';
import { formatBytes, subscriptionEndText } from './wording';

/** How often the bytes column is refreshed while the view is open (the gateway updates them every few seconds). */
const BYTES_EVERY_MS = 5000;
const REVIEW_ROLES = new Set(['security', 'admin']);

interface Props {
  api: PortcullisApi;
  /** Connected now (the view subscribes again on a new connection). */
  connection: string | null;
  settings: Settings;
  onClose: () => void;
}

/** The caller's roles: can they watch and terminate? null until known. */
function useReviewer(api: PortcullisApi, connection: string | null): boolean | null {
  const [reviewer, setReviewer] = useState<boolean | null>(null);
  useEffect(() => {
    setReviewer(null);
    if (!connection) return;
    let alive = true;
    api.request('live.caller', {}).then(
      (me) => alive && setReviewer(me.roles.some((r) => REVIEW_ROLES.has(r))),
      () => alive && setReviewer(false),
    );
    return () => {
      alive = false;
    };
  }, [api, connection]);
  return reviewer;
}

function useLiveList(api: PortcullisApi, connection: string | null) {
  const [list, setList] = useState<LiveList>(EMPTY_LIVE_LIST);
  const [bytes, setBytes] = useState<Record<string, number>>({});
  const [stopped, setStopped] = useState<{ reason: SubscriptionEndReason | 'failed'; error?: unknown } | null>(null);
  useEffect(() => {
    if (!connection) return;
    setStopped(null);
    const stop = subscribeTopic(api, 'sessions.live', {}, {
      fresh: () => setList(EMPTY_LIVE_LIST),
      data: (raw) => {
        const parsed = LiveSessionsDataSchema.safeParse(raw);
        if (parsed.success) setList((l) => applyLiveChange(l, parsed.data));
      },
      ended: (reason, error) => setStopped({ reason, error }),
    });
    let alive = true;
    const refresh = () => void api.request('live.bytes', {}).then((b) => alive && setBytes(b.bytes), () => {});
    refresh();
    const timer = setInterval(refresh, BYTES_EVERY_MS);
    return () => {
      alive = false;
      clearInterval(timer);
      stop();
    };
  }, [api, connection]);
  return { list, bytes, stopped };
}

export function LiveSessionsDialog({ api, connection, settings, onClose }: Props) {
  const { t } = useTranslation('live');
  const locale = useLocale();
  const now = useNow(30_000);
  const reviewer = useReviewer(api, connection);
  const { list, bytes, stopped } = useLiveList(api, connection);
  const [watching, setWatching] = useState<LiveSession | null>(null);
  const [watchEnded, setWatchEnded] = useState(false);
  const [terminating, setTerminating] = useState<LiveSession | LiveForward | null>(null);

  const watch = (s: LiveSession | null) => {
    setWatchEnded(false);
    setWatching(s);
  };
  /** The user, host, login and since cells, alike for sessions and forwards. */
  const whoCells = (s: LiveSession | LiveForward) => (
    <>
      <td>{s.user}</td>
      <td>{s.host}</td>
      <td>{s.login}</td>
      <td title={absoluteTime(s.startedAt, locale.language)}>{relativeTime(s.startedAt, now, locale)}</td>
    </>
  );
  const terminateButton = (s: LiveSession | LiveForward) => (
    <button type="button" className="button button-small" data-testid="live-terminate-open" onClick={() => setTerminating(s)}>
      {t('terminate')}
    </button>
  );

  const body = () => {
    if (!connection) return <p className="review-note">{t('connectFirst')}</p>;
    if (watching) {
      return (
        <>
          <div className="review-bar">
            <button type="button" className="button button-small" data-testid="live-back" onClick={() => watch(null)}>
              ← {t('back')}
            </button>
            <span data-testid="live-watching">{t('watching', watching)}</span>
            <span style={{ flex: 1 }} />
            {reviewer && !watchEnded && terminateButton(watching)}
          </div>
          <WatchTerminal key={watching.id} api={api} sessionId={watching.id} settings={settings} onEnded={() => setWatchEnded(true)} />
        </>
      );
    }
    return (
      <>
        {reviewer === false && <p className="review-note">{t('ownOnly')}</p>}
        {stopped && (
          <p className="review-error" role="alert" data-testid="live-list-stopped">
            {subscriptionEndText(stopped.reason, stopped.error, locale)}
          </p>
        )}
        <table className="review-table" data-testid="live-list" data-loading={list.loading}>
          <thead>
            <tr>
              {(['user', 'host', 'login', 'since', 'bytes', 'kind', 'actions'] as const).map((c) => (
                <th key={c}>{t(`columns.${c}`)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {list.sessions.map((s) => (
              <tr key={s.id} data-testid="live-row" data-session={s.id} data-user={s.user} data-host={s.host}>
                {whoCells(s)}
                <td>{bytes[s.id] === undefined ? '—' : formatBytes(bytes[s.id]!, locale.language)}</td>
                <td title={s.command ?? undefined}>{t(`kind.${s.kind}`)}</td>
                <td>
                  {reviewer && (
                    <div className="review-row-actions">
                      <button type="button" className="button button-small" data-testid="live-watch" onClick={() => watch(s)}>
                        {t('watch')}
                      </button>
                      {terminateButton(s)}
                    </div>
                  )}
                </td>
              </tr>
            ))}
            {list.forwards.map((f) => (
              <tr key={f.id} data-testid="live-forward-row" data-forward={f.id} data-user={f.user} data-host={f.host}>
                {whoCells(f)}
                <td data-testid="live-forward-bytes">
                  {t('forwardBytes', { sent: formatBytes(f.bytesSent, locale.language), received: formatBytes(f.bytesReceived, locale.language) })}
                </td>
                <td title={f.from ? t('forwardFrom', { from: f.from }) : undefined}>{t('kind.forward', { to: f.to })}</td>
                <td>{reviewer && <div className="review-row-actions">{terminateButton(f)}</div>}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {list.loading && !stopped && <p className="review-note">{t('loading')}</p>}
        {!list.loading && list.sessions.length === 0 && list.forwards.length === 0 && <p className="review-note">{t('none')}</p>}
      </>
    );
  };

  return (
    <ViewDialog title={t('title')} testId="live-sessions" closeLabel={t('close')} onClose={onClose}>
        {body()}
        {terminating && (
          <TerminateDialog
            api={api}
            session={terminating}
            onCancel={() => setTerminating(null)}
            onDone={() => setTerminating(null)}
          />
        )}
    </ViewDialog>
  );
}

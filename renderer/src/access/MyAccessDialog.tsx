// "My access": what I reach now, with which login and until when (counting down), and my requests
// with their state; a pending one can be withdrawn. Updates by itself from the access topics.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PortcullisApi } from '../../../shared/contract/window';
import { countdownText } from '../model/access';
import { Dialog, errorText, useLocale, useNow } from '../ui';
import { RequestRow } from './RequestRow';
import type { AccessLive } from './use-access-live';
import { useRequests } from './use-requests';

interface Props {
  api: PortcullisApi;
  live: AccessLive;
  onClose: () => void;
  onOpen: (host: string, login: string) => void;
  onRequest: () => void;
}

/** My own requests shown (newest first). */
const MY_REQUESTS = 50;

export function MyAccessDialog({ api, live, onClose, onOpen, onRequest }: Props) {
  const { t } = useTranslation('access');
  const locale = useLocale();
  const now = useNow(1000);
  const me = live.roles.length > 0;
  const { requests, error, reload } = useRequests(api, { limit: MY_REQUESTS }, live.requestsVersion);
  const [failed, setFailed] = useState<string | null>(null);
  const hosts = live.mine?.hosts ?? [];
  const cancel = (id: number) => {
    setFailed(null);
    api.request('access.requests.cancel', { id }).then(reload, (e: unknown) => setFailed(errorText(e)));
  };
  return (
    <Dialog
      title={t('mine.title')}
      testId="access-mine"
      wide
      onCancel={onClose}
      footer={
        <>
          <button type="button" className="button" data-testid="access-mine-request" onClick={onRequest}>
            {t('mine.request')}
          </button>
          <button type="button" className="button button-primary" onClick={onClose}>
            {t('close')}
          </button>
        </>
      }
    >
      <h3 className="access-heading">{t('mine.reach')}</h3>
      {live.mine === null ? (
        <p className="muted">{t('loading')}</p>
      ) : hosts.length === 0 ? (
        <p className="muted">{t('mine.none')}</p>
      ) : (
        <table className="access-table" data-testid="access-mine-hosts">
          <thead>
            <tr>
              <th>{t('mine.host')}</th>
              <th>{t('mine.logins')}</th>
              <th>{t('mine.until')}</th>
            </tr>
          </thead>
          <tbody>
            {hosts.map((h) => (
              <tr key={h.host} data-testid="access-mine-host" data-host={h.host}>
                <td className="mono">{h.host}</td>
                <td>
                  {h.logins.map((login) => (
                    <button key={login} type="button" className="button button-small mono" title={t('mine.open', { target: `${login}@${h.host}` })} onClick={() => onOpen(h.host, login)}>
                      {login}
                    </button>
                  ))}
                </td>
                <td className={h.until !== null && h.until - now < 3_600_000 ? 'access-soon' : ''} data-testid="access-countdown">
                  {countdownText(h.until, now, locale)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {me && (
        <>
          <h3 className="access-heading">{t('mine.requests')}</h3>
          {error && <p className="error-text">{error}</p>}
          {failed && (
            <p className="error-text" role="alert">
              {failed}
            </p>
          )}
          {requests && requests.length === 0 && <p className="muted">{t('mine.noRequests')}</p>}
          <ul className="access-list" data-testid="access-mine-requests">
            {requests?.map((r) => (
              <RequestRow key={r.id} request={r}>
                {r.state === 'pending' && (
                  <button type="button" className="button button-small" data-testid="access-request-cancel" onClick={() => cancel(r.id)}>
                    {t('mine.cancel')}
                  </button>
                )}
              </RequestRow>
            ))}
          </ul>
        </>
      )}
    </Dialog>
  );
}

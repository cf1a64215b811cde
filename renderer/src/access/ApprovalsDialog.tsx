// The admin's queue: pending requests (updating by itself), each approved as asked or with a
// shorter window or fewer hosts (previewed), or denied with a reason the requester reads; and the
// history of decided, cancelled and expired requests.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PortcullisApi } from '../../../shared/contract/window';
import type { AccessRequest } from '../../../shared/contract/gateway-api/access';
import { parseDuration } from '../model/access';
import { Dialog, errorText } from '../ui';
import { RequestRow } from './RequestRow';
import { SelectorPreviewLine } from './SelectorPreviewLine';
import type { AccessLive } from './use-access-live';
import { useRequests } from './use-requests';
import { useSelectorPreview } from './use-selector-preview';

interface Props {
  api: PortcullisApi;
  live: AccessLive;
  me: string;
  onClose: () => void;
}

const HISTORY = 100;

export function ApprovalsDialog({ api, live, me, onClose }: Props) {
  const { t } = useTranslation('access');
  const [view, setView] = useState<'queue' | 'history'>('queue');
  const [deciding, setDeciding] = useState<{ request: AccessRequest; how: 'approve' | 'deny' } | null>(null);
  const pending = useRequests(api, { state: 'pending', limit: 500 }, live.requestsVersion);
  const history = useRequests(api, { limit: HISTORY }, live.requestsVersion);
  const shown = view === 'queue' ? pending : { ...history, requests: history.requests?.filter((r) => r.state !== 'pending') ?? null };
  return (
    <Dialog
      title={t('approvals.title')}
      testId="access-approvals"
      wide
      onCancel={onClose}
      footer={
        <button type="button" className="button button-primary" data-testid="access-approvals-close" onClick={onClose}>
          {t('close')}
        </button>
      }
    >
      <div className="access-tabs" role="tablist">
        {(['queue', 'history'] as const).map((v) => (
          <button key={v} type="button" role="tab" aria-selected={view === v} className={`button button-small${view === v ? ' button-primary' : ''}`} data-testid={`access-approvals-${v}`} onClick={() => setView(v)}>
            {t(`approvals.${v}`, { count: pending.requests?.length ?? 0 })}
          </button>
        ))}
      </div>
      {shown.error && <p className="error-text" role="alert">{shown.error}</p>}
      {shown.requests?.length === 0 && <p className="muted">{t(view === 'queue' ? 'approvals.empty' : 'approvals.noHistory')}</p>}
      <ul className="access-list" data-testid={`access-approvals-list-${view}`}>
        {shown.requests?.map((r) => (
          <RequestRow key={r.id} request={r} showRequester>
            {r.state === 'pending' && r.requester !== me && (
              <>
                <button type="button" className="button button-small button-primary" data-testid="access-approve" onClick={() => setDeciding({ request: r, how: 'approve' })}>
                  {t('approvals.approve')}
                </button>
                <button type="button" className="button button-small" data-testid="access-deny" onClick={() => setDeciding({ request: r, how: 'deny' })}>
                  {t('approvals.deny')}
                </button>
              </>
            )}
            {r.state === 'pending' && r.requester === me && <span className="muted">{t('approvals.own')}</span>}
          </RequestRow>
        ))}
      </ul>
      {deciding && <Decide key={deciding.request.id} api={api} {...deciding} onDone={() => setDeciding(null)} />}
    </Dialog>
  );
}

/** Approve (optionally shorter, fewer hosts) or deny (a reason is required) one request. */
function Decide({ api, request, how, onDone }: { api: PortcullisApi; request: AccessRequest; how: 'approve' | 'deny'; onDone: () => void }) {
  const { t } = useTranslation('access');
  const [duration, setDuration] = useState('');
  const [hosts, setHosts] = useState('');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const preview = useSelectorPreview(api, hosts, [], true);

  const send = async () => {
    setProblem(null);
    let call: Promise<unknown>;
    if (how === 'deny') {
      if (!reason.trim()) return setProblem(t('approvals.reasonRequired'));
      call = api.request('access.requests.deny', { id: request.id, reason: reason.trim() });
    } else {
      const ms = duration.trim() ? parseDuration(duration) : undefined;
      if (ms === null) return setProblem(t('request.durationHint'));
      if (ms !== undefined && ms > request.durationMs) return setProblem(t('approvals.onlyShorter'));
      call = api.request('access.requests.approve', { id: request.id, ...(ms !== undefined && { durationMs: ms }), ...(hosts.trim() && { hosts: hosts.trim() }), ...(reason.trim() && { note: reason.trim() }) });
    }
    setBusy(true);
    try {
      await call;
      onDone();
    } catch (e) {
      setProblem(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="access-decide"
      data-testid={`access-decide-${how}`}
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <h3 className="access-heading">{t(how === 'approve' ? 'approvals.approveTitle' : 'approvals.denyTitle', { who: request.requester, target: `${request.login}@${request.hosts}` })}</h3>
      <div className="form-grid">
        {how === 'approve' && (
          <>
            <label htmlFor="ad-duration">{t('approvals.shorten')}</label>
            <input id="ad-duration" className="text-input mono" data-testid="access-decide-duration" value={duration} placeholder={t('approvals.asAsked')} onChange={(e) => setDuration(e.target.value)} />
            <label htmlFor="ad-hosts">{t('approvals.narrow')}</label>
            <input id="ad-hosts" className="text-input mono" data-testid="access-decide-hosts" value={hosts} placeholder={request.hosts} onChange={(e) => setHosts(e.target.value)} />
            <span />
            <SelectorPreviewLine preview={preview} />
          </>
        )}
        <label htmlFor="ad-reason">{t(how === 'approve' ? 'approvals.note' : 'approvals.reason')}</label>
        <input id="ad-reason" className="text-input" data-testid="access-decide-reason" value={reason} aria-invalid={how === 'deny' && !!problem} onChange={(e) => setReason(e.target.value)} />
      </div>
      {problem && (
        <p className="error-text" role="alert" data-testid="access-decide-problem">
          {problem}
        </p>
      )}
      <div className="access-decide-buttons">
        <button type="button" className="button" onClick={onDone}>
          {t('cancel')}
        </button>
        <button type="submit" className="button button-primary" data-testid="access-decide-submit" disabled={busy}>
          {t(how === 'approve' ? 'approvals.approveSubmit' : 'approvals.denySubmit')}
        </button>
      </div>
    </form>
  );
}

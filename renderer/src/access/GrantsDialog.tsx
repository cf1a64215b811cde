// The admin's grants: filtered by user, host and "ending within N hours"; create one (the hosts
// previewed before saving), move its end (extend or shorten), revoke it. Revoking asks first,
// saying that live sessions on it end at once, with Cancel focused: a single Enter removes nothing.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PortcullisApi } from '../../../shared/contract/window';
import type { GrantEntry } from '../../../shared/contract/gateway-api/access';
import { countdownText, parseDuration } from '../model/access';
import { Dialog, errorText, useLocale, useNow } from '../ui';
import { SelectorPreviewLine } from './SelectorPreviewLine';
import { useGrants } from './use-requests';
import { useSelectorPreview } from './use-selector-preview';

type Panel = { kind: 'create' } | { kind: 'edit'; grant: GrantEntry } | { kind: 'revoke'; grant: GrantEntry } | null;

export function GrantsDialog({ api, onClose }: { api: PortcullisApi; onClose: () => void }) {
  const { t } = useTranslation('access');
  const locale = useLocale();
  const now = useNow(1000);
  const [filter, setFilter] = useState({ user: '', host: '', hours: '' });
  const [panel, setPanel] = useState<Panel>(null);
  const [version, setVersion] = useState(0);
  const hours = Number(filter.hours);
  const query = {
    ...(filter.user.trim() && { user: filter.user.trim() }),
    ...(filter.host.trim() && { host: filter.host.trim() }),
    ...(filter.hours.trim() && hours > 0 && { expiringWithinHours: hours }),
  };
  const { grants, error } = useGrants(api, query, version);
  const done = () => {
    setPanel(null);
    setVersion((v) => v + 1);
  };
  return (
    <Dialog
      title={t('grants.title')}
      testId="access-grants"
      wide
      onCancel={onClose}
      footer={
        <>
          <button type="button" className="button" data-testid="access-grant-new" onClick={() => setPanel({ kind: 'create' })}>
            {t('grants.new')}
          </button>
          <button type="button" className="button button-primary" data-testid="access-grants-close" onClick={onClose}>
            {t('close')}
          </button>
        </>
      }
    >
      <div className="access-filters">
        <input className="text-input" data-testid="access-grants-user" placeholder={t('grants.filterUser')} value={filter.user} onChange={(e) => setFilter({ ...filter, user: e.target.value })} />
        <input className="text-input" data-testid="access-grants-host" placeholder={t('grants.filterHost')} value={filter.host} onChange={(e) => setFilter({ ...filter, host: e.target.value })} />
        <input className="text-input" data-testid="access-grants-hours" type="number" min={1} placeholder={t('grants.filterHours')} value={filter.hours} onChange={(e) => setFilter({ ...filter, hours: e.target.value })} />
      </div>
      {error && <p className="error-text" role="alert">{error}</p>}
      {grants?.length === 0 && <p className="muted">{t('grants.none')}</p>}
      {grants && grants.length > 0 && (
        <table className="access-table" data-testid="access-grants-table">
          <thead>
            <tr>
              <th>{t('grants.subject')}</th>
              <th>{t('grants.hosts')}</th>
              <th>{t('grants.login')}</th>
              <th>{t('grants.ends')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {grants.map((g) => (
              <tr key={g.id} data-testid="access-grant" data-id={g.id}>
                <td>{t(`grants.${g.subject.kind}`, { name: g.subject.name })}</td>
                <td className="mono">
                  {g.hosts} <span className="muted">{t('grants.hostCount', { count: g.hostCount })}</span>
                </td>
                <td className="mono">{g.login}</td>
                <td>{g.state === 'future' ? t('grants.future') : countdownText(g.until, now, locale)}</td>
                <td className="access-row-actions">
                  <button type="button" className="button button-small" data-testid="access-grant-edit" onClick={() => setPanel({ kind: 'edit', grant: g })}>
                    {t('grants.edit')}
                  </button>
                  <button type="button" className="button button-small access-danger" data-testid="access-grant-revoke" onClick={() => setPanel({ kind: 'revoke', grant: g })}>
                    {t('grants.revoke')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {panel?.kind === 'create' && <CreateGrant api={api} onDone={done} onCancel={() => setPanel(null)} />}
      {panel?.kind === 'edit' && <EditGrant key={panel.grant.id} api={api} grant={panel.grant} onDone={done} onCancel={() => setPanel(null)} />}
      {panel?.kind === 'revoke' && <RevokeGrant key={panel.grant.id} api={api} grant={panel.grant} onDone={done} onCancel={() => setPanel(null)} />}
    </Dialog>
  );
}

interface PanelProps {
  api: PortcullisApi;
  onDone: () => void;
  onCancel: () => void;
}

/** Sends one call; its refusal shows in the panel. */
function useSend(onDone: () => void) {
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const send = async (call: () => Promise<unknown>) => {
    setBusy(true);
    setProblem(null);
    try {
      await call();
      onDone();
    } catch (e) {
      setProblem(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return { problem, setProblem, busy, send };
}

function PanelButtons({ busy, submitLabel, testId, onCancel }: { busy: boolean; submitLabel: string; testId: string; onCancel: () => void }) {
  const { t } = useTranslation('access');
  return (
    <div className="access-decide-buttons">
      <button type="button" className="button" data-testid={`${testId}-cancel`} onClick={onCancel}>
        {t('cancel')}
      </button>
      <button type="submit" className="button button-primary" data-testid={`${testId}-submit`} disabled={busy}>
        {submitLabel}
      </button>
    </div>
  );
}

function CreateGrant({ api, onDone, onCancel }: PanelProps) {
  const { t } = useTranslation('access');
  const [draft, setDraft] = useState({ kind: 'user' as 'user' | 'group', name: '', hosts: '', login: '', duration: '8h' });
  const preview = useSelectorPreview(api, draft.hosts, [], true);
  const { problem, setProblem, busy, send } = useSend(onDone);
  const submit = () => {
    const ms = parseDuration(draft.duration);
    if (!draft.name.trim() || !draft.hosts.trim() || !draft.login.trim()) return setProblem(t('grants.fillAll'));
    if (ms === null || ms <= 0) return setProblem(t('request.durationHint'));
    void send(() => api.request('access.grants.create', { [draft.kind]: draft.name.trim(), hosts: draft.hosts.trim(), login: draft.login.trim(), until: Date.now() + ms }));
  };
  return (
    <form className="access-decide" data-testid="access-grant-create" onSubmit={(e) => (e.preventDefault(), submit())}>
      <h3 className="access-heading">{t('grants.new')}</h3>
      <div className="form-grid">
        <select className="text-input" aria-label={t('grants.subject')} value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: e.target.value as 'user' | 'group' })}>
          <option value="user">{t('grants.toUser')}</option>
          <option value="group">{t('grants.toGroup')}</option>
        </select>
        <input className="text-input" data-testid="access-grant-name" aria-label={t('grants.subject')} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
        <label htmlFor="gc-hosts">{t('grants.hosts')}</label>
        <input id="gc-hosts" className="text-input mono" data-testid="access-grant-hosts" value={draft.hosts} placeholder={t('request.hostsPlaceholder')} onChange={(e) => setDraft({ ...draft, hosts: e.target.value })} />
        <span />
        <SelectorPreviewLine preview={preview} />
        <label htmlFor="gc-login">{t('grants.login')}</label>
        <input id="gc-login" className="text-input mono" data-testid="access-grant-login" value={draft.login} onChange={(e) => setDraft({ ...draft, login: e.target.value })} />
        <label htmlFor="gc-duration">{t('grants.endsIn')}</label>
        <input id="gc-duration" className="text-input mono" data-testid="access-grant-duration" value={draft.duration} onChange={(e) => setDraft({ ...draft, duration: e.target.value })} />
      </div>
      {problem && <p className="error-text" role="alert">{problem}</p>}
      <PanelButtons busy={busy} submitLabel={t('grants.create')} testId="access-grant-create" onCancel={onCancel} />
    </form>
  );
}

function EditGrant({ api, grant, onDone, onCancel }: PanelProps & { grant: GrantEntry }) {
  const { t } = useTranslation('access');
  const [duration, setDuration] = useState('');
  const { problem, setProblem, busy, send } = useSend(onDone);
  const submit = () => {
    const ms = parseDuration(duration);
    if (ms === null || ms <= 0) return setProblem(t('request.durationHint'));
    void send(() => api.request('access.grants.edit', { id: grant.id, until: Date.now() + ms }));
  };
  return (
    <form className="access-decide" data-testid="access-grant-editor" onSubmit={(e) => (e.preventDefault(), submit())}>
      <h3 className="access-heading">{t('grants.editTitle', { target: `${grant.login}@${grant.hosts}`, who: grant.subject.name })}</h3>
      <div className="form-grid">
        <label htmlFor="ge-duration">{t('grants.endsIn')}</label>
        <input id="ge-duration" className="text-input mono" data-testid="access-grant-edit-duration" value={duration} placeholder="4h, 2d" onChange={(e) => setDuration(e.target.value)} />
      </div>
      {problem && <p className="error-text" role="alert">{problem}</p>}
      <PanelButtons busy={busy} submitLabel={t('grants.save')} testId="access-grant-edit" onCancel={onCancel} />
    </form>
  );
}

function RevokeGrant({ api, grant, onDone, onCancel }: PanelProps & { grant: GrantEntry }) {
  const { t } = useTranslation('access');
  const { problem, busy, send } = useSend(onDone);
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => cancelRef.current?.focus(), []);
  return (
    <div className="access-decide access-revoke" role="alertdialog" aria-label={t('grants.revokeTitle')} data-testid="access-grant-revoke-confirm">
      <h3 className="access-heading">{t('grants.revokeTitle')}</h3>
      <p>{t('grants.revokeText', { target: `${grant.login}@${grant.hosts}`, who: grant.subject.name })}</p>
      {problem && <p className="error-text" role="alert">{problem}</p>}
      <div className="access-decide-buttons">
        <button ref={cancelRef} type="button" className="button" data-testid="access-grant-revoke-cancel" onClick={onCancel}>
          {t('cancel')}
        </button>
        <button type="button" className="button access-danger-strong" data-testid="access-grant-revoke-submit" disabled={busy} onClick={() => void send(() => api.request('access.grants.revoke', { id: grant.id }))}>
          {t('grants.revokeSubmit')}
        </button>
      </div>
    </div>
  );
}

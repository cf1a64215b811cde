// The Hosts tab: the inventory (filtered, paged), a new host, editing one (only what changed is
// sent), removing one (asked first, naming the live sessions it ends), and each host's
// credentials, write-only: the form sends a secret and clears it, the list shows only set/not set.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminHost } from '../../../shared/contract/gateway-api/inventory-admin';
import type { ReviewSessionRow } from '../../../shared/contract/gateway-api/review';
import type { PortcullisApi } from '../../../shared/contract/window';
import { checkHostCreate, checkHostEdit, EMPTY_HOST_FORM, hostFormOf, hostText, type HostForm } from '../model/directory';
import { FieldError, invalidProps, useLocale } from '../ui';
import { Credentials } from './Credentials';
import { Confirm, PagedTable, useCall, useProblems } from './parts';

type Panel = { kind: 'create' } | { kind: 'edit' | 'remove' | 'credentials'; host: AdminHost } | null;

export function HostsTab({ api, hosts, onHost, onRemoved }: { api: PortcullisApi; hosts: readonly AdminHost[]; onHost: (host: AdminHost) => void; onRemoved: (name: string) => void }) {
  const { t } = useTranslation('directory');
  const [panel, setPanel] = useState<Panel>(null);
  const close = () => setPanel(null);
  // The panel follows the host's latest state (a credential set, an edit saved).
  const current = panel && panel.kind !== 'create' ? (hosts.find((h) => h.name === panel.host.name) ?? panel.host) : null;
  return (
    <section data-testid="directory-hosts">
      <div className="directory-buttons directory-top">
        <button type="button" className="button" data-testid="directory-host-new" onClick={() => setPanel({ kind: 'create' })}>
          {t('hosts.new')}
        </button>
      </div>
      {panel?.kind === 'create' && <HostEditor api={api} onSaved={(h) => (onHost(h), close())} onCancel={close} />}
      {panel?.kind === 'edit' && <HostEditor key={current!.name} api={api} host={current!} onSaved={onHost} onCancel={close} />}
      {panel?.kind === 'remove' && <RemoveHost key={current!.name} api={api} host={current!} onRemoved={() => (onRemoved(current!.name), close())} onCancel={close} />}
      {panel?.kind === 'credentials' && <Credentials key={current!.name} api={api} host={current!} onHost={onHost} onClose={close} />}
      <PagedTable
        testId="directory-hosts"
        items={hosts}
        textOf={hostText}
        headers={[t('hosts.name'), t('hosts.address'), t('hosts.nodes'), t('hosts.tags'), t('hosts.logins'), '']}
        row={(h) => (
          <tr key={h.name} data-testid="directory-host" data-name={h.name}>
            <td className="mono">{h.name}</td>
            <td className="mono" data-testid="directory-host-address">{h.address}</td>
            <td className="directory-wrap">{h.nodes.map((n) => n.join('/')).join(', ')}</td>
            <td className="mono directory-wrap">{Object.entries(h.tags).map(([k, v]) => `${k}=${v}`).join(' ')}</td>
            <td className="mono">{h.logins.join(', ')}</td>
            <td className="directory-row-actions">
              <button type="button" className="button button-small" data-testid="directory-host-edit" onClick={() => setPanel({ kind: 'edit', host: h })}>
                {t('hosts.edit')}
              </button>
              <button type="button" className="button button-small" data-testid="directory-host-credentials" onClick={() => setPanel({ kind: 'credentials', host: h })}>
                {t('hosts.credentials')}
              </button>
              <button type="button" className="button button-small directory-danger-text" data-testid="directory-host-remove-open" onClick={() => setPanel({ kind: 'remove', host: h })}>
                {t('hosts.remove')}
              </button>
            </td>
          </tr>
        )}
      />
    </section>
  );
}

/** A new host (`host` absent) or an existing one's changes. */
function HostEditor({ api, host, onSaved, onCancel }: { api: PortcullisApi; host?: AdminHost; onSaved: (host: AdminHost) => void; onCancel: () => void }) {
  const { t } = useTranslation('directory');
  const [form, setForm] = useState<HostForm>(host ? hostFormOf(host) : EMPTY_HOST_FORM);
  const [saved, setSaved] = useState<string[] | null>(null);
  const [errors, check] = useProblems();
  const call = useCall();
  const submit = () => {
    setSaved(null);
    if (!host) {
      const params = check(checkHostCreate(form));
      if (params) call.run(() => api.request('inventory.hosts.create', params), onSaved);
      return;
    }
    const params = check(checkHostEdit(form, host));
    if (params) call.run(() => api.request('inventory.hosts.edit', params), (r) => (onSaved(r.host), setForm(hostFormOf(r.host)), setSaved(r.fields)));
  };
  const field = (name: keyof HostForm, hint?: string) => (
    <>
      <label htmlFor={`dir-host-${name}`}>{t(`hosts.${name}`)}</label>
      <input
        id={`dir-host-${name}`}
        className="text-input mono"
        data-testid={`directory-host-${name}`}
        disabled={name === 'name' && !!host}
        placeholder={hint}
        value={form[name]}
        onChange={(e) => setForm({ ...form, [name]: e.target.value })}
        {...invalidProps(name, errors)}
      />
      <FieldError field={name} errors={errors} />
    </>
  );
  return (
    <form className="directory-panel" data-testid="directory-host-editor" onSubmit={(e) => (e.preventDefault(), submit())}>
      <h3 className="directory-heading">{host ? t('hosts.editTitle', { name: host.name }) : t('hosts.createTitle')}</h3>
      <div className="form-grid">
        {field('name')}
        {field('address', '10.0.0.5')}
        {field('port', '22')}
        <label htmlFor="dir-host-nodes">{t('hosts.nodes')}</label>
        <textarea id="dir-host-nodes" className="text-input mono directory-textarea" rows={2} data-testid="directory-host-nodes" placeholder={t('hosts.nodesHint')} value={form.nodes} onChange={(e) => setForm({ ...form, nodes: e.target.value })} {...invalidProps('nodes', errors)} />
        <FieldError field="nodes" errors={errors} />
        {field('tags', t('hosts.tagsHint'))}
        {field('logins', host ? t('hosts.loginsEditHint') : t('hosts.loginsHint'))}
      </div>
      <FieldError field="" errors={errors} />
      {call.error && <p className="error-text" role="alert">{call.error}</p>}
      {saved && <p className="muted" data-testid="directory-host-saved">{t('hosts.saved', { fields: saved.join(', ') })}</p>}
      <div className="directory-buttons">
        <button type="button" className="button" data-testid="directory-host-editor-cancel" onClick={onCancel}>
          {host ? t('close') : t('cancel')}
        </button>
        <button type="submit" className="button button-primary" data-testid="directory-host-save" disabled={call.busy}>
          {host ? t('hosts.editSubmit') : t('hosts.createSubmit')}
        </button>
      </div>
    </form>
  );
}

const LIVE_LISTED = 20;

/**
 * Removing a host: first the live sessions on it are looked up and named; with some, the removal
 * is sent with `force` (which ends them). Without any, it is sent without, so a session that
 * starts meanwhile makes the gateway refuse (its refusal is shown) rather than end it unasked.
 */
function RemoveHost({ api, host, onRemoved, onCancel }: { api: PortcullisApi; host: AdminHost; onRemoved: () => void; onCancel: () => void }) {
  const { t } = useTranslation('directory');
  const locale = useLocale();
  const [live, setLive] = useState<{ sessions: ReviewSessionRow[]; more: boolean } | null>(null);
  const [version, setVersion] = useState(0);
  const call = useCall();
  useEffect(() => {
    call.run(
      () => api.request('review.sessions.search', { host: host.name, status: 'live', sort: 'oldest', limit: LIVE_LISTED }),
      (page) => setLive({ sessions: page.sessions, more: page.next !== null }),
    );
  }, [api, host.name, version]); // looked up again on version only
  const force = (live?.sessions.length ?? 0) > 0;
  const remove = () => call.run(() => api.request('inventory.hosts.remove', { name: host.name, ...(force && { force: true }) }), onRemoved);
  const since = new Intl.DateTimeFormat(locale.language, { dateStyle: 'short', timeStyle: 'short' });
  return (
    <Confirm
      testId="directory-host-remove"
      title={t('hosts.removeConfirm.title', { name: host.name })}
      confirmLabel={t(force ? 'hosts.removeConfirm.submitForce' : 'hosts.removeConfirm.submit', { name: host.name })}
      error={call.error}
      onCancel={onCancel}
      onConfirm={() => (live ? remove() : setVersion((v) => v + 1))}
    >
      <p>{t('hosts.removeConfirm.text', { name: host.name })}</p>
      {!live && <p className="muted">{t('hosts.removeConfirm.checking', { name: host.name })}</p>}
      {force && (
        <div data-testid="directory-host-remove-live">
          <p className="error-text">{t('hosts.removeConfirm.live', { count: live!.sessions.length })}</p>
          <ul>
            {live!.sessions.map((s) => (
              <li key={s.id}>{t('hosts.removeConfirm.session', { user: s.user, login: s.login, since: since.format(s.startedAt) })}</li>
            ))}
            {live!.more && <li>{t('hosts.removeConfirm.more')}</li>}
          </ul>
        </div>
      )}
    </Confirm>
  );
}

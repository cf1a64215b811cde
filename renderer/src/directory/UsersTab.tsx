// The Users tab: the users (filtered, paged), a new user with roles and keys, disable (asked
// first: their live sessions end) and enable, and each user's roles and public keys.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserSummary } from '../../../shared/contract/gateway-api/users';
import { GATEWAY_ROLES, type GatewayRole } from '../../../shared/contract/gateway-api/policy';
import type { PortcullisApi } from '../../../shared/contract/window';
import { checkKeyForm, checkUserForm, EMPTY_USER_FORM, userText, type UserForm } from '../model/directory';
import { FieldError, invalidProps } from '../ui';
import { Confirm, LoadFile, PagedTable, useCall, useProblems } from './parts';

type Panel = { kind: 'create' } | { kind: 'disable'; user: UserSummary } | { kind: 'detail'; user: UserSummary } | null;

export function UsersTab({ api, users, onUser }: { api: PortcullisApi; users: readonly UserSummary[]; onUser: (user: UserSummary) => void }) {
  const { t } = useTranslation('directory');
  const [panel, setPanel] = useState<Panel>(null);
  const call = useCall();
  const changed = (user: UserSummary) => (onUser(user), setPanel(null));
  return (
    <section data-testid="directory-users">
      <div className="directory-buttons directory-top">
        <button type="button" className="button" data-testid="directory-user-new" onClick={() => setPanel({ kind: 'create' })}>
          {t('users.new')}
        </button>
      </div>
      {panel?.kind === 'create' && <CreateUser api={api} onCreated={changed} onCancel={() => setPanel(null)} />}
      {panel?.kind === 'disable' && (
        <Confirm
          testId="directory-user-disable"
          title={t('users.disableConfirm.title', { name: panel.user.name })}
          confirmLabel={t('users.disableConfirm.submit', { name: panel.user.name })}
          error={call.error}
          onCancel={() => (call.clear(), setPanel(null))}
          onConfirm={() => call.run(() => api.request('users.disable', { name: panel.user.name }), changed)}
        >
          <p>{t('users.disableConfirm.text', { name: panel.user.name })}</p>
        </Confirm>
      )}
      {panel?.kind === 'detail' && <UserDetail key={panel.user.name} api={api} user={panel.user} onUser={onUser} onClose={() => setPanel(null)} />}
      {!panel && call.error && <p className="error-text" role="alert">{call.error}</p>}
      <PagedTable
        testId="directory-users"
        items={users}
        textOf={userText}
        headers={[t('users.name'), t('users.roles'), t('users.groups'), t('users.keys'), t('users.state'), '']}
        row={(u) => (
          <tr key={u.name} data-testid="directory-user" data-name={u.name}>
            <td className="mono">{u.name}</td>
            <td>{u.roles.length === 0 ? <span className="muted">{t('users.noRole')}</span> : u.roles.map((r) => t(`roles.${r}`)).join(', ')}</td>
            <td>{(u.groups ?? []).join(', ')}</td>
            <td>{u.keys}</td>
            <td data-testid="directory-user-state">{t(u.removed ? 'users.removed' : u.disabled ? 'users.disabled' : 'users.enabled')}</td>
            <td className="directory-row-actions">
              {!u.removed && (
                <>
                  <button type="button" className="button button-small" data-testid="directory-user-manage" onClick={() => setPanel({ kind: 'detail', user: u })}>
                    {t('users.manage')}
                  </button>
                  {u.disabled ? (
                    <button type="button" className="button button-small" data-testid="directory-user-enable" onClick={() => call.run(() => api.request('users.enable', { name: u.name }), changed)}>
                      {t('users.enable')}
                    </button>
                  ) : (
                    <button type="button" className="button button-small directory-danger-text" data-testid="directory-user-disable-open" onClick={() => (call.clear(), setPanel({ kind: 'disable', user: u }))}>
                      {t('users.disable')}
                    </button>
                  )}
                </>
              )}
            </td>
          </tr>
        )}
      />
    </section>
  );
}

function RoleChecks({ roles, onChange }: { roles: readonly GatewayRole[]; onChange: (roles: GatewayRole[]) => void }) {
  const { t } = useTranslation('directory');
  return (
    <span className="directory-checks">
      {GATEWAY_ROLES.map((role) => (
        <label key={role}>
          <input type="checkbox" data-testid={`directory-role-${role}`} checked={roles.includes(role)} onChange={(e) => onChange(GATEWAY_ROLES.filter((r) => (r === role ? e.target.checked : roles.includes(r))))} /> {t(`roles.${role}`)}
        </label>
      ))}
    </span>
  );
}

function CreateUser({ api, onCreated, onCancel }: { api: PortcullisApi; onCreated: (user: UserSummary) => void; onCancel: () => void }) {
  const { t } = useTranslation('directory');
  const [form, setForm] = useState<UserForm>(EMPTY_USER_FORM);
  const [errors, check] = useProblems();
  const call = useCall();
  const submit = () => {
    const params = check(checkUserForm(form));
    if (params) call.run(() => api.request('users.create', params), onCreated);
  };
  return (
    <form className="directory-panel" data-testid="directory-user-create" onSubmit={(e) => (e.preventDefault(), submit())}>
      <h3 className="directory-heading">{t('users.create.title')}</h3>
      <div className="form-grid">
        <label htmlFor="dir-user-name">{t('users.name')}</label>
        <input id="dir-user-name" className="text-input mono" data-testid="directory-user-name" autoFocus value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} {...invalidProps('name', errors)} />
        <FieldError field="name" errors={errors} />
        <span>{t('users.roles')}</span>
        <RoleChecks roles={form.roles} onChange={(roles) => setForm({ ...form, roles })} />
        <label htmlFor="dir-user-keys">{t('users.create.publicKeys')}</label>
        <div>
          <textarea id="dir-user-keys" className="text-input mono directory-textarea" rows={3} data-testid="directory-user-keys" placeholder="ssh-ed25519 AAAA…" value={form.publicKeys} onChange={(e) => setForm({ ...form, publicKeys: e.target.value })} {...invalidProps('publicKeys', errors)} />
          <p className="muted directory-hint">
            {t('users.create.publicKeysHint')} <LoadFile label={t('users.create.load')} testId="directory-user-keys-file" accept=".pub,text/plain" onText={(text) => setForm((f) => ({ ...f, publicKeys: [f.publicKeys.trim(), text.trim()].filter(Boolean).join('\n') }))} />
          </p>
        </div>
        <FieldError field="publicKeys" errors={errors} />
      </div>
      {call.error && <p className="error-text" role="alert">{call.error}</p>}
      <div className="directory-buttons">
        <button type="button" className="button" onClick={onCancel}>
          {t('cancel')}
        </button>
        <button type="submit" className="button button-primary" data-testid="directory-user-create-submit" disabled={call.busy}>
          {t('users.create.submit')}
        </button>
      </div>
    </form>
  );
}

/** A user's roles (saved together) and public keys (listed by fingerprint, added one at a time, removed after asking). */
function UserDetail({ api, user, onUser, onClose }: { api: PortcullisApi; user: UserSummary; onUser: (user: UserSummary) => void; onClose: () => void }) {
  const { t } = useTranslation('directory');
  const [roles, setRoles] = useState<GatewayRole[]>(user.roles);
  const [saved, setSaved] = useState(false);
  const [keys, setKeys] = useState<Array<{ fingerprint: string; publicKey: string }> | null>(null);
  const [newKey, setNewKey] = useState('');
  const [removing, setRemoving] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const [errors, check] = useProblems();
  const call = useCall();
  useEffect(() => call.run(() => api.request('users.keys.list', { name: user.name }), setKeys), [api, user.name, version]); // reload on version only
  const reload = (u: UserSummary) => (onUser(u), setRemoving(null), setVersion((v) => v + 1));
  const addKey = () => {
    const params = check(checkKeyForm(newKey));
    if (params) call.run(() => api.request('users.keys.add', { name: user.name, ...params }), () => (setNewKey(''), setVersion((v) => v + 1), onUser({ ...user, keys: user.keys + 1 })));
  };
  return (
    <div className="directory-panel" data-testid="directory-user-detail">
      <h3 className="directory-heading">{t('users.detail.title', { name: user.name })}</h3>
      <div className="directory-row">
        <RoleChecks roles={roles} onChange={(r) => (setRoles(r), setSaved(false))} />
        <button type="button" className="button button-small" data-testid="directory-user-roles-save" onClick={() => call.run(() => api.request('users.roles.set', { name: user.name, roles }), (u) => (onUser(u), setSaved(true)))}>
          {t('users.detail.saveRoles')}
        </button>
        {saved && <span className="muted">{t('users.detail.rolesSaved')}</span>}
      </div>
      <h4 className="directory-heading">{t('users.detail.keys')}</h4>
      {keys?.length === 0 && <p className="muted">{t('users.detail.noKeys')}</p>}
      <ul className="directory-keys" data-testid="directory-user-keys-list">
        {keys?.map((k) => (
          <li key={k.fingerprint} data-testid="directory-user-key">
            <span className="mono">{k.fingerprint}</span>{' '}
            <button type="button" className="button button-small directory-danger-text" data-testid="directory-user-key-remove" onClick={() => setRemoving(k.fingerprint)}>
              {t('users.detail.remove')}
            </button>
          </li>
        ))}
      </ul>
      {removing && (
        <Confirm
          testId="directory-key-remove"
          title={t('users.detail.removeSubmit')}
          confirmLabel={t('users.detail.removeSubmit')}
          error={call.error}
          onCancel={() => setRemoving(null)}
          onConfirm={() => call.run(() => api.request('users.keys.remove', { name: user.name, fingerprint: removing }), reload)}
        >
          <p>{t('users.detail.removeText', { fingerprint: removing, name: user.name })}</p>
        </Confirm>
      )}
      <form className="directory-row" onSubmit={(e) => (e.preventDefault(), addKey())}>
        <input className="text-input mono directory-grow" data-testid="directory-user-key-new" aria-label={t('users.detail.addKey')} placeholder="ssh-ed25519 AAAA…" value={newKey} onChange={(e) => setNewKey(e.target.value)} {...invalidProps('publicKey', errors)} />
        <button type="submit" className="button button-small" data-testid="directory-user-key-add">
          {t('users.detail.addKey')}
        </button>
      </form>
      <div className="form-grid">
        <FieldError field="publicKey" errors={errors} />
      </div>
      {!removing && call.error && <p className="error-text" role="alert">{call.error}</p>}
      <div className="directory-buttons">
        <button type="button" className="button" data-testid="directory-user-detail-close" onClick={onClose}>
          {t('close')}
        </button>
      </div>
    </div>
  );
}

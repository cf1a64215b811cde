// A host's credentials, write-only: per login only whether the gateway holds one (its kind, since
// when); the form sets or replaces one with a password or a private key, and clears the secret
// from its state once sent, whatever the answer. The secret is never logged nor shown back.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminHost } from '../../../shared/contract/gateway-api/inventory-admin';
import type { PortcullisApi } from '../../../shared/contract/window';
import { checkCredentialForm, credentialRows, withCredential, type CredentialForm } from '../model/directory';
import { FieldError, invalidProps, useLocale } from '../ui';
import { LoadFile, useCall, useProblems } from './parts';

export function Credentials({ api, host, onHost, onClose }: { api: PortcullisApi; host: AdminHost; onHost: (host: AdminHost) => void; onClose: () => void }) {
  const { t } = useTranslation('directory');
  const locale = useLocale();
  const rows = credentialRows(host);
  const [form, setForm] = useState<CredentialForm>({ login: rows[0]?.login ?? '', kind: 'password', secret: '' });
  const [done, setDone] = useState<string | null>(null);
  const [errors, check] = useProblems();
  const call = useCall();
  const when = new Intl.DateTimeFormat(locale.language, { dateStyle: 'medium', timeStyle: 'short' });
  const stored = rows.find((r) => r.login === form.login.trim())?.stamp;
  const submit = () => {
    setDone(null);
    const params = check(checkCredentialForm(host.name, form));
    if (!params) return;
    setForm((f) => ({ ...f, secret: '' }));
    call.run(
      () => api.request('inventory.credentials.set', params),
      (set) => (onHost(withCredential([host], set)[0]!), setDone(set.login)),
    );
  };
  return (
    <form className="directory-panel" data-testid="directory-credentials" autoComplete="off" onSubmit={(e) => (e.preventDefault(), submit())}>
      <h3 className="directory-heading">{t('credentials.title', { name: host.name })}</h3>
      <p className="muted">{t('credentials.aid')}</p>
      <table className="directory-table" data-testid="directory-credentials-table">
        <thead>
          <tr>
            <th>{t('credentials.login')}</th>
            <th>{t('credentials.state')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ login, stamp }) => (
            <tr key={login} data-testid="directory-credential" data-login={login}>
              <td className="mono">{login}</td>
              <td data-testid="directory-credential-state">{stamp ? t('credentials.set', { kind: t(`credentials.kind.${stamp.kind}`), when: when.format(stamp.setAt) }) : <span className="muted">{t('credentials.notSet')}</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="form-grid">
        <label htmlFor="dir-cred-login">{t('credentials.login')}</label>
        <input id="dir-cred-login" className="text-input mono" list="directory-cred-logins" data-testid="directory-credential-login" value={form.login} onChange={(e) => setForm({ ...form, login: e.target.value })} {...invalidProps('login', errors)} />
        <FieldError field="login" errors={errors} />
        <span />
        <span className="directory-checks">
          {(['password', 'key'] as const).map((kind) => (
            <label key={kind}>
              <input type="radio" name="dir-cred-kind" data-testid={`directory-credential-kind-${kind}`} checked={form.kind === kind} onChange={() => setForm({ ...form, kind, secret: '' })} /> {t(`credentials.kind.${kind}`)}
            </label>
          ))}
        </span>
        <label htmlFor="dir-cred-secret">{t(form.kind === 'password' ? 'credentials.secretPassword' : 'credentials.secretKey')}</label>
        {form.kind === 'password' ? (
          <input id="dir-cred-secret" type="password" className="text-input" autoComplete="new-password" data-testid="directory-credential-secret" value={form.secret} onChange={(e) => setForm({ ...form, secret: e.target.value })} {...invalidProps('secret', errors)} />
        ) : (
          <div>
            <textarea id="dir-cred-secret" className="text-input mono directory-textarea" rows={4} spellCheck={false} data-testid="directory-credential-secret" placeholder="-----BEGIN OPENSSH PRIVATE KEY-----" value={form.secret} onChange={(e) => setForm({ ...form, secret: e.target.value })} {...invalidProps('secret', errors)} />
            <LoadFile label={t('credentials.loadKey')} testId="directory-credential-file" onText={(secret) => setForm((f) => ({ ...f, secret }))} />
          </div>
        )}
        <FieldError field="secret" errors={errors} />
      </div>
      <datalist id="directory-cred-logins">
        {rows.map((r) => (
          <option key={r.login} value={r.login} />
        ))}
      </datalist>
      {call.error && <p className="error-text" role="alert">{call.error}</p>}
      {done && <p className="muted" data-testid="directory-credential-done">{t('credentials.done', { login: done })}</p>}
      <div className="directory-buttons">
        <button type="button" className="button" data-testid="directory-credentials-close" onClick={onClose}>
          {t('close')}
        </button>
        <button type="submit" className="button button-primary" data-testid="directory-credential-submit" disabled={call.busy}>
          {t(stored ? 'credentials.submitReplace' : 'credentials.submitSet')}
        </button>
      </div>
    </form>
  );
}

// Gateway profiles: list, add, edit, remove, import from ~/.ssh/config, connect / disconnect.
// Secrets never appear here: a profile names a key file or ssh-agent.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GatewayState } from '../../../shared/contract/client-api';
import type { FieldIssue, Profile, ProfileInput } from '../../../shared/contract/profiles';
import { ProfileInputSchema } from '../../../shared/contract/profiles';
import type { PortcullisApi } from '../../../shared/contract/window';
import { errorText } from '../ui';
import { Dialog } from '../ui';
import { FieldError, FormDialog, invalidProps, useLocale } from '../ui';
import { fieldErrors, type FieldErrors } from '../model/form-errors';

interface Props {
  api: PortcullisApi;
  profiles: Profile[] | null;
  listError: string | null;
  refresh: () => void;
  state: GatewayState | null;
  /** Electron keeps secrets in the OS keychain; the browser shell cannot. */
  keychain: boolean;
  onConnect: (profileId: string) => void;
  onDisconnect: () => void;
  onClose: () => void;
}

/** The profile form's label of each field, by the issue path that names it. */
const FIELD_LABELS: Record<string, string> = { name: 'form.name', host: 'form.address', port: 'form.port', user: 'form.user', 'auth.keyFile': 'form.keyFile' };

const EMPTY: ProfileInput = { name: '', host: '', port: 22, user: '', auth: { kind: 'agent' }, rememberPassphrase: false };

export function ProfilesDialog({ api, profiles, listError, refresh, state, keychain, onConnect, onDisconnect, onClose }: Props) {
  const { t } = useTranslation('connection');
  const [editing, setEditing] = useState<{ id?: string; input: ProfileInput } | null>(null);
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const [importResult, setImportResult] = useState<{ imported: string[]; skipped: Array<{ host: string; reason: string; issues?: FieldIssue[] }> } | null>(null);
  const locale = useLocale();
  // An ssh_config entry the profile form would refuse: the same words, each after its field's label.
  const importIssuesText = (issues: FieldIssue[]) =>
    Object.entries(fieldErrors(issues, locale))
      .map(([field, text]) => (FIELD_LABELS[field] ? `${t(FIELD_LABELS[field])}: ${text}` : text))
      .join('; ');

  const run = (work: Promise<unknown>, ok?: string) =>
    work
      .then(() => {
        refresh();
        if (ok) setMessage({ tone: 'ok', text: ok });
      })
      .catch((e: unknown) => setMessage({ tone: 'error', text: errorText(e) }));

  const importSsh = () => {
    setMessage(null);
    api
      .request('profiles.importSshConfig', {})
      .then((r) => {
        setImportResult({ imported: r.imported.map((p) => p.name), skipped: r.skipped });
        refresh();
      })
      .catch((e: unknown) => setMessage({ tone: 'error', text: t('profiles.importFailed', { error: errorText(e) }) }));
  };

  if (editing) {
    return (
      <ProfileForm
        initial={editing.input}
        isNew={!editing.id}
        keychain={keychain}
        onCancel={() => setEditing(null)}
        onSave={(input) =>
          api
            .request('profiles.save', { id: editing.id, profile: input })
            .then(() => {
              setEditing(null);
              refresh();
              setMessage({ tone: 'ok', text: t('profiles.saved', { name: input.name }) });
              return null;
            })
            .catch((e: unknown) => errorText(e))
        }
      />
    );
  }

  const current = state?.profileId;
  const busy = state?.status === 'connecting';
  return (
    <Dialog
      title={t('profiles.title')}
      testId="profiles-dialog"
      onCancel={onClose}
      // Not the first row's button (Disconnect when connected): Enter on opening must change nothing.
      initialFocus="[data-testid=profiles-close]"
      wide
      footer={
        <>
          <button type="button" className="button" data-testid="profiles-import" onClick={importSsh}>
            {t('profiles.import')}
          </button>
          <span className="spacer" />
          <button type="button" className="button" data-testid="profiles-close" onClick={onClose}>
            {t('profiles.close')}
          </button>
          <button type="button" className="button button-primary" data-testid="profile-add" onClick={() => setEditing({ input: EMPTY })}>
            {t('profiles.add')}
          </button>
        </>
      }
    >
      {listError && (
        <p className="error-text" role="alert">
          {t('profiles.unavailable', { error: listError })}
        </p>
      )}
      {message && (
        <p className={message.tone === 'ok' ? 'ok-text' : 'error-text'} role={message.tone === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      {importResult && (
        <div className="import-result" data-testid="import-result">
          <strong>{t('profiles.imported', { count: importResult.imported.length })}</strong>
          {importResult.imported.length > 0 && `: ${importResult.imported.join(', ')}`}
          {importResult.skipped.length > 0 && (
            <ul>
              {importResult.skipped.map((s) => (
                <li key={s.host}>
                  {t('profiles.skipped')} <code>{s.host}</code>: {s.issues ? importIssuesText(s.issues) : s.reason}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {profiles && profiles.length === 0 && <p className="muted">{t('profiles.empty')}</p>}
      <div className="profile-list">
        {profiles?.map((p) => {
          const isCurrent = p.id === current;
          const status = isCurrent ? (state?.status ?? 'disconnected') : 'disconnected';
          return (
            <div key={p.id} className={`profile-row${isCurrent ? ' profile-row-current' : ''}`} data-testid="profile-row" data-profile={p.name}>
              <span className={`dot dot-${status}`} aria-label={t(`card.status.${status}`)} role="img" />
              <div className="profile-main">
                <div className="profile-name">{p.name}</div>
                <div className="profile-sub mono">
                  {p.user}@{p.host}:{p.port} · {p.auth.kind === 'agent' ? 'ssh-agent' : p.auth.keyFile}
                  {p.trustedHostKey && <span title={t('profiles.trustedKey', { key: p.trustedHostKey })}> · {t('profiles.keyTrusted')}</span>}
                </div>
              </div>
              {isCurrent && (status === 'connected' || status === 'connecting') ? (
                <button type="button" className="button button-small" onClick={onDisconnect}>
                  {t('card.disconnect')}
                </button>
              ) : (
                <button type="button" className="button button-small button-primary" data-testid="profile-connect" disabled={busy} onClick={() => onConnect(p.id)}>
                  {t('card.connect')}
                </button>
              )}
              <button type="button" className="button button-small" onClick={() => setEditing({ id: p.id, input: toInput(p) })}>
                {t('profiles.edit')}
              </button>
              {p.trustedHostKey && (
                <button
                  type="button"
                  className="button button-small button-danger-quiet"
                  data-testid="profile-forget-key"
                  title={t('profiles.forgetTitle', { key: p.trustedHostKey })}
                  onClick={() =>
                    window.confirm(t('profiles.forgetConfirm', { name: p.name, key: p.trustedHostKey })) &&
                    void run(api.request('gateway.forgetHostKey', { profileId: p.id }), t('profiles.forgot', { name: p.name }))
                  }
                >
                  {t('profiles.forget')}
                </button>
              )}
              <button
                type="button"
                className="button button-small button-danger-quiet"
                disabled={isCurrent && status === 'connected'}
                title={isCurrent && status === 'connected' ? t('profiles.disconnectFirst') : t('profiles.removeTitle')}
                onClick={() => window.confirm(t('profiles.removeConfirm', { name: p.name })) && void run(api.request('profiles.remove', { id: p.id }), t('profiles.removed', { name: p.name }))}
              >
                {t('profiles.remove')}
              </button>
            </div>
          );
        })}
      </div>
    </Dialog>
  );
}

function toInput(p: Profile): ProfileInput {
  return { name: p.name, host: p.host, port: p.port, user: p.user, auth: p.auth, rememberPassphrase: p.rememberPassphrase };
}

function ProfileForm({ initial, isNew, keychain, onSave, onCancel }: { initial: ProfileInput; isNew: boolean; keychain: boolean; onSave: (p: ProfileInput) => Promise<string | null>; onCancel: () => void }) {
  const { t } = useTranslation('connection');
  const locale = useLocale();
  const [draft, setDraft] = useState(initial);
  // The port as typed: an emptied field must read "Enter a number", not "At least 1".
  const [portText, setPortText] = useState(String(initial.port));
  const [keyFile, setKeyFile] = useState(initial.auth.kind === 'key' ? initial.auth.keyFile : '~/.ssh/id_ed25519');
  // Fields are checked from the first Save on (a new form is not all red), then as they change.
  const [tried, setTried] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const input = (): ProfileInput => ({
    ...draft,
    port: portText.trim() === '' ? Number.NaN : Number(portText),
    auth: draft.auth.kind === 'key' ? { kind: 'key', keyFile } : { kind: 'agent' },
    rememberPassphrase: keychain && draft.auth.kind === 'key' && !!draft.rememberPassphrase,
  });
  const parsed = ProfileInputSchema.safeParse(input());
  const errors: FieldErrors = tried && !parsed.success ? fieldErrors(parsed.error.issues, locale, { host: t('form.hostFormat'), user: t('form.userFormat') }) : {};
  const submit = () => {
    setTried(true);
    setSaveError(null);
    if (!parsed.success) return;
    setSaving(true);
    void onSave(parsed.data).then((err) => {
      setSaving(false);
      setSaveError(err);
    });
  };
  return (
    <FormDialog title={isNew ? t('form.addTitle') : t('form.editTitle', { name: initial.name })} testId="profile-form" submitLabel={t('form.save')} canSubmit={!saving} onSubmit={submit} onCancel={onCancel}>
      <div className="form-grid">
        <label htmlFor="pf-name">{t('form.name')}</label>
        <input id="pf-name" className="text-input" value={draft.name} placeholder={t('form.namePlaceholder')} {...invalidProps('name', errors)} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
        <FieldError field="name" errors={errors} />
        <label htmlFor="pf-host">{t('form.address')}</label>
        <input id="pf-host" className="text-input mono" value={draft.host} placeholder="bastion.example.com" {...invalidProps('host', errors)} onChange={(e) => setDraft({ ...draft, host: e.target.value.trim() })} />
        <FieldError field="host" errors={errors} />
        <label htmlFor="pf-port">{t('form.port')}</label>
        <input id="pf-port" className="text-input" type="number" min={1} max={65535} value={portText} {...invalidProps('port', errors)} onChange={(e) => setPortText(e.target.value)} />
        <FieldError field="port" errors={errors} />
        <label htmlFor="pf-user">{t('form.user')}</label>
        <input id="pf-user" className="text-input mono" value={draft.user} placeholder="alice" {...invalidProps('user', errors)} onChange={(e) => setDraft({ ...draft, user: e.target.value.trim() })} />
        <FieldError field="user" errors={errors} />
        <span className="form-label">{t('form.auth')}</span>
        <div className="radio-row">
          <label>
            <input type="radio" name="pf-auth" checked={draft.auth.kind === 'agent'} onChange={() => setDraft({ ...draft, auth: { kind: 'agent' } })} /> ssh-agent
          </label>
          <label>
            <input type="radio" name="pf-auth" checked={draft.auth.kind === 'key'} onChange={() => setDraft({ ...draft, auth: { kind: 'key', keyFile } })} /> {t('form.keyFile')}
          </label>
        </div>
        {draft.auth.kind === 'key' && (
          <>
            <label htmlFor="pf-key">{t('form.keyFile')}</label>
            <input id="pf-key" className="text-input mono" value={keyFile} {...invalidProps('auth.keyFile', errors)} onChange={(e) => setKeyFile(e.target.value)} />
            <FieldError field="auth.keyFile" errors={errors} />
            {keychain && (
              <>
                <span />
                <label className="check-row">
                  <input type="checkbox" checked={!!draft.rememberPassphrase} onChange={(e) => setDraft({ ...draft, rememberPassphrase: e.target.checked })} /> {t('form.remember')}
                </label>
              </>
            )}
          </>
        )}
      </div>
      {(errors[''] ?? saveError) && (
        <p className="error-text" role="alert" data-testid="profile-form-error">
          {errors[''] ?? saveError}
        </p>
      )}
    </FormDialog>
  );
}

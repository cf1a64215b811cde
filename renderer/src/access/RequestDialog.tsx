// Asking for access: hosts (a selector, with a live preview), login, how long (1 h / 4 h / 1 d or
// typed), and why. Each wrong field says so under it from the first Send on; the gateway's own
// refusal (an unknown host, too many pending requests) shows above the buttons.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PortcullisApi } from '../../../shared/contract/window';
import type { Host } from '../../../shared/contract/inventory';
import { DURATION_PRESETS } from '../model/access';
import { checkRequestForm, emptyRequestForm, type DurationChoice, type RequestForm } from '../model/access-request-form';
import type { FieldErrors } from '../model/form-errors';
import { errorText, FieldError, FormDialog, invalidProps, useLocale } from '../ui';
import { SelectorPreviewLine } from './SelectorPreviewLine';
import { useSelectorPreview } from './use-selector-preview';

interface Props {
  api: PortcullisApi;
  hosts: readonly Host[];
  isAdmin: boolean;
  initial: { hosts: string; login?: string };
  onClose: () => void;
  onSent: () => void;
}

export function RequestDialog({ api, hosts, isAdmin, initial, onClose, onSent }: Props) {
  const { t } = useTranslation('access');
  const locale = useLocale();
  const [form, setForm] = useState<RequestForm>(() => emptyRequestForm(initial.hosts, initial.login ?? ''));
  const [tried, setTried] = useState(false);
  const [sending, setSending] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const preview = useSelectorPreview(api, form.hosts, hosts, isAdmin);
  const check = checkRequestForm(form, locale);
  const errors: FieldErrors = tried && !check.ok ? check.errors : {};
  const set = <K extends keyof RequestForm>(key: K, value: RequestForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const logins = [...new Set(hosts.flatMap((h) => h.logins))].sort();

  const submit = async () => {
    setTried(true);
    if (!check.ok) return;
    setSending(true);
    setFailed(null);
    try {
      await api.request('access.requests.create', check.params);
      onSent();
    } catch (e) {
      setFailed(errorText(e));
    } finally {
      setSending(false);
    }
  };

  return (
    <FormDialog title={t('request.title')} testId="access-request" submitLabel={t('request.send')} canSubmit={!sending} onSubmit={() => void submit()} onCancel={onClose}>
      <div className="form-grid">
        <label htmlFor="ar-hosts">{t('request.hosts')}</label>
        <input id="ar-hosts" className="text-input mono" data-testid="access-request-hosts" value={form.hosts} placeholder={t('request.hostsPlaceholder')} {...invalidProps('hosts', errors)} onChange={(e) => set('hosts', e.target.value)} />
        <FieldError field="hosts" errors={errors} />
        <span />
        <SelectorPreviewLine preview={preview} />
        <label htmlFor="ar-login">{t('request.login')}</label>
        <input id="ar-login" className="text-input mono" data-testid="access-request-login" list="ar-logins" value={form.login} {...invalidProps('login', errors)} onChange={(e) => set('login', e.target.value)} />
        <datalist id="ar-logins">
          {logins.map((l) => (
            <option key={l} value={l} />
          ))}
        </datalist>
        <FieldError field="login" errors={errors} />
        <span className="form-label">{t('request.duration')}</span>
        <div className="radio-row access-durations" role="radiogroup" aria-label={t('request.duration')}>
          {[...DURATION_PRESETS.map((p) => p.id), 'custom' as const].map((id: DurationChoice) => (
            <label key={id}>
              <input type="radio" name="ar-duration" data-testid={`access-request-duration-${id}`} checked={form.duration === id} onChange={() => set('duration', id)} /> {t(`request.presets.${id}`)}
            </label>
          ))}
        </div>
        {form.duration === 'custom' && (
          <>
            <label htmlFor="ar-custom">{t('request.custom')}</label>
            <input id="ar-custom" className="text-input mono" data-testid="access-request-custom" value={form.custom} placeholder="90m, 2h30m, 3d" {...invalidProps('custom', errors)} onChange={(e) => set('custom', e.target.value)} />
            <FieldError field="custom" errors={errors} />
          </>
        )}
        <label htmlFor="ar-reason">{t('request.reason')}</label>
        <textarea id="ar-reason" className="text-input access-reason" data-testid="access-request-reason" rows={3} value={form.reason} placeholder={t('request.reasonPlaceholder')} {...invalidProps('reason', errors)} onChange={(e) => set('reason', e.target.value)} />
        <FieldError field="reason" errors={errors} />
      </div>
      {failed && (
        <p className="error-text" role="alert" data-testid="access-request-error">
          {failed}
        </p>
      )}
    </FormDialog>
  );
}

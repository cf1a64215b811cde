// The admin's login rules: the list (each with what it means in words), the add form and the
// removal. Removing asks first with Cancel focused, so a single Enter removes nothing.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LoginRule } from '../../../../shared/contract/gateway-api/login-rules';
import type { PortcullisApi } from '../../../../shared/contract/window';
import { Dialog, errorText, useLocale } from '../../ui';
import { AddLoginRule } from './AddLoginRule';
import { ruleSentence } from './sentence';

type Panel = { kind: 'add' } | { kind: 'remove'; rule: LoginRule } | null;

export function LoginRulesDialog({ api, onClose }: { api: PortcullisApi; onClose: () => void }) {
  const { t } = useTranslation('rules');
  const locale = useLocale();
  const [rules, setRules] = useState<LoginRule[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [panel, setPanel] = useState<Panel>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let alive = true;
    api.request('rules.login.list', {}).then(
      (list) => alive && (setRules(list), setError(null)),
      (e: unknown) => alive && setError(errorText(e)),
    );
    return () => {
      alive = false;
    };
  }, [api, version]);
  const done = () => {
    setPanel(null);
    setVersion((v) => v + 1);
  };
  const created = (r: LoginRule) => t('login.createdBy', { by: r.createdBy, at: new Date(r.createdAt).toLocaleString(locale.language) });
  return (
    <Dialog
      title={t('login.title')}
      testId="login-rules"
      wide
      onCancel={onClose}
      footer={
        <>
          <button type="button" className="button" data-testid="login-rule-new" onClick={() => setPanel({ kind: 'add' })}>
            {t('login.new')}
          </button>
          <button type="button" className="button button-primary" data-testid="login-rules-close" onClick={onClose}>
            {t('login.close')}
          </button>
        </>
      }
    >
      <p className="muted">{t('login.intro')}</p>
      {error && <p className="error-text" role="alert">{error}</p>}
      {!rules && !error && <p className="muted">{t('login.loading')}</p>}
      {rules?.length === 0 && <p className="muted">{t('login.none')}</p>}
      {rules && rules.length > 0 && (
        <table className="access-table" data-testid="login-rules-table">
          <thead>
            <tr>
              <th>#</th>
              <th>{t('login.columns.subject')}</th>
              <th>{t('login.columns.networks')}</th>
              <th>{t('login.columns.days')}</th>
              <th>{t('login.columns.hours')}</th>
              <th>{t('login.columns.zone')}</th>
              <th>{t('login.columns.created')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rules.map((r) => (
              <tr key={r.id} data-testid="login-rule" data-id={r.id}>
                <td>{r.id}</td>
                <td>
                  {t(`login.${r.subject.kind}`, { name: r.subject.name })}
                  <p className="login-rules-sentence" data-testid="login-rule-sentence">
                    {ruleSentence(r, locale)}
                  </p>
                </td>
                <td className="mono">{r.cidrs.length === 0 ? t('login.anyAddress') : r.cidrs.join(', ')}</td>
                <td className="mono">{r.days}</td>
                <td className="mono">{r.hours ?? t('login.allDay')}</td>
                <td className="mono">{r.timeZone}</td>
                <td>{created(r)}</td>
                <td className="access-row-actions">
                  <button type="button" className="button button-small access-danger" data-testid="login-rule-remove" onClick={() => setPanel({ kind: 'remove', rule: r })}>
                    {t('login.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {panel?.kind === 'add' && <AddLoginRule api={api} onDone={done} onCancel={() => setPanel(null)} />}
      {panel?.kind === 'remove' && <RemoveLoginRule key={panel.rule.id} api={api} rule={panel.rule} onDone={done} onCancel={() => setPanel(null)} />}
    </Dialog>
  );
}

function RemoveLoginRule({ api, rule, onDone, onCancel }: { api: PortcullisApi; rule: LoginRule; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation('rules');
  const locale = useLocale();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => cancelRef.current?.focus(), []);
  const remove = async () => {
    setBusy(true);
    try {
      await api.request('rules.login.remove', { id: rule.id });
      onDone();
    } catch (e) {
      setProblem(errorText(e));
      setBusy(false);
    }
  };
  return (
    <div className="access-decide access-revoke" role="alertdialog" aria-label={t('login.removeConfirm.title', { id: rule.id })} data-testid="login-rule-remove-confirm">
      <h3 className="access-heading">{t('login.removeConfirm.title', { id: rule.id })}</h3>
      <p>{t('login.removeConfirm.text', { sentence: ruleSentence(rule, locale) })}</p>
      {problem && <p className="error-text" role="alert">{problem}</p>}
      <div className="access-decide-buttons">
        <button ref={cancelRef} type="button" className="button" data-testid="login-rule-remove-cancel" onClick={onCancel}>
          {t('login.cancel')}
        </button>
        <button type="button" className="button access-danger-strong" data-testid="login-rule-remove-submit" disabled={busy} onClick={() => void remove()}>
          {t('login.removeConfirm.submit')}
        </button>
      </div>
    </div>
  );
}
